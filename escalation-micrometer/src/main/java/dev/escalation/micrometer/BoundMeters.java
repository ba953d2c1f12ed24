package dev.escalation.micrometer;

import static dev.escalation.micrometer.EscalationMeterNames.*;

import dev.escalation.core.AppliedStep;
import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.spi.SlaCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one {@link dev.escalation.micrometer.EscalationMetrics} bound to one registry.
 *
 * <p>Design: run totals come from the {@link RunReport} of each successful run, so the meters
 * and the report's JSON show the same figures; steps come one by one from the listener because
 * only they carry the stage and the workflow type. Fixed meters are registered at once, so that
 * alerts see zeros rather than missing series; step counters appear with their first step. Every
 * meter id is remembered, to be removed by {@link #close()}. Thread-safe: counters are, the gauge
 * state is held in atomics, and the step-counter cache is a concurrent map.
 *
 */
final class BoundMeters {

    private final MeterRegistry registry;
    private final EscalationMetricsOptions options;
    private final Tags tags;
    private final Set<Meter.Id> ids = ConcurrentHashMap.newKeySet();

    private final Counter runsSucceeded;
    private final Counter runsFailed;
    private final Counter runsCapped;
    private final Timer runDuration;
    private final Counter tasksChecked;
    private final Counter breaches;
    private final Counter delivered;
    private final Counter deliveryFailed;
    private final Counter givenUp;
    private final Counter timeouts;
    private final Counter deferred;
    private final Counter staleTransitions;
    private final Map<TaskFailure.Kind, Counter> taskFailures = new EnumMap<>(TaskFailure.Kind.class);

    private final BoundedTagValues stages;
    private final BoundedTagValues workflowTypes;
    private final BoundedTagValues levels;
    private final BoundedTagValues goals;
    private final Map<StepSeries, Counter> steps = new ConcurrentHashMap<>();

    private final AtomicReference<SlaCounts> slaCounts = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private volatile boolean closed;

    BoundMeters(MeterRegistry registry, EscalationMetricsOptions options) {
        this.registry = registry;
        this.options = options;
        this.tags = options.tags();
        this.stages = new BoundedTagValues(options.maxTagValues(), OTHER);
        this.workflowTypes = new BoundedTagValues(options.maxTagValues(), OTHER);
        this.levels = new BoundedTagValues(options.maxTagValues(), OTHER);
        // Goal names are the policies' (short identifiers a policy defines), never task data; the cap
        // only guards against a host that generates policies.
        this.goals = new BoundedTagValues(options.maxTagValues(), OTHER);

        runsSucceeded = counter(RUNS, "Escalation runs that ended, by outcome", Tags.of(OUTCOME, "success"));
        runsFailed = counter(RUNS, "Escalation runs that ended, by outcome", Tags.of(OUTCOME, "failure"));
        runsCapped =
                counter(RUNS_CAPPED, "Escalation runs that stopped at their task cap with due work left", Tags.empty());
        runDuration = remember(Timer.builder(RUN_DURATION)
                .description("Duration of successful escalation runs, by the engine's clock")
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry));
        tasksChecked = counter(TASKS_CHECKED, "Tasks evaluated by escalation runs", Tags.empty());
        breaches = counter(SLA_BREACHES, "Tasks found past their SLA deadline for the first time", Tags.empty());
        String deliveries =
                "Notification delivery attempts, by outcome (failed ones are retried, given_up ones are not)";
        delivered = counter(NOTIFICATIONS, deliveries, Tags.of(OUTCOME, "delivered"));
        deliveryFailed = counter(NOTIFICATIONS, deliveries, Tags.of(OUTCOME, "failed"));
        givenUp = counter(NOTIFICATIONS, deliveries, Tags.of(OUTCOME, "given_up"));
        timeouts = counter(
                NOTIFICATION_TIMEOUTS,
                "Notification delivery attempts that got no answer within the delivery timeout",
                Tags.empty());
        deferred = counter(
                NOTIFICATIONS_DEFERRED, "Notifications held by the delivery window; not attempts", Tags.empty());
        staleTransitions = counter(
                STALE_TRANSITIONS, "Step transitions that lost a race with another runner or the host", Tags.empty());
        for (TaskFailure.Kind kind : TaskFailure.Kind.values()) {
            taskFailures.put(
                    kind,
                    counter(
                            TASK_FAILURES,
                            "Tasks a run could not handle, by kind; each is retried later",
                            Tags.of(KIND, tagValue(kind))));
        }

        gauge(TASKS_OPEN, "Active tasks (open or on hold) after the last run", SlaCounts::open);
        gauge(TASKS_ON_HOLD, "Active tasks on hold after the last run", SlaCounts::onHold);
        gauge(
                TASKS_NEAR_BREACH,
                "Open tasks past their warning point but before their deadline, after the last run",
                SlaCounts::nearBreach);
        gauge(TASKS_BREACHED, "Open tasks past their SLA deadline, after the last run", SlaCounts::breached);
        remember(Gauge.builder(LAST_SUCCESS, lastSuccess, BoundMeters::epochSeconds)
                .description(
                        "When the last successful escalation run ended, in seconds since the epoch; NaN before the first")
                .baseUnit("seconds")
                .tags(tags)
                .strongReference(true)
                .register(registry));
    }

    public void runFinished(RunReport report) {
        runsSucceeded.increment();
        runDuration.record(report.duration());
        tasksChecked.increment(report.tasksChecked());
        breaches.increment(report.breaches());
        delivered.increment(report.notificationsDelivered());
        deliveryFailed.increment(report.notificationFailures());
        givenUp.increment(report.notificationsGivenUp());
        timeouts.increment(report.notificationTimeouts());
        deferred.increment(report.notificationsDeferred());
        staleTransitions.increment(report.staleTransitions());
        report.failures().forEach(failure -> taskFailures.get(failure.kind()).increment());
        if (report.capped()) {
            runsCapped.increment();
        }
        report.slaCounts().ifPresent(slaCounts::set);
        Instant endedAt = report.startedAt().plus(report.duration());
        lastSuccess.accumulateAndGet(
                endedAt, (previous, next) -> previous == null || next.isAfter(previous) ? next : previous);
    }

    public void runFailed() {
        runsFailed.increment();
    }

    public void stepApplied(AppliedStep step) {
        if (closed) {
            return;
        }
        StepSeries series = new StepSeries(
                step.notified(),
                tagValue(step.key().kind()),
                step.notified() ? levels.admit(Integer.toString(step.level())) : null,
                options.tagByStage() ? stages.admit(step.stage()) : null,
                options.tagByWorkflowType() ? workflowTypes.admit(step.workflowType()) : null,
                step.key().goal().map(goals::admit).orElse(null));
        steps.computeIfAbsent(series, this::stepCounter).increment();
    }

    /** Removes every meter this registered from the registry. */
    public void close() {
        closed = true;
        ids.forEach(registry::remove);
        ids.clear();
    }

    private Counter stepCounter(StepSeries series) {
        Tags seriesTags = Tags.of(KIND, series.kind());
        if (series.level() != null) {
            seriesTags = seriesTags.and(LEVEL, series.level());
        }
        if (series.stage() != null) {
            seriesTags = seriesTags.and(STAGE, series.stage());
        }
        if (series.workflowType() != null) {
            seriesTags = seriesTags.and(WORKFLOW_TYPE, series.workflowType());
        }
        if (series.goal() != null) {
            seriesTags = seriesTags.and(GOAL, series.goal());
        }
        return series.notified()
                ? counter(
                        STEPS,
                        "Steps applied and notified: warnings, reminders, escalations, re-escalations",
                        seriesTags)
                : counter(
                        STEPS_SKIPPED,
                        "Steps superseded by a more advanced one in a late run: audited, not notified",
                        seriesTags);
    }

    private Counter counter(String name, String description, Tags meterTags) {
        return remember(Counter.builder(name)
                .description(description)
                .tags(tags)
                .tags(meterTags)
                .register(registry));
    }

    private void gauge(String name, String description, ToDoubleFunction<SlaCounts> value) {
        remember(Gauge.builder(
                        name,
                        slaCounts,
                        counts -> counts.get() == null ? Double.NaN : value.applyAsDouble(counts.get()))
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry));
    }

    private <M extends Meter> M remember(M meter) {
        ids.add(meter.getId());
        return meter;
    }

    private static double epochSeconds(AtomicReference<Instant> holder) {
        Instant at = holder.get();
        return at == null ? Double.NaN : at.getEpochSecond() + at.getNano() / 1e9;
    }

    private static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The tag values of one step counter; null where the tag is off. */
    private record StepSeries(
            boolean notified, String kind, String level, String stage, String workflowType, String goal) {}
}
