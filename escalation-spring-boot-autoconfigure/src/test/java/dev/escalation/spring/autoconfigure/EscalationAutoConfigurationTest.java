package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans the auto-configuration makes, on which conditions. */
class EscalationAutoConfigurationTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);

    /** An application with an H2 data source, a manual clock and no Flyway; runs off so that tests drive the engine. */
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(Flyway.class))
            .withBean(DataSource.class, Databases::h2)
            .withBean(Clock.class, () -> clock)
            .withPropertyValues(
                    "escalation.enabled=false",
                    "escalation.policies[0].name=Manager Approval",
                    "escalation.policies[0].stage-name=Manager Approval",
                    "escalation.policies[0].sla-hours=24",
                    "escalation.policies[0].escalation-to=role:department_head",
                    "escalation.roles.department_head=dora");

    @Test
    void makes_the_store_the_task_store_the_policies_and_the_engine_on_the_applications_data_source() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JdbcEscalationStore.class);
            assertThat(context).hasSingleBean(TaskStore.class);
            assertThat(context).hasSingleBean(PolicyResolver.class);
            assertThat(context).hasSingleBean(EscalationEngine.class);
            assertThat(context.getBean(EscalationSchemaInitializer.class).outcome())
                    .isEqualTo("created");
        });
    }

    @Test
    void makes_nothing_without_a_data_source() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(JdbcEscalationStore.class)
                        .doesNotHaveBean(EscalationEngine.class));
    }

    @Test
    void makes_nothing_without_the_jdbc_store_on_the_class_path() {
        runner.withClassLoader(new FilteredClassLoader(JdbcEscalationStore.class, Flyway.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EscalationEngine.class));
    }

    @Test
    void backs_off_when_the_application_defines_its_own_engine() {
        runner.withBean(
                        "myEngine",
                        EscalationEngine.class,
                        () -> EscalationEngine.builder()
                                .repository(new dev.escalation.core.memory.InMemoryWorkflowRepository(clock))
                                .policies(dev.escalation.core.policy.PolicyRegistry.builder()
                                        .build())
                                .build())
                .run(context ->
                        assertThat(context).getBean(EscalationEngine.class).isSameAs(context.getBean("myEngine")));
    }

    @Test
    void escalates_through_the_applications_target_resolver_and_notifier_beans() {
        RecordingNotifier notifier = new RecordingNotifier();
        runner.withBean(Notifier.class, () -> notifier)
                .withBean(TargetResolver.class, () -> TargetResolver.roles(Map.of("department_head", "erin")))
                .run(context -> {
                    context.getBean(TaskStore.class)
                            .open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
                    clock.advance(Duration.ofHours(25));

                    assertThat(context.getBean(EscalationEngine.class).runOnce().escalations())
                            .isEqualTo(1);
                    assertThat(notifier.delivered(NotificationType.ESCALATION))
                            .singleElement()
                            .satisfies(n -> assertThat(n.recipient()).isEqualTo("erin"));
                });
    }

    @Test
    void resolves_roles_from_escalation_roles_without_a_target_resolver_bean() {
        RecordingNotifier notifier = new RecordingNotifier();
        runner.withBean(Notifier.class, () -> notifier).run(context -> {
            context.getBean(TaskStore.class)
                    .open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
            clock.advance(Duration.ofHours(25));

            context.getBean(EscalationEngine.class).runOnce();

            assertThat(notifier.delivered(NotificationType.ESCALATION))
                    .singleElement()
                    .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora"));
        });
    }

    @Test
    void escalation_enabled_false_runs_nothing_but_keeps_the_task_store() {
        runner.run(context ->
                assertThat(context).doesNotHaveBean(EscalationRunner.class).hasSingleBean(TaskStore.class));
    }

    @Test
    void runs_on_a_schedule_when_enabled() {
        runner.withPropertyValues("escalation.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(EscalationRunner.class));
    }

    @Test
    void a_minimum_interval_above_the_maximum_stops_the_start_naming_both() {
        runner.withPropertyValues("escalation.min-interval=2m", "escalation.max-interval=1m")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("escalation.min-interval must not exceed escalation.max-interval (PT1M)")
                        .hasMessageContaining("PT2M"));
    }

    @Test
    void initialize_schema_never_leaves_the_tables_to_the_host() {
        runner.withPropertyValues("escalation.jdbc.initialize-schema=never")
                .run(context -> assertThat(context.getBean(EscalationSchemaInitializer.class)
                                .outcome())
                        .isEqualTo("initialize-schema=never: left as is"));
    }

    @Test
    void initialize_schema_embedded_leaves_postgresql_to_the_host() {
        onPostgres()
                .run(context -> assertThat(context.getBean(EscalationSchemaInitializer.class)
                                .outcome())
                        .isEqualTo("initialize-schema=embedded: left as is"));
    }

    @Test
    void initialize_schema_always_creates_the_tables_on_postgresql() {
        onPostgres()
                .withPropertyValues("escalation.jdbc.initialize-schema=always")
                .run(context -> assertThat(context.getBean(EscalationSchemaInitializer.class)
                                .outcome())
                        .isEqualTo("created"));
    }

    /** The runner on a PostgreSQL schema of its own instead of H2. */
    private ApplicationContextRunner onPostgres() {
        String schema = Databases.newSchema();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(Flyway.class))
                .withBean(DataSource.class, () -> Databases.postgres(schema))
                .withBean(Clock.class, () -> clock)
                .withPropertyValues("escalation.enabled=false", "escalation.jdbc.schema=" + schema);
    }
}
