package dev.escalation.cli;

import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceRow;
import dev.escalation.core.report.LoadRank;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.jdbc.JdbcAuditSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code report --from --to}: the SLA compliance report from the audit trail, per workflow type,
 * stage, tenant and day or week; as a table, CSV or JSON. Reads the trail in bounded memory.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "The SLA compliance report from the audit trail over [--from, --to), per workflow type, stage,"
                    + " tenant and day or week: tasks opened and completed, the share completed within the SLA,"
                    + " p50/p90/p99 time to complete against the target, breaches, escalations per level, and the"
                    + " assignees and escalation targets with the most breached tasks.",
            "Dates are midnight UTC; the trail is read from its first entry, so a task opened earlier is known."
        })
final class ReportCommand extends StoreCommand {

    @Option(
            names = "--from",
            paramLabel = "DATE",
            required = true,
            converter = Instants.class,
            description = "the start, inclusive: 2026-01-05 or 2026-01-05T09:00:00Z")
    private Instant from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            required = true,
            converter = Instants.class,
            description = "the end, exclusive: 2026-02-01 or an instant")
    private Instant to;

    @Option(
            names = "--period",
            paramLabel = "day|week",
            defaultValue = "day",
            description = "one row per group and UTC day, or ISO week (default: ${DEFAULT-VALUE})")
    private ReportPeriod period;

    @Option(names = "--csv", description = "print the rows as CSV (RFC 4180); the rankings are in --json only")
    private boolean csv;

    @Override
    void check(CommandSpec command) {
        if (!to.isAfter(from)) {
            throw new CommandLine.ParameterException(
                    command.commandLine(), "Invalid value for option '--to': " + to + " is not after --from " + from);
        }
    }

    @Override
    int run(Session session) {
        if (session.tenant().isPresent()) {
            // The report's rows name each tenant already; its rankings are across tenants.
            throw new CommandLine.ParameterException(
                    session.spec().commandLine(),
                    "report covers every tenant, one row each; --tenant cannot narrow it");
        }
        if (csv && session.json()) {
            throw new CommandLine.ParameterException(session.spec().commandLine(), "Give --csv or --json, not both");
        }
        JdbcAuditSource audit = new JdbcAuditSource(
                session.database(), session.store().schemaOptions(), JdbcAuditSource.DEFAULT_FETCH_SIZE);
        ComplianceReport report = audit.report(from, to, period);
        if (csv) {
            session.out().print(report.toCsv());
        } else if (session.json()) {
            session.out().println(report.toJson());
        } else {
            text(session.out(), report);
        }
        return EscalationCli.OK;
    }

    private static void text(PrintWriter out, ComplianceReport report) {
        out.printf(
                "SLA compliance from %s to %s, per %s%n",
                report.from(), report.to(), report.period().name().toLowerCase(Locale.ROOT));
        if (report.rows().isEmpty()) {
            out.println("No task was opened, completed or breached in the range.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "PERIOD",
                "WORKFLOW TYPE",
                "STAGE",
                "TENANT",
                "OPENED",
                "DONE",
                "IN SLA",
                "BREACHES",
                "P50",
                "P90",
                "P99",
                "TARGET",
                "ESCALATIONS"));
        for (ComplianceRow row : report.rows()) {
            StringJoiner levels = new StringJoiner(" ");
            for (Map.Entry<Integer, Long> e : row.escalationsByLevel().entrySet()) {
                levels.add("L" + e.getKey() + "=" + e.getValue());
            }
            rows.add(List.of(
                    row.periodStart().toString().substring(0, 10),
                    row.workflowType(),
                    row.stage(),
                    row.tenant().orElse("-"),
                    Long.toString(row.opened()),
                    Long.toString(row.completed()),
                    row.withinSlaShare().isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.1f%%",
                                    100 * row.withinSlaShare().getAsDouble())
                            : "-",
                    Long.toString(row.breaches()),
                    human(row.p50()),
                    human(row.p90()),
                    human(row.p99()),
                    human(row.slaTarget()),
                    levels.length() == 0 ? "-" : levels.toString()));
        }
        Table.print(out, rows);
        ranking(out, "Assignees with the most breached tasks", "breached", report.assignees());
        ranking(out, "Escalation targets with the most escalated tasks", "escalated", report.escalationTargets());
    }

    private static String human(Optional<Duration> duration) {
        return duration.map(Durations::human).orElse("-");
    }

    private static void ranking(PrintWriter out, String title, String counted, List<LoadRank> ranks) {
        if (ranks.isEmpty()) {
            return;
        }
        out.printf("%s:%n", title);
        for (LoadRank rank : ranks) {
            out.printf("  %s  %d %s, %d open%n", rank.name(), rank.tasks(), counted, rank.openTasks());
        }
    }
}
