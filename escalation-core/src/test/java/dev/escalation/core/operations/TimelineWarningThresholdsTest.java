package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's timeline names each of its policy's warning thresholds: when, what and to whom (issue 20). */
class TimelineWarningThresholdsTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(tasks)
            .policy(SlaPolicy.builder("Manager Approval")
                    .sla(Duration.ofHours(8))
                    .warnings(List.of(
                            WarningThreshold.of(Warning.at(0.5)),
                            WarningThreshold.of(Warning.at(0.9))
                                    .notifying(NotificationType.REMINDER, EscalationTarget.role("department_head"))))
                    .escalateTo(EscalationTarget.role("director"))
                    .build())
            .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
            .build();

    @Test
    void the_planned_steps_name_each_threshold_its_type_and_recipient_to_the_minute() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        engine.runOnce();

        TaskTimeline timeline = engine.explain("PO-1");

        assertThat(timeline.next())
                .extracting(e -> e.at() + " " + e.kind() + " " + e.summary())
                .startsWith(
                        "2026-01-05T13:00:00Z WARNING warning threshold 1 of 2 (at 0.5): WARNING to the assignee"
                                + " (step PO-1/0/WARNING/1)",
                        "2026-01-05T16:12:00Z WARNING warning threshold 2 of 2 (at 0.9): REMINDER to"
                                + " role:department_head (step PO-1/0/WARNING/2)",
                        "2026-01-05T17:00:00Z SLA_BREACH the deadline passes: the task is breached");
    }
}
