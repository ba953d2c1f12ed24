package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The future half of a timeline: the planner run forward, step by step, as runs would take the steps. */
class TimelinePlanTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);

    private EscalationEngine engine(int maxReEscalations) {
        SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(8))
                .warnBefore(Duration.ofHours(2))
                .remindEvery(Duration.ofHours(1))
                .maxReminders(1)
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"), Duration.ofHours(4))
                .reEscalateEvery(Duration.ofHours(24))
                .maxReEscalations(maxReEscalations)
                .build();
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
                .build();
    }

    @Test
    void a_fresh_task_plans_its_warning_reminder_breach_levels_and_re_escalations_in_order() {
        EscalationEngine engine = engine(2);
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        engine.runOnce();

        TaskTimeline timeline = engine.explain("PO-1");

        assertThat(timeline.next())
                .extracting(e -> e.at() + " " + e.kind())
                .containsExactly(
                        "2026-01-05T15:00:00Z WARNING",
                        "2026-01-05T16:00:00Z REMINDER",
                        "2026-01-05T17:00:00Z SLA_BREACH",
                        "2026-01-05T17:00:00Z ESCALATION",
                        "2026-01-05T21:00:00Z ESCALATION",
                        "2026-01-06T21:00:00Z RE_ESCALATION",
                        "2026-01-07T21:00:00Z RE_ESCALATION");
        assertThat(timeline.moreAfterNext()).isFalse();
        assertThat(timeline.text())
                .contains("Why: not escalated in this cycle (cycle 0)\n")
                .contains("  2026-01-05T15:00:00Z  WARNING  warning to the assignee (step PO-1/0/WARNING/1)\n")
                .contains("  2026-01-05T16:00:00Z  REMINDER  reminder 1 to the assignee (step PO-1/0/REMINDER/1)\n")
                .contains("When: next escalation at 2026-01-05T17:00:00Z, escalation to level 1: role:department_head");
    }

    @Test
    void steps_that_fell_due_before_any_run_took_them_are_planned_now_the_most_advanced_notified() {
        EscalationEngine engine = engine(2);
        tasks.open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(13));

        TaskTimeline timeline = engine.explain("PO-2");

        assertThat(timeline.next().subList(0, 5))
                .extracting(e -> e.at() + " " + e.kind() + " " + e.summary())
                .containsExactly(
                        "2026-01-05T22:00:00Z SLA_BREACH the deadline passes: the task is breached",
                        "2026-01-05T22:00:00Z WARNING step PO-2/0/WARNING/1 skipped, superseded by PO-2/0/ESCALATION/2",
                        "2026-01-05T22:00:00Z REMINDER step PO-2/0/REMINDER/1 skipped, superseded by PO-2/0/ESCALATION/2",
                        "2026-01-05T22:00:00Z ESCALATION step PO-2/0/ESCALATION/1 skipped, superseded by PO-2/0/ESCALATION/2",
                        "2026-01-05T22:00:00Z ESCALATION escalation to level 2: role:director (step PO-2/0/ESCALATION/2)");
    }

    @Test
    void a_long_chain_of_re_escalations_is_cut_at_the_maximum_and_says_more_follow() {
        EscalationEngine engine = engine(40);
        tasks.open(NewTask.of("PO-3", "purchase-order", "Manager Approval", "alice", clock.now()));
        engine.runOnce();

        TaskTimeline timeline = engine.explain("PO-3");

        assertThat(timeline.next()).hasSize(TaskTimeline.MAX_NEXT);
        assertThat(timeline.moreAfterNext()).isTrue();
        assertThat(timeline.text()).endsWith("  ... and more steps after these\n");
    }

    @Test
    void a_completed_task_plans_nothing_and_says_why() {
        EscalationEngine engine = engine(2);
        tasks.open(NewTask.of("PO-4", "purchase-order", "Manager Approval", "alice", clock.now()));
        engine.runOnce();
        tasks.complete("PO-4");

        TaskTimeline timeline = engine.explain("PO-4");

        assertThat(timeline.next()).isEmpty();
        assertThat(timeline.text())
                .contains("  nothing planned: the task is COMPLETED\n")
                .contains("When: no escalation planned: the task is COMPLETED\n")
                .contains("TASK_COMPLETED  by host");
    }
}
