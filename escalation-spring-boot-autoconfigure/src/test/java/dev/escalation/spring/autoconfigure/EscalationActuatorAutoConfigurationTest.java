package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import dev.escalation.micrometer.EscalationMeterNames;
import dev.escalation.micrometer.EscalationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health component, the endpoint and the meters, each on its condition. */
class EscalationActuatorAutoConfigurationTest {

    final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T09:00:00Z"));

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EscalationMetricsAutoConfiguration.class,
                    EscalationAutoConfiguration.class,
                    EscalationActuatorAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(Flyway.class))
            .withBean(DataSource.class, Databases::h2)
            .withBean(Clock.class, () -> clock)
            .withPropertyValues("escalation.enabled=false", "management.endpoints.web.exposure.include=*");

    @Test
    void reports_health_as_the_escalation_component() {
        runner.run(context -> {
            context.getBean(EscalationEngine.class).runOnce();

            assertThat(context.getBean("escalationHealthIndicator", HealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void makes_no_health_component_or_endpoint_without_actuator() {
        runner.withClassLoader(new FilteredClassLoader(
                        Flyway.class,
                        HealthIndicator.class,
                        org.springframework.boot.health.contributor.HealthIndicator.class,
                        org.springframework.boot.actuate.endpoint.annotation.Endpoint.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EscalationHealthIndicator.class)
                        .doesNotHaveBean(EscalationBoot4HealthIndicator.class)
                        .doesNotHaveBean(EscalationEndpoint.class));
    }

    @Test
    void the_endpoint_reports_the_last_run_and_has_no_write_operation_by_default() {
        runner.run(context -> {
            RunReport report = context.getBean(EscalationEngine.class).runOnce();

            EscalationEndpoint endpoint = context.getBean(EscalationEndpoint.class);
            Map<String, Object> status = endpoint.status();

            assertThat(endpoint).isNotInstanceOf(EscalationRunNowEndpoint.class);
            assertThat(status).containsEntry("healthy", true).containsEntry("lastRun", report);
        });
    }

    @Test
    void run_now_exists_only_when_enabled_on_a_node_that_runs_the_engine() {
        runner.withPropertyValues("escalation.endpoint.run-now-enabled=true", "escalation.enabled=true")
                .run(context -> {
                    EscalationEndpoint endpoint = context.getBean(EscalationEndpoint.class);
                    assertThat(endpoint).isInstanceOf(EscalationRunNowEndpoint.class);
                    assertThat(((EscalationRunNowEndpoint) endpoint).runNow().runId())
                            .isNotBlank();
                });
    }

    @Test
    void run_now_stays_off_on_a_node_that_does_not_run_the_engine() {
        runner.withPropertyValues("escalation.endpoint.run-now-enabled=true")
                .run(context -> assertThat(context.getBean(EscalationEndpoint.class))
                        .isNotInstanceOf(EscalationRunNowEndpoint.class));
    }

    @Test
    void binds_the_engines_meters_when_a_meter_registry_exists() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            EscalationMetrics metrics = context.getBean(EscalationMetrics.class);
            metrics.bindTo(context.getBean(MeterRegistry.class));

            context.getBean(EscalationEngine.class).runOnce();

            assertThat(context.getBean(MeterRegistry.class)
                            .find(EscalationMeterNames.RUNS)
                            .meters())
                    .isNotEmpty();
        });
    }

    @Test
    void makes_no_meters_without_a_meter_registry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EscalationMetrics.class));
    }
}
