package dev.escalation.core.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** A compliance report as JSON and CSV text, written by hand: core has no JSON library at run time. */
final class ReportText {

    static final String CSV_HEADER = "period_start,workflow_type,stage,tenant,opened,completed,"
            + "completed_within_sla,within_sla_share,cancelled,breaches,p50,p90,p99,sla_target,escalations_by_level";

    private ReportText() {}

    static String json(ComplianceReport report) {
        StringBuilder out = new StringBuilder(256 + report.rows().size() * 400);
        out.append("{\"from\":").append(string(report.from().toString()));
        out.append(",\"to\":").append(string(report.to().toString()));
        out.append(",\"period\":").append(string(report.period().name()));
        out.append(",\"rows\":[");
        StringJoiner rows = new StringJoiner(",");
        for (ComplianceRow row : report.rows()) {
            rows.add(row(row));
        }
        out.append(rows).append("],\"assignees\":").append(ranks(report.assignees()));
        out.append(",\"escalationTargets\":").append(ranks(report.escalationTargets()));
        if (!report.goals().isEmpty()) {
            // Only with goals: every report of policies without goals reads as it always did.
            StringJoiner goals = new StringJoiner(",", "[", "]");
            for (GoalCompliance g : report.goals()) {
                goals.add("{\"goal\":" + string(g.goal()) + ",\"met\":" + g.met() + ",\"metWithinSla\":"
                        + g.metWithinSla() + ",\"withinSlaShare\":"
                        + g.withinSlaShare().map(Object::toString).orElse("null") + ",\"breaches\":" + g.breaches()
                        + "}");
            }
            out.append(",\"goals\":").append(goals);
        }
        return out.append('}').toString();
    }

    private static String row(ComplianceRow row) {
        StringJoiner levels = new StringJoiner(",", "{", "}");
        row.escalationsByLevel().forEach((level, count) -> levels.add(string(level.toString()) + ":" + count));
        return "{\"periodStart\":" + string(row.periodStart().toString())
                + ",\"workflowType\":" + string(row.workflowType())
                + ",\"stage\":" + string(row.stage())
                + ",\"tenant\":" + row.tenant().map(ReportText::string).orElse("null")
                + ",\"opened\":" + row.opened()
                + ",\"completed\":" + row.completed()
                + ",\"completedWithinSla\":" + row.completedWithinSla()
                + ",\"withinSlaShare\":" + share(row)
                + ",\"cancelled\":" + row.cancelled()
                + ",\"breaches\":" + row.breaches()
                + ",\"p50\":" + duration(row.p50())
                + ",\"p90\":" + duration(row.p90())
                + ",\"p99\":" + duration(row.p99())
                + ",\"slaTarget\":" + duration(row.slaTarget())
                + ",\"escalationsByLevel\":" + levels
                + "}";
    }

    private static String ranks(List<LoadRank> ranks) {
        StringJoiner out = new StringJoiner(",", "[", "]");
        for (LoadRank r : ranks) {
            out.add("{\"name\":" + string(r.name()) + ",\"tasks\":" + r.tasks() + ",\"openTasks\":" + r.openTasks()
                    + "}");
        }
        return out.toString();
    }

    private static String share(ComplianceRow row) {
        return row.withinSlaShare().isPresent()
                ? String.format(Locale.ROOT, "%.4f", row.withinSlaShare().getAsDouble())
                : "null";
    }

    private static String duration(Optional<Duration> value) {
        return value.map(d -> string(d.toString())).orElse("null");
    }

    /** A JSON string literal; control characters, quotes, backslashes and line separators escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String csv(ComplianceReport report) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (ComplianceRow row : report.rows()) {
            StringJoiner levels = new StringJoiner(" ");
            for (Map.Entry<Integer, Long> e : row.escalationsByLevel().entrySet()) {
                levels.add("L" + e.getKey() + "=" + e.getValue());
            }
            StringJoiner line = new StringJoiner(",");
            line.add(row.periodStart().toString())
                    .add(cell(row.workflowType()))
                    .add(cell(row.stage()))
                    .add(cell(row.tenant().orElse("")))
                    .add(Long.toString(row.opened()))
                    .add(Long.toString(row.completed()))
                    .add(Long.toString(row.completedWithinSla()))
                    .add(row.withinSlaShare().isPresent() ? share(row) : "")
                    .add(Long.toString(row.cancelled()))
                    .add(Long.toString(row.breaches()))
                    .add(row.p50().map(Duration::toString).orElse(""))
                    .add(row.p90().map(Duration::toString).orElse(""))
                    .add(row.p99().map(Duration::toString).orElse(""))
                    .add(row.slaTarget().map(Duration::toString).orElse(""))
                    .add(levels.toString());
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    /**
     * A CSV cell: quoted when it holds a comma, quote or line break; a leading {@code = + - @} is
     * prefixed with a quote mark so that a spreadsheet does not run host text as a formula.
     */
    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
