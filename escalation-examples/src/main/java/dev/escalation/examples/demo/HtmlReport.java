package dev.escalation.examples.demo;

import dev.escalation.core.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page: inline SVG charts, no scripts, no external files, so it opens
 * anywhere and can be attached to a ticket.
 */
final class HtmlReport {

    private static final String OPEN = "#3366cc";
    private static final String NEAR_BREACH = "#e69f00";
    private static final String BREACHED = "#cc3333";
    private static final String RE_ESCALATED = "#f0a0a0";
    private static final String OUTAGE = "scheduler down";
    /** Runs are 15 minutes apart; a longer silence means no run, so the lines break there. */
    private static final Duration GAP = Simulation.TICK.multipliedBy(2);

    private HtmlReport() {}

    static String render(DemoOptions options, Simulation.Result result, List<StageSummary> stages) {
        StringBuilder html = new StringBuilder(64_000);
        html.append(
                        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Escalation demo report</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:920px}")
                .append(
                        "table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}")
                .append(
                        "td:first-child,th:first-child{text-align:left;white-space:nowrap}p.note{color:#555;font-size:0.9em}")
                .append(
                        ".legend span{margin-right:1.5em;white-space:nowrap}.key{display:inline-block;width:18px;height:4px;")
                .append("vertical-align:middle;margin-right:6px}</style></head><body>")
                .append("<h1>Escalation demo</h1><p>")
                .append(options.tasks())
                .append(" tasks over ")
                .append(options.days())
                .append(" simulated days, seed ")
                .append(options.seed())
                .append(", ")
                .append(result.runs().size())
                .append(
                        " engine runs every 15 minutes; the grey band is a 20-hour scheduler outage, after which one run catches up.</p>");
        html.append("<h2>Open, near-breach and breached tasks</h2>")
                .append(legend(
                        new String[] {"open", "near breach (past the warning point)", "breached (past the deadline)"},
                        new String[] {OPEN, NEAR_BREACH, BREACHED}))
                .append(lines(options, result.samples()))
                .append("<p class=\"note\">Counted after every run. Open includes near-breach and breached tasks.</p>");
        html.append("<h2>Escalations per day</h2>")
                .append(legend(
                        new String[] {"escalations to a new level", "re-escalations at the last level"},
                        new String[] {BREACHED, RE_ESCALATED}))
                .append(bars(options, result.runs()));
        html.append("<h2>Outcome per stage</h2><table><tr><th>stage</th><th>tasks</th><th>met SLA</th><th>warned</th>")
                .append(
                        "<th>level 1</th><th>level 2+</th><th>re-escalated</th><th>breached</th><th>still open</th></tr>");
        for (StageSummary s : stages) {
            html.append("<tr><td>")
                    .append(escape(s.stage()))
                    .append("</td><td>")
                    .append(s.tasks())
                    .append("</td><td>")
                    .append(s.metSla())
                    .append("</td><td>")
                    .append(s.warned())
                    .append("</td><td>")
                    .append(s.escalatedLevel1())
                    .append("</td><td>")
                    .append(s.escalatedLevel2Plus())
                    .append("</td><td>")
                    .append(s.reEscalated())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", s.breachedPercent()))
                    .append("</td><td>")
                    .append(s.stillOpen())
                    .append("</td></tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String lines(DemoOptions options, List<Simulation.Sample> samples) {
        long max = samples.stream().mapToLong(Simulation.Sample::open).max().orElse(1);
        SvgChart chart = new SvgChart(Simulation.START, options.days(), max, "tasks");
        chart.band(Simulation.OUTAGE_START, Simulation.OUTAGE_END, OUTAGE);
        Instant[] at = samples.stream().map(Simulation.Sample::at).toArray(Instant[]::new);
        chart.line(at, samples.stream().mapToLong(Simulation.Sample::open).toArray(), OPEN, GAP);
        chart.line(at, samples.stream().mapToLong(Simulation.Sample::nearBreach).toArray(), NEAR_BREACH, GAP);
        chart.line(at, samples.stream().mapToLong(Simulation.Sample::breached).toArray(), BREACHED, GAP);
        return chart.render("open, near-breach and breached tasks over the simulated days");
    }

    private static String bars(DemoOptions options, List<RunReport> runs) {
        long[] escalations = new long[options.days()];
        long[] reEscalations = new long[options.days()];
        for (RunReport run : runs) {
            // The last run falls exactly on the end of the last day: count it with that day.
            int day = (int) Math.min(
                    options.days() - 1,
                    Duration.between(Simulation.START, run.startedAt()).toDays());
            escalations[day] += run.escalations();
            reEscalations[day] += run.reEscalations();
        }
        long max = 0;
        for (int d = 0; d < escalations.length; d++) {
            max = Math.max(max, escalations[d] + reEscalations[d]);
        }
        SvgChart chart = new SvgChart(Simulation.START, options.days(), max, "per day");
        chart.band(Simulation.OUTAGE_START, Simulation.OUTAGE_END, OUTAGE);
        for (int d = 0; d < escalations.length; d++) {
            long total = escalations[d] + reEscalations[d];
            chart.bar(d, 0, escalations[d], BREACHED);
            chart.bar(d, escalations[d], total, RE_ESCALATED);
            if (total > 0 && options.days() <= 31) {
                chart.barLabel(d, total);
            }
        }
        return chart.render("escalations and re-escalations per simulated day");
    }

    private static String legend(String[] labels, String[] colours) {
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < labels.length; i++) {
            legend.append("<span><span class=\"key\" style=\"background:")
                    .append(colours[i])
                    .append("\"></span>")
                    .append(labels[i])
                    .append("</span>");
        }
        return legend.append("</p>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
