package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the engine on a {@link TaskScheduler}: the first run at start-up, each next one when the last
 * report says the next task is due, but never sooner than the minimum interval nor later than the
 * maximum (a task opened meanwhile, or by another node, is seen within the maximum). A failed run is
 * retried after the maximum interval, so that a broken database is not hammered.
 *
 * <p>Shutdown: {@link #stop()} cancels the next run and waits for a run in progress to finish. It is a
 * {@link SmartLifecycle} of the first phase to stop, so it stops while the {@code DataSource} and
 * everything else the run needs are still open (beans are destroyed only after every lifecycle stopped).
 */
public final class EscalationRunner implements SmartLifecycle {

    /**
     * The last phase to start and the first to stop: before the web server drains its requests, long
     * before the DataSource closes; the scheduler it runs on, in the same phase, stops after it
     * because the runner depends on it.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

    private static final Logger LOG = LoggerFactory.getLogger(EscalationRunner.class);

    private final EscalationEngine engine;
    private final TaskScheduler scheduler;
    private final Duration minInterval;
    private final Duration maxInterval;
    /** Held for the whole of a run; {@link #stop()} takes it to wait for the run in progress. */
    private final ReentrantLock running = new ReentrantLock();

    private volatile boolean started;
    private ScheduledFuture<?> next;

    /**
     * A runner that is not started yet.
     *
     * @param engine      the engine to run
     * @param scheduler   where the runs are scheduled
     * @param minInterval the shortest wait between runs
     * @param maxInterval the longest wait between runs
     */
    public EscalationRunner(
            EscalationEngine engine, TaskScheduler scheduler, Duration minInterval, Duration maxInterval) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.minInterval = minInterval;
        this.maxInterval = maxInterval;
    }

    @Override
    public void start() {
        running.lock();
        try {
            started = true;
            next = scheduler.schedule(
                    this::runAndReschedule, scheduler.getClock().instant());
        } finally {
            running.unlock();
        }
    }

    @Override
    public void stop() {
        started = false;
        running.lock(); // waits for a run in progress
        try {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        } finally {
            running.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Runs the engine once, now, on the caller's thread (the endpoint's "run now"), waiting for a
     * scheduled run in progress first.
     *
     * @return the run's report
     */
    public RunReport runNow() {
        running.lock();
        try {
            return engine.runOnce();
        } finally {
            running.unlock();
        }
    }

    /**
     * The wait before the next run after a report that says the next task is due at {@code nextDueAt}.
     *
     * @param now       the clock's instant
     * @param nextDueAt when the next task is due, if any is
     * @return the wait, between the minimum and the maximum interval
     */
    Duration delayAfter(Instant now, Optional<Instant> nextDueAt) {
        Duration wanted = nextDueAt.map(due -> Duration.between(now, due)).orElse(maxInterval);
        if (wanted.compareTo(minInterval) < 0) {
            return minInterval;
        }
        return wanted.compareTo(maxInterval) > 0 ? maxInterval : wanted;
    }

    private void runAndReschedule() {
        running.lock();
        try {
            if (!started) {
                return;
            }
            Duration delay;
            try {
                RunReport report = engine.runOnce();
                delay = delayAfter(engine.clock().now(), report.nextDueAt());
            } catch (RuntimeException e) {
                LOG.error("escalation run failed; the next one in {}", maxInterval, e);
                delay = maxInterval;
            }
            try {
                next = scheduler.schedule(
                        this::runAndReschedule, scheduler.getClock().instant().plus(delay));
            } catch (TaskRejectedException e) {
                // The scheduler is shutting down before this runner was told to stop: nothing more to run.
                LOG.debug("escalation runs end: the scheduler refused the next one", e);
            }
        } finally {
            running.unlock();
        }
    }
}
