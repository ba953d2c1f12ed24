package dev.escalation.benchmarks.core;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-memory repository in a steady state: every open task has a step due every hour, spread
 * evenly, so each run after {@link #runInterval()} finds about the same number of due steps,
 * however many runs JMH makes.
 *
 * <p>The policy warns 2 h before a 24 h deadline and then reminds every hour without end;
 * escalation levels fall on reminder points and replace them. SLA starts are spread over one hour,
 * and the world starts once every task has had its warning, so from then on each task has one step
 * per hour: {@code openTasks} steps per hour, and a run every
 * {@code 1 h * duePerRun / openTasks} finds {@code duePerRun} of them due.
 */
public final class SteadyWorld {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = ManualClock.at(Workloads.NOW);
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final EscalationEngine engine;
    private final Duration runInterval;
    // The engine delivers on several threads at once: the notifier must be thread-safe.
    private final LongAdder notificationsSent = new LongAdder();

    public SteadyWorld(int openTasks, int duePerRun, boolean countSla) {
        if (duePerRun <= 0 || duePerRun > openTasks) {
            throw new IllegalArgumentException("duePerRun must lie in 1.." + openTasks + ", but was " + duePerRun);
        }
        SlaPolicy hourly = SlaPolicy.builder("Hourly reminders")
                .sla(Duration.ofHours(24))
                .warnBefore(Duration.ofHours(2))
                .remindEvery(HOUR)
                .maxReminders(SlaPolicy.MAX_COUNT) // the most a policy may have: 500 hours of steady reminders
                .escalateTo(EscalationTarget.user("department-head"))
                .escalateTo(EscalationTarget.user("director"), Duration.ofHours(8))
                .build();
        engine = EscalationEngine.builder()
                .repository(tasks)
                .policy(hourly)
                .countSla(countSla)
                .maxTasksPerRun(Math.max(openTasks, duePerRun))
                .notifier(notification -> notificationsSent.increment())
                .build();
        runInterval = HOUR.multipliedBy(duePerRun).dividedBy(openTasks);
        long spreadNanos = HOUR.toNanos();
        for (int i = 0; i < openTasks; i++) {
            Instant slaStart = Workloads.NOW.minus(Duration.ofHours(23)).plusNanos(spreadNanos * i / openTasks);
            tasks.open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "user-" + (i % 500), slaStart));
        }
        // Every task is past its warning point (22 h): this first run warns them all and schedules each one's first
        // reminder.
        RunReport first = engine.runOnce();
        if (first.stepsApplied() != openTasks) {
            throw new IllegalStateException(
                    "expected " + openTasks + " warnings in the first run, but it applied " + first.stepsApplied());
        }
    }

    /** Advances the clock by one {@link #runInterval()} and runs the engine once. */
    public RunReport nextRun() {
        clock.advance(runInterval);
        return engine.runOnce();
    }

    /** How far the clock moves between two runs. */
    public Duration runInterval() {
        return runInterval;
    }

    /** Notifications the engine handed to the notifier, the first run's warnings included. */
    public long notificationsSent() {
        return notificationsSent.sum();
    }
}
