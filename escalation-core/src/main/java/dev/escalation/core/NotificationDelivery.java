package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers outbox notifications through the host's {@link Notifier}, guarded: a failure becomes
 * a retry with backoff or, after the last attempt, a give-up with an audit entry. Never touches
 * the task.
 *
 * <p>Concurrency: a round's attempts run at once on the engine's {@link DeliveryThreads}; the run's
 * thread waits at most the delivery timeout for all of them, then cancels (interrupts) what is still
 * running and counts it as a failed attempt. Listeners, the tally and the outcomes stay on the run's
 * thread. A key whose timed-out attempt is still running (its notifier ignored the interrupt) is not
 * handed to the notifier again by this engine: that attempt fails at once, so one hung recipient
 * holds at most one thread per engine.
 */
final class NotificationDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    /** The outcomes of one round of attempts, and its audit entries (given up, deferred). */
    record Round(List<DeliveryOutcome> outcomes, List<AuditEntry> audit) {}

    /** What one attempt came to on its delivery thread. */
    private sealed interface Attempt {}

    private record Sent() implements Attempt {}

    private record Held(Instant until) implements Attempt {}

    private final Notifier notifier;
    private final NotificationRetryPolicy retry;
    private final GuardedListeners listeners;
    private final DeliveryWindow window;
    private final Duration timeout;
    private final ExecutorService threads = DeliveryThreads.start();
    private final Set<String> stillRunning = ConcurrentHashMap.newKeySet();

    NotificationDelivery(EngineConfig config, GuardedListeners listeners) {
        this.notifier = config.notifier();
        this.retry = config.retryPolicy();
        this.window = config.deliveryWindow();
        this.timeout = config.deliveryTimeout();
        this.listeners = listeners;
    }

    /** Attempts each notification once, all at once, waiting at most the delivery timeout. */
    Round deliver(List<PendingNotification> pending, RunScope scope, RunTally tally) {
        List<Callable<Attempt>> calls = new ArrayList<>(pending.size());
        for (PendingNotification p : pending) {
            calls.add(attempt(p.notification(), scope.now()));
        }
        List<Future<Attempt>> results;
        try {
            results = threads.invokeAll(calls, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // The host stops its scheduler: what was attempted is cancelled and stays due in the outbox.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("delivery interrupted; the round's notifications stay due", e);
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>(pending.size());
        List<AuditEntry> audit = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            PendingNotification p = pending.get(i);
            Notification n = p.notification();
            MDC.put(EscalationRun.MDC_TASK, n.taskId());
            try {
                Attempt attempt = results.get(i).get();
                if (attempt instanceof Held held) {
                    tally.notificationsDeferred++;
                    audit.add(deferred(n, held.until(), scope));
                    outcomes.add(DeliveryOutcome.deferred(n.idempotencyKey(), p.attempts(), held.until(), scope.now()));
                } else {
                    tally.notificationsDelivered++;
                    outcomes.add(DeliveryOutcome.delivered(n.idempotencyKey(), p.attempts(), scope.now()));
                }
            } catch (CancellationException e) {
                tally.notificationTimeouts++;
                outcomes.add(failed(p, new DeliveryTimeoutException(timeout), scope, tally, audit));
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception ex ? ex : e;
                outcomes.add(failed(p, cause, scope, tally, audit));
            } catch (InterruptedException e) {
                throw new AssertionError("invokeAll returns completed futures only", e);
            } finally {
                MDC.remove(EscalationRun.MDC_TASK);
            }
        }
        return new Round(outcomes, audit);
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

    private static AuditEntry deferred(Notification n, Instant until, RunScope scope) {
        LOG.info(
                "notification {} to {} held by its delivery window until {}", n.idempotencyKey(), n.recipient(), until);
        return new AuditEntry(
                UUID.randomUUID().toString(),
                AuditType.NOTIFICATION_DEFERRED,
                n.taskId(),
                n.tenant(),
                scope.now(),
                scope.runId(),
                n.level(),
                Optional.empty(),
                Optional.of(n.recipient()),
                Optional.of(n.idempotencyKey()),
                Map.of("until", until.toString(), "type", n.type().name()));
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
