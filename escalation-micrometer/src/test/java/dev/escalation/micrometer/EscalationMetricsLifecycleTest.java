package dev.escalation.micrometer;

import static dev.escalation.micrometer.EscalationMeterNames.OUTCOME;
import static dev.escalation.micrometer.EscalationMeterNames.PREFIX;
import static dev.escalation.micrometer.EscalationMeterNames.RUNS;
import static dev.escalation.micrometer.EscalationMeterNames.STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Binding, closing, and the two ways of attaching. */
class EscalationMetricsLifecycleTest {

    private final EngineFixture fixture = new EngineFixture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);

    @Test
    void binding_registers_every_fixed_meter_before_the_first_run() {
        EscalationMetrics.create().bindTo(registry);

        assertThat(registry.getMeters())
                .extracting(m -> m.getId().getName())
                .contains(
                        EscalationMeterNames.RUNS,
                        EscalationMeterNames.RUN_DURATION,
                        EscalationMeterNames.TASKS_CHECKED,
                        EscalationMeterNames.SLA_BREACHES,
                        EscalationMeterNames.NOTIFICATIONS,
                        EscalationMeterNames.TASK_FAILURES,
                        EscalationMeterNames.LAST_SUCCESS,
                        EscalationMeterNames.TASKS_OPEN);
        assertThat(meters.count(RUNS, OUTCOME, "failure")).isZero();
    }

    @Test
    void every_meter_has_a_description_and_the_escalation_prefix() {
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics.attach(
                builder,
                registry,
                EscalationMetricsOptions.builder().tag("engine", "billing").build());
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        fixture.atHour(22);
        engine.runOnce();

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> {
            assertThat(meter.getId().getName()).startsWith(PREFIX);
            assertThat(meter.getId().getDescription()).isNotBlank();
            assertThat(meter.getId().getTag("engine")).isEqualTo("billing");
        });
    }

    @Test
    void created_metrics_count_once_bound_and_registered_as_listener() {
        EscalationMetrics metrics = EscalationMetrics.create();
        EscalationEngine engine = fixture.engine().listener(metrics).build();
        metrics.bindTo(registry);

        engine.runOnce();

        assertThat(meters.count(RUNS, OUTCOME, "success")).isEqualTo(1);
    }

    @Test
    void runs_before_binding_are_not_counted() {
        EscalationMetrics metrics = EscalationMetrics.create();
        EscalationEngine engine = fixture.engine().listener(metrics).build();
        engine.runOnce();

        metrics.bindTo(registry);

        assertThat(meters.count(RUNS, OUTCOME, "success")).isZero();
    }

    @Test
    void close_removes_every_meter_including_step_counters() {
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics metrics = EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        fixture.atHour(22);
        engine.runOnce();
        assertThat(registry.find(STEPS).meters()).isNotEmpty();

        metrics.close();

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void runs_after_close_register_nothing() {
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics metrics = EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        metrics.close();

        fixture.atHour(22);
        engine.runOnce();

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void close_leaves_other_meters_in_the_registry() {
        registry.counter("host.requests");
        EscalationMetrics metrics = EscalationMetrics.create();
        metrics.bindTo(registry);

        metrics.close();

        assertThat(registry.getMeters())
                .extracting(Meter::getId)
                .extracting(Meter.Id::getName)
                .containsExactly("host.requests");
    }

    @Test
    void binding_twice_is_rejected() {
        EscalationMetrics metrics = EscalationMetrics.create();
        metrics.bindTo(registry);

        assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already bound");
    }

    @Test
    void binding_after_close_is_rejected() {
        EscalationMetrics metrics = EscalationMetrics.create();
        metrics.close();

        assertThatThrownBy(() -> metrics.bindTo(registry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void attach_rejects_a_missing_registry_by_name() {
        assertThatThrownBy(() -> EscalationMetrics.attach(fixture.engine(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registry must not be null");
    }
}
