package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The world of the engine tests: a {@link ManualClock} at {@link #START}, an in-memory repository,
 * a recording notifier and audit sink, and an org chart in which the department head is dora, the
 * director dirk and the CEO cleo.
 */
final class EngineFixture {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Map<String, String> ORG_CHART = Map.of("department_head", "dora", "director", "dirk", "ceo", "cleo");

    final ManualClock clock = ManualClock.at(START);
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);
    final RecordingNotifier notifier = new RecordingNotifier();

    /**
     * The retries of the engine tests: 6 attempts, 1 minute doubling, no jitter (the defaults until
     * issue 17), so that they can name the exact instant of every retry. {@link NotifierOutageTest}
     * runs the real defaults.
     */
    static final NotificationRetryPolicy EXACT_RETRY =
            new NotificationRetryPolicy(6, Duration.ofMinutes(1), 2.0, Duration.ofHours(1));

    /** An engine over this world, governed by {@code policy}; tests add to it before {@code build()}. */
    EscalationEngine.Builder engine(SlaPolicy policy) {
        return EscalationEngine.builder()
                .notificationRetry(EXACT_RETRY)
                .repository(tasks)
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(ORG_CHART));
    }

    /** Opens a purchase order in "Manager Approval", assigned to alice, its SLA starting now. */
    WorkflowTask open(String id) {
        return tasks.open(NewTask.of(id, "purchase-order", "Manager Approval", "alice", clock.now()));
    }

    WorkflowTask task(String id) {
        return tasks.find(id).orElseThrow();
    }

    /** Sets the clock to {@code sinceStart} after {@link #START}. */
    void at(Duration sinceStart) {
        clock.set(START.plus(sinceStart));
    }

    /** The step keys of the audit entries of one type, in order. */
    List<String> stepKeys(AuditType type) {
        return audit.entriesOf(type).stream()
                .map(e -> e.stepKey().orElseThrow())
                .toList();
    }

    List<AuditEntry> entries(AuditType type) {
        return audit.entriesOf(type);
    }

    List<String> deliveredKeys() {
        return notifier.delivered().stream().map(Notification::idempotencyKey).toList();
    }

    static Duration minutes(long value) {
        return Duration.ofMinutes(value);
    }

    static Duration hours(long value) {
        return Duration.ofHours(value);
    }

    static Duration days(long value) {
        return Duration.ofDays(value);
    }
}
