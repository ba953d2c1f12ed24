package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
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
 * a retry with backoff or, after the last attempt, a give-up with an audit entry. A notification
 * that its task's changes since made untrue ({@link Withdrawal}) is withdrawn instead of sent, with
 * an audit entry. What a failure says passes the task's {@link Redaction} before it is logged,
 * audited, stored as the outbox's last error or handed to listeners. Never touches the task.
 */
final class NotificationDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    /** The outcomes of one round of attempts, and the audit entries of the notifications given up or withdrawn. */
    record Round(List<DeliveryOutcome> outcomes, List<AuditEntry> audit) {}

    /** A claimed notification, its task as stored right before delivery, and that task's redaction. */
    record Claimed(PendingNotification pending, Optional<WorkflowTask> task, Redaction redaction) {}

    private final Notifier notifier;
    private final NotificationRetryPolicy retry;

    NotificationDelivery(Notifier notifier, NotificationRetryPolicy retry) {
        this.notifier = notifier;
        this.retry = retry;
    }

    /** Withdraws each notification its task's changes made untrue, and attempts each of the others once. */
    Round deliver(List<Claimed> claimed, RunScope scope, RunTally tally, GuardedListeners listeners) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(claimed.size());
        List<AuditEntry> audit = new ArrayList<>();
        for (Claimed c : claimed) {
            PendingNotification p = c.pending();
            Notification n = p.notification();
            MDC.put(EscalationRun.MDC_TASK, n.taskId());
            try {
                Optional<String> withdrawal = Withdrawal.reason(n, c.task());
                if (withdrawal.isPresent()) {
                    outcomes.add(withdrawn(p, withdrawal.get(), scope, audit));
                    continue;
                }
                notifier.send(n);
                tally.notificationsDelivered++;
                outcomes.add(DeliveryOutcome.delivered(n.idempotencyKey(), p.attempts(), scope.now()));
            } catch (Exception e) {
                outcomes.add(failed(p, c.redaction().scrub(e), c.redaction(), scope, tally, listeners, audit));
            } finally {
                MDC.remove(EscalationRun.MDC_TASK);
            }
        }
        return new Round(outcomes, audit);
    }

    private static DeliveryOutcome withdrawn(
            PendingNotification p, String reason, RunScope scope, List<AuditEntry> audit) {
        Notification n = p.notification();
        LOG.info(
                "notification {} to {} for task {} withdrawn, not sent: {}",
                n.idempotencyKey(),
                n.recipient(),
                n.taskId(),
                reason);
        audit.add(entry(
                AuditType.NOTIFICATION_WITHDRAWN,
                p,
                scope,
                Map.of("reason", reason, "type", n.type().name())));
        return DeliveryOutcome.withdrawn(n.idempotencyKey(), p.attempts(), reason, scope.now());
    }

    private static AuditEntry entry(
            AuditType type, PendingNotification p, RunScope scope, Map<String, String> details) {
        Notification n = p.notification();
        return new AuditEntry(
                UUID.randomUUID().toString(),
                type,
                n.taskId(),
                n.tenant(),
                scope.now(),
                scope.runId(),
                n.level(),
                Optional.empty(),
                Optional.of(n.recipient()),
                Optional.of(n.idempotencyKey()),
                details);
    }

    /** {@code e} is already scrubbed: the stack trace and every cause's message are redacted. */
    private DeliveryOutcome failed(
            PendingNotification p,
            Throwable e,
            Redaction redaction,
            RunScope scope,
            RunTally tally,
            GuardedListeners listeners,
            List<AuditEntry> givenUp) {
        Notification n = p.notification();
        Instant now = scope.now();
        int attempts = p.attempts() + 1;
        String simpleName = e instanceof Redaction.RedactedFailure r
                ? r.originalClass().substring(r.originalClass().lastIndexOf('.') + 1)
                : e.getClass().getSimpleName();
        String error = redaction.apply(simpleName + ": " + e.getMessage());
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
            givenUp.add(entry(
                    AuditType.NOTIFICATION_GIVEN_UP,
                    p,
                    scope,
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
