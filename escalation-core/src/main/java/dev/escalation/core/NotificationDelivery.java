package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers outbox notifications through the host's {@link Notifier}, guarded: a failure becomes
 * a retry with backoff or, after the last attempt, a give-up with an audit entry. Never touches
 * the task.
 */
final class NotificationDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    /** The outcomes of one round of attempts, and the audit entries of the notifications given up. */
    record Round(List<DeliveryOutcome> outcomes, List<AuditEntry> givenUp) {}

    private final Notifier notifier;
    private final NotificationRetryPolicy retry;
    private final GuardedListeners listeners;

    NotificationDelivery(Notifier notifier, NotificationRetryPolicy retry, GuardedListeners listeners) {
        this.notifier = notifier;
        this.retry = retry;
        this.listeners = listeners;
    }

    /** Attempts each notification once. */
    Round deliver(List<PendingNotification> pending, RunScope scope, RunTally tally) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(pending.size());
        List<AuditEntry> givenUp = new ArrayList<>();
        for (PendingNotification p : pending) {
            Notification n = p.notification();
            MDC.put(EscalationRun.MDC_TASK, n.taskId());
            try {
                notifier.send(n);
                tally.notificationsDelivered++;
                outcomes.add(DeliveryOutcome.delivered(n.idempotencyKey(), p.attempts(), scope.now()));
            } catch (Exception e) {
                outcomes.add(failed(p, e, scope, tally, givenUp));
            } finally {
                MDC.remove(EscalationRun.MDC_TASK);
            }
        }
        return new Round(outcomes, givenUp);
    }

    private DeliveryOutcome failed(
            PendingNotification p, Exception e, RunScope scope, RunTally tally, List<AuditEntry> givenUp) {
        Notification n = p.notification();
        Instant now = scope.now();
        int attempts = p.attempts() + 1;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean last = attempts >= retry.maxAttempts();
        listeners.onNotificationFailed(n, attempts, last, e);
        if (last) {
            LOG.error(
                    "notification {} to {} for task {} failed {} times; giving up",
                    n.idempotencyKey(),
                    n.recipient(),
                    n.taskId(),
                    attempts,
                    e);
            tally.notificationsGivenUp++;
            givenUp.add(new AuditEntry(
                    UUID.randomUUID().toString(),
                    AuditType.NOTIFICATION_GIVEN_UP,
                    n.taskId(),
                    n.tenant(),
                    now,
                    scope.runId(),
                    n.level(),
                    Optional.empty(),
                    Optional.of(n.recipient()),
                    Optional.of(n.idempotencyKey()),
                    Map.of(
                            "attempts",
                            Integer.toString(attempts),
                            "error",
                            error,
                            "type",
                            n.type().name())));
            return DeliveryOutcome.givenUp(n.idempotencyKey(), attempts, error, now);
        }
        Instant next = now.plus(retry.backoffAfter(attempts));
        LOG.warn(
                "notification {} to {} for task {} failed (attempt {}); retrying at {}: {}",
                n.idempotencyKey(),
                n.recipient(),
                n.taskId(),
                attempts,
                next,
                error);
        tally.notificationFailures++;
        return DeliveryOutcome.retry(n.idempotencyKey(), attempts, next, error, now);
    }
}
