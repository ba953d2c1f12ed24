package dev.escalation.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each host change and step does to a task's row: cancel, reassign, move, re-escalate, deadlines. */
class ComplianceReporterLifecycleTest {

    private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant SUNDAY = MONDAY.plus(Duration.ofDays(7));
    private int ids;

    private AuditEntry entry(
            AuditType type, String task, long minutes, int level, String from, String to, Map<String, String> details) {
        return new AuditEntry(
                "e" + ids++,
                type,
                task,
                Optional.empty(),
                MONDAY.plus(Duration.ofMinutes(minutes)),
                "host",
                level,
                Optional.ofNullable(from),
                Optional.ofNullable(to),
                Optional.empty(),
                details);
    }

    private AuditEntry opened(String task, long minutes) {
        return entry(
                AuditType.TASK_OPENED,
                task,
                minutes,
                0,
                null,
                "alice",
                Map.of("stage", "Review", "workflowType", "invoice"));
    }

    private ComplianceReport report(List<AuditEntry> entries) {
        return ComplianceReport.of(entries.iterator(), MONDAY, SUNDAY, ReportPeriod.WEEK);
    }

    @Test
    void a_cancelled_task_counts_as_cancelled_not_completed() {
        ComplianceRow row = report(
                        List.of(opened("T1", 0), entry(AuditType.TASK_CANCELLED, "T1", 5, 0, null, null, Map.of())))
                .rows()
                .get(0);

        assertThat(row.cancelled()).isEqualTo(1);
        assertThat(row.completed()).isZero();
        assertThat(row.withinSlaShare()).isEmpty();
    }

    @Test
    void a_reassignment_starts_a_new_sla_cycle_so_an_earlier_deadline_no_longer_counts() {
        ComplianceRow row = report(List.of(
                        opened("T1", 0),
                        entry(
                                AuditType.WARNING_SENT,
                                "T1",
                                10,
                                0,
                                "alice",
                                "alice",
                                Map.of(
                                        "deadline",
                                        MONDAY.plus(Duration.ofMinutes(60)).toString())),
                        entry(AuditType.TASK_REASSIGNED, "T1", 20, 0, "alice", "bob", Map.of()),
                        entry(AuditType.TASK_COMPLETED, "T1", 90, 0, null, null, Map.of())))
                .rows()
                .get(0);

        assertThat(row.completedWithinSla()).isEqualTo(1);
        assertThat(row.slaTarget()).isEmpty();
    }

    @Test
    void a_moved_deadline_decides_whether_the_completion_was_in_time() {
        ComplianceRow row = report(List.of(
                        opened("T1", 0),
                        entry(
                                AuditType.DEADLINE_CHANGED,
                                "T1",
                                10,
                                0,
                                null,
                                null,
                                Map.of(
                                        "to",
                                        MONDAY.plus(Duration.ofMinutes(120)).toString())),
                        entry(AuditType.TASK_COMPLETED, "T1", 90, 0, null, null, Map.of())))
                .rows()
                .get(0);

        assertThat(row.completedWithinSla()).isEqualTo(1);
    }

    @Test
    void a_deadline_that_is_not_an_instant_is_refused_naming_the_entry_and_the_text() {
        ComplianceReporter reporter = new ComplianceReporter(MONDAY, SUNDAY, ReportPeriod.DAY);
        reporter.accept(opened("T1", 0));

        assertThatThrownBy(() -> reporter.accept(
                        entry(AuditType.SLA_BREACHED, "T1", 1, 0, null, null, Map.of("deadline", "tomorrow"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audit entry 'e1' has detail deadline that is not an instant: 'tomorrow'");
    }

    @Test
    void a_re_escalation_counts_per_level_and_the_target_once() {
        ComplianceReport report = report(List.of(
                opened("T1", 0),
                entry(AuditType.SLA_BREACHED, "T1", 10, 0, null, null, Map.of()),
                entry(AuditType.ESCALATED, "T1", 11, 1, "alice", "dora", Map.of()),
                entry(AuditType.RE_ESCALATED, "T1", 20, 1, "dora", "dora", Map.of())));

        assertThat(report.rows().get(0).escalationsByLevel()).isEqualTo(Map.of(1, 2L));
        assertThat(report.escalationTargets()).containsExactly(new LoadRank("dora", 1, 1));
        assertThat(report.assignees()).containsExactly(new LoadRank("alice", 1, 0));
    }

    @Test
    void a_task_first_seen_moving_stage_counts_under_an_unknown_workflow_type() {
        ComplianceReport report = report(List.of(entry(
                AuditType.STAGE_CHANGED,
                "T9",
                10,
                0,
                "erin",
                "fred",
                Map.of("fromStage", "Draft", "toStage", "Review"))));

        assertThat(report.rows())
                .extracting(
                        ComplianceRow::workflowType,
                        ComplianceRow::stage,
                        ComplianceRow::completed,
                        ComplianceRow::opened)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("unknown", "Draft", 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple("unknown", "Review", 0L, 1L));
        assertThat(report.rows().get(0).p50()).isEmpty();
    }

    @Test
    void a_completion_at_the_instant_of_opening_takes_zero_time() {
        ComplianceRow row = report(
                        List.of(opened("T1", 0), entry(AuditType.TASK_COMPLETED, "T1", 0, 0, null, null, Map.of())))
                .rows()
                .get(0);

        assertThat(row.p50()).contains(Duration.ZERO);
        assertThat(row.p99()).contains(Duration.ZERO);
    }

    @Test
    void json_escapes_control_characters_and_line_separators_and_writes_rankings() throws Exception {
        String name = "a\tb\rc\u0001d\u2028e";
        ComplianceReport report = report(List.of(
                entry(AuditType.TASK_OPENED, "T1", 0, 0, null, name, Map.of("stage", name)),
                entry(AuditType.SLA_BREACHED, "T1", 1, 0, null, null, Map.of())));

        String json = report.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(json).doesNotContain("\u2028", "\t", "\u0001");
        assertThat(tree.get("rows").get(0).get("stage").asText()).isEqualTo(name);
        assertThat(tree.get("rows").get(0).get("withinSlaShare").isNull()).isTrue();
        assertThat(tree.get("rows").get(0).get("tenant").isNull()).isTrue();
        assertThat(tree.get("assignees").get(0).get("name").asText()).isEqualTo(name);
        assertThat(tree.get("assignees").get(0).get("openTasks").asLong()).isEqualTo(1);
    }

    @Test
    void csv_lists_escalations_by_level_and_quotes_a_line_break() {
        String csv = report(List.of(
                        entry(AuditType.TASK_OPENED, "T1", 0, 0, null, "alice", Map.of("stage", "two\nlines")),
                        entry(AuditType.ESCALATED, "T1", 1, 1, "alice", "dora", Map.of()),
                        entry(AuditType.ESCALATED, "T1", 2, 2, "dora", "dirk", Map.of())))
                .toCsv();

        assertThat(csv).endsWith(",unknown,\"two\nlines\",,1,0,0,,0,0,,,,,L1=1 L2=1\r\n");
    }

    @Test
    void a_row_with_more_completed_within_the_sla_than_completed_is_refused() {
        assertThatThrownBy(() -> new ComplianceRow(
                        MONDAY,
                        "invoice",
                        "Review",
                        Optional.empty(),
                        1,
                        1,
                        2,
                        0,
                        0,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("completedWithinSla must not exceed completed (1), but was 2");
    }

    @Test
    void a_negative_count_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new LoadRank("alice", -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tasks must not be negative, but was -1");
    }

    @Test
    void a_report_whose_range_ends_before_it_starts_is_refused() {
        assertThatThrownBy(
                        () -> new ComplianceReport(SUNDAY, MONDAY, ReportPeriod.DAY, List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to must be after from (" + SUNDAY + "), but was " + MONDAY);
    }
}
