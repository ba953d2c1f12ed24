package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.explain(taskId)} shows an acknowledgement and a snooze (issue #20): in the past, who
 * acknowledged or snoozed and until when; in the future, the acknowledgement's end and the level it
 * escalates to then.
 */
class AttentionTimelineTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(tasks)
            .policy(SlaPolicy.builder("Manager Approval")
                    .sla(Duration.ofHours(8))
                    .noWarning()
                    .remindEvery(Duration.ofHours(1))
                    .escalateTo(EscalationTarget.role("department_head"))
                    .escalateTo(EscalationTarget.role("director"), Duration.ofHours(4))
                    .acknowledgeTimeout(Duration.ofMinutes(30))
                    .build())
            .notifier(new RecordingNotifier())
            .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
            .build();

    @Test
    void an_acknowledged_task_s_timeline_shows_who_acknowledged_and_the_escalation_at_the_window_s_end() {
        tasks.open(NewTask.of("PO-7", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.set(Instant.parse("2026-01-05T17:00:00Z"));
        engine.runOnce();
        clock.set(Instant.parse("2026-01-05T17:10:00Z"));
        tasks.acknowledge("PO-7", "dora");

        TaskTimeline timeline = engine.explain("PO-7");

        assertThat(timeline.past())
                .filteredOn(e -> e.kind().equals(AuditType.TASK_ACKNOWLEDGED.name()))
                .singleElement()
                .satisfies(e -> assertThat(e.summary()).contains("acknowledged").contains("by dora"));
        assertThat(timeline.next())
                .filteredOn(e -> e.at().equals(Instant.parse("2026-01-05T17:40:00Z")))
                .extracting(TimelineEvent::kind)
                .contains(AuditType.ACKNOWLEDGEMENT_EXPIRED.name(), "ESCALATION");
    }

    @Test
    void a_snoozed_task_s_timeline_shows_until_when_and_the_reminder_at_the_snooze_s_end() {
        tasks.open(NewTask.of("PO-7", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.set(Instant.parse("2026-01-05T15:30:00Z"));
        tasks.snooze("PO-7", Instant.parse("2026-01-05T18:30:00Z"), "alice");

        TaskTimeline timeline = engine.explain("PO-7");

        assertThat(timeline.past())
                .filteredOn(e -> e.kind().equals(AuditType.TASK_SNOOZED.name()))
                .singleElement()
                .satisfies(e -> assertThat(e.summary())
                        .contains("reminders snoozed until 2026-01-05T18:30:00Z")
                        .contains("by alice"));
        assertThat(timeline.next())
                .filteredOn(e -> e.kind().equals("REMINDER"))
                .first()
                .satisfies(e -> assertThat(e.at()).isEqualTo(Instant.parse("2026-01-05T18:30:00Z")));
    }
}
