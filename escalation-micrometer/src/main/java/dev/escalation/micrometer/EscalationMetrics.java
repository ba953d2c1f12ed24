package dev.escalation.micrometer;

import dev.escalation.core.AppliedStep;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.RunReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.Objects;

/**
 * Micrometer meters for an {@link EscalationEngine}: a {@link MeterBinder} that is also the
 * engine's {@link EscalationListener}. One call attaches it:
 *
 * <pre>{@code
 * EscalationEngine.Builder builder = EscalationEngine.builder().repository(tasks).policies(policies);
 * EscalationMetrics metrics = EscalationMetrics.attach(builder, meterRegistry);
 * EscalationEngine engine = builder.build();
 * }</pre>
 *
 * or in two steps, e.g. where a framework binds every {@code MeterBinder} bean itself:
 *
 * <pre>{@code
 * EscalationMetrics metrics = EscalationMetrics.create(EscalationMetricsOptions.builder().tagByStage(true).build());
 * builder.listener(metrics);
 * metrics.bindTo(meterRegistry);
 * }</pre>
 *
 * The meters are listed in {@link EscalationMeterNames} and in {@code docs/monitoring/README.md}.
 * Events that arrive before {@link #bindTo} or after {@link #close()} are not counted. Run totals
 * are taken from each successful run's {@link RunReport}, so they match the report's JSON; the
 * run-duration timer uses {@link RunReport#duration()}, measured by the engine's clock.
 *
 * <p>Thread-safe: one instance serves concurrent runs of its engine.
 */
public final class EscalationMetrics implements MeterBinder, EscalationListener, AutoCloseable {

    private final EscalationMetricsOptions options;
    private volatile BoundMeters meters;
    private boolean closed;

    private EscalationMetrics(EscalationMetricsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Metrics with {@link EscalationMetricsOptions#defaults()}; bind them and register them as a listener.
     *
     * @return the metrics
     */
    public static EscalationMetrics create() {
        return create(EscalationMetricsOptions.defaults());
    }

    /**
     * Metrics with these options; bind them and register them as a listener.
     *
     * @param options the options
     * @return the metrics
     * @throws IllegalArgumentException when {@code options} is null
     */
    public static EscalationMetrics create(EscalationMetricsOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new EscalationMetrics(options);
    }

    /**
     * Creates metrics with default options, adds them to {@code engine} as a listener and binds them to {@code registry}.
     *
     * @param engine   the engine being built
     * @param registry the registry to bind to
     * @return the metrics
     */
    public static EscalationMetrics attach(EscalationEngine.Builder engine, MeterRegistry registry) {
        return attach(engine, registry, EscalationMetricsOptions.defaults());
    }

    /**
     * Creates metrics with {@code options}, adds them to {@code engine} as a listener and binds them to {@code registry}.
     *
     * @param engine   the engine being built
     * @param registry the registry to bind to
     * @param options  the options
     * @return the metrics
     * @throws IllegalArgumentException when an argument is null
     */
    public static EscalationMetrics attach(
            EscalationEngine.Builder engine, MeterRegistry registry, EscalationMetricsOptions options) {
        if (engine == null) {
            throw new IllegalArgumentException("engine must not be null");
        }
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null");
        }
        EscalationMetrics metrics = create(options);
        metrics.bindTo(registry);
        engine.listener(metrics);
        return metrics;
    }

    /**
     * The options these metrics were created with.
     *
     * @return the options
     */
    public EscalationMetricsOptions options() {
        return options;
    }

    /**
     * Registers the meters. To publish to several registries, bind to a
     * {@link io.micrometer.core.instrument.composite.CompositeMeterRegistry}.
     *
     * @throws IllegalStateException when already bound, or closed
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null");
        }
        if (closed) {
            throw new IllegalStateException("escalation metrics are closed and cannot be bound again");
        }
        if (meters != null) {
            throw new IllegalStateException(
                    "escalation metrics are already bound to a registry; bind a CompositeMeterRegistry "
                            + "to publish to several");
        }
        meters = new BoundMeters(registry, options);
    }

    /** Removes every meter from the registry and ignores events from now on. Closing twice is a no-op. */
    @Override
    public synchronized void close() {
        closed = true;
        if (meters != null) {
            meters.close();
            meters = null;
        }
    }

    @Override
    public void onRunFinished(RunReport report) {
        BoundMeters bound = bound();
        if (bound != null) {
            bound.runFinished(report);
        }
    }

    @Override
    public void onRunFailed(String runId, Instant at, Throwable cause) {
        BoundMeters bound = bound();
        if (bound != null) {
            bound.runFailed();
        }
    }

    @Override
    public void onStepApplied(AppliedStep step) {
        BoundMeters bound = bound();
        if (bound != null) {
            bound.stepApplied(step);
        }
    }

    @Override
    public String toString() {
        return "EscalationMetrics[" + options + "]";
    }

    private BoundMeters bound() {
        return meters;
    }
}
