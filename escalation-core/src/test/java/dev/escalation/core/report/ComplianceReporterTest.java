package dev.escalation.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compliance report over hand-written audit entries: grouping, periods, quantiles and text forms. */
class ComplianceReporterTest {

    private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
    private int ids;

    private AuditEntry entry(AuditType type, String task, Instant at, String to, Map<String, String> details) {
        return new AuditEntry(
                "e" + ids++,
                type,
                task,
                Optional.of("acme"),
                at,
                "host",
                0,
                Optional.empty(),
                Optional.ofNullable(to),
                Optional.empty(),
                details);
    }

    private AuditEntry opened(String task, Instant at) {
        return entry(AuditType.TASK_OPENED, task, at, "alice", Map.of("stage", "Review", "workflowType", "invoice"));
    }

    private AuditEntry completed(String task, Instant at) {
        return entry(AuditType.TASK_COMPLETED, task, at, null, Map.of());
    }

    @Test
    void completions_on_two_days_give_one_row_per_day() {
        List<AuditEntry> entries = List.of(
                opened("T1", MONDAY.plusSeconds(3600)),
                opened("T2", MONDAY.plusSeconds(7200)),
                completed("T1", MONDAY.plusSeconds(10_800)),
                completed("T2", MONDAY.plus(Duration.ofHours(30))));

        ComplianceReport report =
                ComplianceReport.of(entries.iterator(), MONDAY, MONDAY.plus(Duration.ofDays(7)), ReportPeriod.DAY);

        assertThat(report.rows())
                .extracting(ComplianceRow::periodStart, ComplianceRow::opened, ComplianceRow::completed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MONDAY, 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple(MONDAY.plus(Duration.ofDays(1)), 0L, 1L));
    }

    @Test
    void a_week_period_starts_on_the_monday_before() {
        assertThat(ReportPeriod.WEEK.start(Instant.parse("2026-01-11T23:59:00Z")))
                .isEqualTo(MONDAY);
        assertThat(ReportPeriod.DAY.start(Instant.parse("2026-01-11T23:59:00Z")))
                .isEqualTo(Instant.parse("2026-01-11T00:00:00Z"));
    }

    @Test
    void quantiles_of_a_thousand_completions_are_within_one_percent_of_the_exact_values() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            entries.add(opened("T" + i, MONDAY));
        }
        for (int i = 1; i <= 1000; i++) {
            entries.add(completed("T" + i, MONDAY.plusSeconds(60L * i)));
        }

        ComplianceRow row = ComplianceReport.of(
                        entries.iterator(), MONDAY, MONDAY.plus(Duration.ofDays(1)), ReportPeriod.DAY)
                .rows()
                .get(0);

        assertThat(row.p50().orElseThrow().getSeconds()).isBetween(29_700L, 30_300L);
        assertThat(row.p90().orElseThrow().getSeconds()).isBetween(53_460L, 54_540L);
        assertThat(row.p99().orElseThrow().getSeconds()).isBetween(58_806L, 59_994L);
    }

    @Test
    void entries_before_the_range_build_state_but_are_not_counted() {
        List<AuditEntry> entries =
                List.of(opened("T1", MONDAY.minus(Duration.ofDays(1))), completed("T1", MONDAY.plusSeconds(60)));

        ComplianceRow row = ComplianceReport.of(
                        entries.iterator(), MONDAY, MONDAY.plus(Duration.ofDays(1)), ReportPeriod.DAY)
                .rows()
                .get(0);

        assertThat(row.workflowType()).isEqualTo("invoice");
        assertThat(row.opened()).isZero();
        assertThat(row.completed()).isEqualTo(1);
        assertThat(row.p50().orElseThrow().getSeconds())
                .isCloseTo(Duration.ofHours(24).plusSeconds(60).getSeconds(), withinPercentage(1));
    }

    @Test
    void a_completion_after_the_recorded_deadline_is_not_within_the_sla_even_without_a_breach_entry() {
        List<AuditEntry> entries = List.of(
                opened("T1", MONDAY),
                entry(
                        AuditType.WARNING_SENT,
                        "T1",
                        MONDAY.plusSeconds(60),
                        "alice",
                        Map.of("deadline", MONDAY.plusSeconds(120).toString())),
                completed("T1", MONDAY.plusSeconds(180)));

        ComplianceRow row = ComplianceReport.of(
                        entries.iterator(), MONDAY, MONDAY.plus(Duration.ofDays(1)), ReportPeriod.DAY)
                .rows()
                .get(0);

        assertThat(row.completedWithinSla()).isZero();
        assertThat(row.slaTarget().orElseThrow().getSeconds()).isCloseTo(120L, withinPercentage(1));
    }

    @Test
    void an_entry_older_than_the_one_before_is_refused_naming_both_instants() {
        ComplianceReporter reporter = new ComplianceReporter(MONDAY, MONDAY.plusSeconds(3600), ReportPeriod.DAY);
        reporter.accept(opened("T1", MONDAY.plusSeconds(60)));

        assertThatThrownBy(() -> reporter.accept(completed("T1", MONDAY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order")
                .hasMessageContaining(MONDAY.toString())
                .hasMessageContaining(MONDAY.plusSeconds(60).toString());
    }

    @Test
    void an_empty_range_is_refused_naming_both_ends() {
        assertThatThrownBy(() -> new ComplianceReporter(MONDAY, MONDAY, ReportPeriod.DAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to must be after from (" + MONDAY + "), but was " + MONDAY);
    }

    @Test
    void reading_stops_at_the_first_entry_at_the_end_of_the_range() {
        ComplianceReporter reporter = new ComplianceReporter(MONDAY, MONDAY.plusSeconds(60), ReportPeriod.DAY);

        assertThat(reporter.accept(opened("T1", MONDAY))).isTrue();
        assertThat(reporter.accept(opened("T2", MONDAY.plusSeconds(60)))).isFalse();
        assertThat(reporter.report().rows().get(0).opened()).isEqualTo(1);
    }

    @Test
    void json_is_parseable_and_keeps_hostile_text_intact() throws Exception {
        String hostile = "Re\"view</script>,\n=cmd";
        List<AuditEntry> entries = List.of(
                entry(
                        AuditType.TASK_OPENED,
                        "T1",
                        MONDAY,
                        "alice",
                        Map.of("stage", hostile, "workflowType", "inv\\oice")),
                completed("T1", MONDAY.plusSeconds(60)));
        ComplianceReport report =
                ComplianceReport.of(entries.iterator(), MONDAY, MONDAY.plus(Duration.ofDays(1)), ReportPeriod.DAY);

        JsonNode json = new ObjectMapper().readTree(report.toJson());

        JsonNode row = json.get("rows").get(0);
        assertThat(row.get("stage").asText()).isEqualTo(hostile);
        assertThat(row.get("workflowType").asText()).isEqualTo("inv\\oice");
        assertThat(row.get("withinSlaShare").asDouble()).isEqualTo(1.0);
        assertThat(Duration.parse(row.get("p50").asText()).getSeconds()).isCloseTo(60L, withinPercentage(1));
        assertThat(json.get("period").asText()).isEqualTo("DAY");
    }

    @Test
    void csv_quotes_cells_with_separators_and_defuses_formulas() {
        Map<String, String> details = new HashMap<>();
        details.put("stage", "=HYPERLINK(\"x\")");
        details.put("workflowType", "a,b");
        List<AuditEntry> entries = List.of(entry(AuditType.TASK_OPENED, "T1", MONDAY, "alice", details));

        String csv = ComplianceReport.of(entries.iterator(), MONDAY, MONDAY.plus(Duration.ofDays(1)), ReportPeriod.DAY)
                .toCsv();

        assertThat(csv.split("\r\n"))
                .containsExactly(
                        ReportText.CSV_HEADER,
                        "2026-01-05T00:00:00Z,\"a,b\",\"'=HYPERLINK(\"\"x\"\")\",acme,1,0,0,,0,0,,,,,");
    }
}
