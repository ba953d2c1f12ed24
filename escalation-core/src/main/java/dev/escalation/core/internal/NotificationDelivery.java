package dev.escalation.core.internal;

import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
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
 * the task. Internal: may change at any time.
 */
final class NotificationDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    private final Notifier notifier;
    private final NotificationRetryPolicy retry;
    private final GuardedListeners listeners;

    NotificationDelivery(Notifier notifier, NotificationRetryPolicy retry, GuardedListeners listeners) {
        this.notifier = notifier;
        this.retry = retry;
        this.listeners = listeners;
    }

    /** Attempts each notification once; returns the outcomes and adds give-up audit entries to {@code audit}. */
    List<DeliveryOutcome> deliver(
            List<PendingNotification> pending, Instant now, String actor, RunTally tally, List<AuditEntry> audit) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(pending.size());
        for (PendingNotification p : pending) {
            Notification n = p.notification();
            MDC.put(EscalationRun.MDC_TASK, n.taskId());
            try {
                notifier.send(n);
                tally.notificationsDelivered++;
                outcomes.add(DeliveryOutcome.delivered(n.idempotencyKey(), p.attempts(), now));
            } catch (Exception e) {
                outcomes.add(failed(p, e, now, actor, tally, audit));
            } finally {
                MDC.remove(EscalationRun.MDC_TASK);
            }
        }
        return outcomes;
    }

    private DeliveryOutcome failed(
            PendingNotification p, Exception e, Instant now, String actor, RunTally tally, List<AuditEntry> audit) {
        Notification n = p.notification();
        int attempts = p.attempts() + 1;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean givenUp = attempts >= retry.maxAttempts();
        listeners.onNotificationFailed(n, attempts, givenUp, e);
        if (givenUp) {
            LOG.error(
                    "notification {} to {} for task {} failed {} times; giving up",
                    n.idempotencyKey(),
                    n.recipient(),
                    n.taskId(),
                    attempts,
                    e);
            tally.notificationsGivenUp++;
            audit.add(new AuditEntry(
                    UUID.randomUUID().toString(),
                    AuditType.NOTIFICATION_GIVEN_UP,
                    n.taskId(),
                    n.tenant(),
                    now,
                    actor,
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
