package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers outbox notifications through the host's {@link Notifier}, guarded: a failure becomes
 * a retry with backoff or, after the last attempt, a give-up with an audit entry. A notification
 * that its task's changes since made untrue ({@link Withdrawal}) is withdrawn instead of sent, with
 * an audit entry. What a failure says passes the task's {@link Redaction} before it is logged,
 * audited, stored as the outbox's last error or handed to listeners. Never touches the task.
 *
 * <p>Concurrency: a batch's attempts run on the engine's {@link DeliveryThreads}, at most the delivery
 * parallelism at once ({@link AttemptLanes}); an attempt still running after the delivery timeout is
 * cancelled (interrupted) and counted as a failed attempt, while the other threads go on with the
 * batch. Listeners, the tally and the outcomes stay on the run's thread. A key whose timed-out
 * attempt is still running (its notifier ignored the interrupt) is not handed to the notifier again
 * by this engine: that attempt fails at once, so one hung recipient holds at most one thread per
 * engine.
 */
final class NotificationDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    /** The outcomes of one batch of notifications, and its audit entries (given up, deferred, withdrawn). */
    record Delivered(List<DeliveryOutcome> outcomes, List<AuditEntry> audit) {}

    /** A claimed notification, its task as stored right before delivery, and that task's redaction. */
    record Claimed(PendingNotification pending, Optional<WorkflowTask> task, Redaction redaction) {}

    /** What one attempt came to on its delivery thread. */
    private sealed interface Attempt {}

    private record Sent() implements Attempt {}

    private record Held(Instant until) implements Attempt {}

    private final Notifier notifier;
    private final NotificationRetryPolicy retry;
    private final DeliveryWindow window;
    private final Duration timeout;
    private final ExecutorService threads = DeliveryThreads.start();
    private final AttemptLanes lanes;
    private final Set<String> stillRunning = ConcurrentHashMap.newKeySet();

    NotificationDelivery(EngineConfig config) {
        this.notifier = config.notifier();
        this.retry = config.retryPolicy();
        this.window = config.deliveryWindow();
        this.timeout = config.deliveryTimeout();
        this.lanes = new AttemptLanes(threads, config.deliveryParallelism(), timeout);
    }

    /**
     * Withdraws each notification its task's changes made untrue, on the run's thread, and attempts
     * each of the others once, at most the delivery parallelism at once and each for at most the
     * delivery timeout. An attempt is started only inside {@code startWindow} (nanoseconds from now: the
     * run's lease leaves room for it, {@link AttemptLanes}); the others are handed back unattempted, due
     * again at once.
     */
    Delivered deliver(
            List<Claimed> claimed,
            RunScope scope,
            RunTally tally,
            GuardedListeners listeners,
            LongSupplier startWindow) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(claimed.size());
        List<AuditEntry> audit = new ArrayList<>();
        List<Claimed> toSend = new ArrayList<>(claimed.size());
        for (Claimed c : claimed) {
            Optional<String> withdrawal = Withdrawal.reason(c.pending().notification(), c.task());
            if (withdrawal.isPresent()) {
                outcomes.add(withdrawn(c.pending(), withdrawal.get(), scope, audit));
            } else {
                toSend.add(c);
            }
        }
        List<Callable<Attempt>> calls = new ArrayList<>(toSend.size());
        for (Claimed c : toSend) {
            calls.add(attempt(c.pending().notification(), scope.now()));
        }
        List<AttemptLanes.Outcome<Attempt>> results;
        try {
            results = lanes.run(calls, startWindow);
        } catch (InterruptedException e) {
            // The host stops its scheduler: what was attempted is cancelled and stays due in the outbox.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("delivery interrupted; the batch's notifications stay due", e);
        }
        int notStarted = 0;
        for (int i = 0; i < toSend.size(); i++) {
            Claimed c = toSend.get(i);
            PendingNotification p = c.pending();
            Notification n = p.notification();
            MDC.put(EscalationRun.MDC_TASK, n.taskId());
            try {
                AttemptLanes.Outcome<Attempt> result = results.get(i);
                if (result instanceof AttemptLanes.Done<Attempt> done && done.value() instanceof Held held) {
                    tally.notificationsDeferred++;
                    audit.add(deferred(p, held.until(), scope));
                    outcomes.add(DeliveryOutcome.deferred(n.idempotencyKey(), p.attempts(), held.until(), scope.now()));
                } else if (result instanceof AttemptLanes.Done) {
                    tally.notificationsDelivered++;
                    outcomes.add(DeliveryOutcome.delivered(n.idempotencyKey(), p.attempts(), scope.now()));
                } else if (result instanceof AttemptLanes.TimedOut) {
                    tally.notificationTimeouts++;
                    outcomes.add(failed(
                            p, new DeliveryTimeoutException(timeout), c.redaction(), scope, tally, listeners, audit));
                } else if (result instanceof AttemptLanes.Failed<Attempt> failure) {
                    if (failure.cause() instanceof Error error) {
                        // As on the run's own thread: an Error (out of memory, a dying process) is no failed
                        // attempt to retry but the end of the run; the outbox keeps the batch due.
                        throw error;
                    }
                    outcomes.add(failed(
                            p, c.redaction().scrub(failure.cause()), c.redaction(), scope, tally, listeners, audit));
                } else {
                    // Not started, the run short of lease: handed back, due again at once, attempts unchanged,
                    // not audited.
                    notStarted++;
                    outcomes.add(DeliveryOutcome.deferred(n.idempotencyKey(), p.attempts(), scope.now(), scope.now()));
                }
            } finally {
                MDC.remove(EscalationRun.MDC_TASK);
            }
        }
        if (notStarted > 0) {
            LOG.warn(
                    "run is short of lease (ends {}); {} claimed notifications handed back unattempted",
                    scope.leaseUntil(),
                    notStarted);
        }
        return new Delivered(outcomes, audit);
    }

    /** Stops the delivery threads, interrupting attempts still running. */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One attempt, run on a delivery thread with the run's MDC: the window first, then the notifier. */
    private Callable<Attempt> attempt(Notification n, Instant now) {
        MDC.put(EscalationRun.MDC_TASK, n.taskId());
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        MDC.remove(EscalationRun.MDC_TASK);
        String key = n.idempotencyKey();
        if (stillRunning.contains(key)) {
            return () -> {
                throw new DeliveryTimeoutException(timeout, "its previous attempt on this engine is still running");
            };
        }
        return () -> {
            MDC.setContextMap(mdc == null ? Map.of() : mdc);
            stillRunning.add(key);
            try {
                Instant earliest = earliestDelivery(n, now);
                if (earliest.isAfter(now)) {
                    return new Held(earliest);
                }
                notifier.send(n);
                return new Sent();
            } finally {
                stillRunning.remove(key);
                MDC.clear();
            }
        };
    }

    /** The window is host code: when it throws, the notification is delivered now rather than held for nothing. */
    private Instant earliestDelivery(Notification n, Instant now) {
        try {
            Instant earliest = window.earliestDelivery(n, now);
            return earliest == null ? now : earliest;
        } catch (RuntimeException e) {
            // The message may quote the notification's text; the type and key are enough to find it.
            LOG.warn(
                    "delivery window failed for notification {} ({}); delivering it now",
                    n.idempotencyKey(),
                    e.getClass().getName());
            return now;
        }
    }

    private static AuditEntry deferred(PendingNotification p, Instant until, RunScope scope) {
        Notification n = p.notification();
        LOG.info(
                "notification {} to {} held by its delivery window until {}", n.idempotencyKey(), n.recipient(), until);
        return entry(
                AuditType.NOTIFICATION_DEFERRED,
                p,
                scope,
                Map.of("until", until.toString(), "type", n.type().name()));
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

    /**
     * The entry's id follows from what it records (type, key, and a hold's instant), so that the same
     * withdrawal, give-up or hold offered again - its run appended the audit, then failed to record
     * the outcome, and a later run repeats it - is stored once ({@code appendAudit} drops a known id).
     */
    private static AuditEntry entry(
            AuditType type, PendingNotification p, RunScope scope, Map<String, String> details) {
        Notification n = p.notification();
        // A redelivered notification starts a new series of attempts: its request joins the identity,
        // so that giving it up (or withdrawing it) again is a new entry, not a repeat of the first.
        String identity = type + "|" + n.idempotencyKey() + "|" + details.getOrDefault("until", "")
                + p.redelivery().map(request -> "|" + request).orElse("");
        return new AuditEntry(
                UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))
                        .toString(),
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
        Instant next = now.plus(retry.backoffAfter(attempts, n.idempotencyKey()));
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
