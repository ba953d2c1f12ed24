package dev.escalation.micrometer;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A real engine over an in-memory repository and a manual clock, as the tests of this module use
 * it. The policy's steps for a task opened at {@link #START}: warning at +22 h, reminder at +23 h,
 * level 1 (dora) at +24 h, level 2 (erik) at +32 h, re-escalations every 24 h after that.
 * Tasks of workflow type {@value #UNGOVERNED} have no policy.
 */
final class EngineFixture {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final String UNGOVERNED = "ungoverned";
    static final SlaPolicy POLICY = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofHours(1))
            .maxReminders(1)
            .escalateTo(EscalationTarget.user("dora"))
            .escalateTo(EscalationTarget.user("erik"), Duration.ofHours(8))
            .reEscalateEvery(Duration.ofHours(24))
            .build();

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    final RecordingNotifier notifier = new RecordingNotifier();

    /** An engine builder over the fixture's repository; add metrics, then build. */
    EscalationEngine.Builder engine() {
        return engine(tasks);
    }

    /** An engine builder over {@code repository}, e.g. a wrapper around the fixture's. */
    EscalationEngine.Builder engine(WorkflowRepository repository) {
        return EscalationEngine.builder()
                .repository(repository)
                .policies(task -> UNGOVERNED.equals(task.workflowType()) ? Optional.empty() : Optional.of(POLICY))
                .notifier(notifier)
                .notificationRetry(new NotificationRetryPolicy(2, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10)));
    }

    /** Opens a purchase-order task in {@code stage}, assigned to alice, with its SLA starting at {@link #START}. */
    void open(String id, String stage) {
        open(id, "purchase-order", stage);
    }

    void open(String id, String workflowType, String stage) {
        tasks.open(NewTask.of(id, workflowType, stage, "alice", START));
    }

    /** Moves the clock to {@code hours} after {@link #START}. */
    void atHour(double hours) {
        clock.set(START.plus(Duration.ofMinutes(Math.round(hours * 60))));
    }
}
