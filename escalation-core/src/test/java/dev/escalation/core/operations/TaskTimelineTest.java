package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.explain(taskId)}: a task's past from the audit trail and its future from the pure
 * planner, with holds, a reassignment and a late run, as text (in hostile zones), record and JSON.
 */
class TaskTimelineTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(8))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofHours(1))
            .maxReminders(1)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), Duration.ofHours(4))
            .reEscalateEvery(Duration.ofHours(24))
            .maxReEscalations(2)
            .build();
    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(tasks)
            .policy(policy)
            .notifier(new RecordingNotifier())
            .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
            .build();

    /**
     * Opened 09:00 for alice, reassigned to bob at 10:00 (a new cycle, whose SLA runs from then), held
     * 11:00-13:00 (deadline 18:00 + 2 h = 20:00), then no run until 02:00 the next day: the late run
     * escalates straight to level 2 (due 00:00) and skips the warning, the reminder and level 1.
     */
    private void reassignedHeldAndLate() {
        tasks.open(NewTask.of("PO-7", "purchase-order", "Manager Approval", "alice", clock.now()));
        engine.runOnce();
        clock.advance(Duration.ofHours(1));
        tasks.reassign("PO-7", "bob");
        clock.advance(Duration.ofHours(1));
        tasks.hold("PO-7");
        clock.advance(Duration.ofHours(2));
        tasks.resume("PO-7");
        engine.runOnce();
        clock.set(Instant.parse("2026-01-06T02:00:00Z"));
        engine.runOnce();
    }

    /** Run ids are random: the text shows them as {@code <run>}. */
    private static String withoutRunIds(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<run>");
    }

    @Test
    void explains_a_held_reassigned_task_after_a_late_run_as_one_block_of_text() {
        reassignedHeldAndLate();

        String text = withoutRunIds(engine.explain("PO-7").text());

        assertThat(text).isEqualTo("""
                Task PO-7 (purchase-order, stage Manager Approval), assigned to dirk, OPEN
                Policy Manager Approval, version 7bd5a41c6cb3
                As of 2026-01-06T02:00:00Z: BREACHED, warning at 2026-01-05T18:00:00Z, deadline 2026-01-05T20:00:00Z
                Holds: 2026-01-05T11:00:00Z to 2026-01-05T13:00:00Z
                Why: escalated to level 2 at 2026-01-06T02:00:00Z, because the deadline 2026-01-05T20:00:00Z passed without the task being completed
                When: next escalation at 2026-01-07T00:00:00Z, re-escalation 1: role:director (step PO-7/1/RE_ESCALATION/1)
                History:
                  2026-01-05T09:00:00Z  TASK_OPENED  to alice, by host
                  2026-01-05T10:00:00Z  TASK_REASSIGNED  alice -> bob, by host
                  2026-01-05T11:00:00Z  TASK_HELD  by host
                  2026-01-05T13:00:00Z  TASK_RESUMED  by host
                  2026-01-06T02:00:00Z  STEP_SKIPPED  step PO-7/1/WARNING/1, by <run>
                  2026-01-06T02:00:00Z  STEP_SKIPPED  step PO-7/1/REMINDER/1, by <run>
                  2026-01-06T02:00:00Z  STEP_SKIPPED  step PO-7/1/ESCALATION/1, by <run>
                  2026-01-06T02:00:00Z  SLA_BREACHED  by <run>
                  2026-01-06T02:00:00Z  ESCALATED  step PO-7/1/ESCALATION/2, level 2, bob -> dirk, by <run>
                Next:
                  2026-01-07T00:00:00Z  RE_ESCALATION  re-escalation 1: role:director (step PO-7/1/RE_ESCALATION/1)
                  2026-01-08T00:00:00Z  RE_ESCALATION  re-escalation 2: role:director (step PO-7/1/RE_ESCALATION/2)
                """);
    }

    @Test
    void shows_every_instant_in_the_reader_s_zone_with_its_offset() {
        reassignedHeldAndLate();

        String text = withoutRunIds(engine.explain("PO-7").text(ZoneId.of("Pacific/Chatham")));

        assertThat(text).isEqualTo("""
                Task PO-7 (purchase-order, stage Manager Approval), assigned to dirk, OPEN
                Policy Manager Approval, version 7bd5a41c6cb3
                As of 2026-01-06T15:45:00+13:45: BREACHED, warning at 2026-01-06T07:45:00+13:45, deadline 2026-01-06T09:45:00+13:45
                Holds: 2026-01-06T00:45:00+13:45 to 2026-01-06T02:45:00+13:45
                Why: escalated to level 2 at 2026-01-06T15:45:00+13:45, because the deadline 2026-01-06T09:45:00+13:45 passed without the task being completed
                When: next escalation at 2026-01-07T13:45:00+13:45, re-escalation 1: role:director (step PO-7/1/RE_ESCALATION/1)
                History:
                  2026-01-05T22:45:00+13:45  TASK_OPENED  to alice, by host
                  2026-01-05T23:45:00+13:45  TASK_REASSIGNED  alice -> bob, by host
                  2026-01-06T00:45:00+13:45  TASK_HELD  by host
                  2026-01-06T02:45:00+13:45  TASK_RESUMED  by host
                  2026-01-06T15:45:00+13:45  STEP_SKIPPED  step PO-7/1/WARNING/1, by <run>
                  2026-01-06T15:45:00+13:45  STEP_SKIPPED  step PO-7/1/REMINDER/1, by <run>
                  2026-01-06T15:45:00+13:45  STEP_SKIPPED  step PO-7/1/ESCALATION/1, by <run>
                  2026-01-06T15:45:00+13:45  SLA_BREACHED  by <run>
                  2026-01-06T15:45:00+13:45  ESCALATED  step PO-7/1/ESCALATION/2, level 2, bob -> dirk, by <run>
                Next:
                  2026-01-07T13:45:00+13:45  RE_ESCALATION  re-escalation 1: role:director (step PO-7/1/RE_ESCALATION/1)
                  2026-01-08T13:45:00+13:45  RE_ESCALATION  re-escalation 2: role:director (step PO-7/1/RE_ESCALATION/2)
                """);
    }

    @Test
    void writes_the_timeline_as_json_with_instants_as_iso_text() throws Exception {
        reassignedHeldAndLate();

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(engine.explain("PO-7")));

        assertThat(json.get("taskId").asText()).isEqualTo("PO-7");
        assertThat(json.get("assignee").asText()).isEqualTo("dirk");
        assertThat(json.get("policy").asText()).isEqualTo("Manager Approval");
        assertThat(json.get("policyVersion").asText())
                .as("the version the future steps are planned under")
                .isEqualTo(engine.explain("PO-7").policyVersion().orElseThrow())
                .matches("[0-9a-f]{12}");
        assertThat(json.get("deadline").asText()).isEqualTo("2026-01-05T20:00:00Z");
        assertThat(json.get("holds").get(0).get("from").asText()).isEqualTo("2026-01-05T11:00:00Z");
        assertThat(json.get("holds").get(0).get("until").asText()).isEqualTo("2026-01-05T13:00:00Z");
        assertThat(json.get("past").get(0).get("kind").asText()).isEqualTo("TASK_OPENED");
        assertThat(json.get("past").get(0).get("at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(json.get("next").get(0).get("kind").asText()).isEqualTo("RE_ESCALATION");
        assertThat(json.has("task")).isFalse();
    }

    @Test
    void plans_nothing_for_a_task_on_hold_and_says_since_when_its_clock_is_paused() {
        tasks.open(NewTask.of("PO-8", "purchase-order", "Manager Approval", "alice", clock.now()));
        engine.runOnce();
        clock.advance(Duration.ofHours(3));
        tasks.hold("PO-8");

        TaskTimeline timeline = engine.explain("PO-8");

        assertThat(timeline.next()).isEmpty();
        assertThat(timeline.deadline())
                .as("not known while the clock is paused")
                .isEmpty();
        assertThat(timeline.text())
                .contains(
                        "When: no escalation planned: on hold since 2026-01-05T12:00:00Z, the SLA clock is paused until it resumes\n");
    }

    @Test
    void refuses_to_explain_a_task_that_is_not_stored() {
        assertThatThrownBy(() -> engine.explain("PO-404")).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void refuses_to_explain_through_a_repository_without_operator_queries() {
        EscalationEngine hidden = EscalationEngine.builder()
                .repository(new ForwardingWorkflowRepository(tasks) {})
                .policy(policy)
                .build();

        assertThatThrownBy(() -> hidden.explain("PO-7"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("OperatorQueries");
    }
}
