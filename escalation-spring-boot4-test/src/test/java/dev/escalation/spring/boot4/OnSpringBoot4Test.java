package dev.escalation.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.spring.autoconfigure.EscalationActuatorAutoConfiguration;
import dev.escalation.spring.autoconfigure.EscalationAutoConfiguration;
import dev.escalation.spring.autoconfigure.EscalationEndpoint;
import dev.escalation.spring.autoconfigure.EscalationRunner;
import dev.escalation.spring.autoconfigure.EscalationWriteEndpoint;
import dev.escalation.spring.autoconfigure.InvalidEscalationConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The auto-configuration, built against Boot 3.5, in a Spring Boot 4.0 context. */
class OnSpringBoot4Test {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    final ManualClock clock = ManualClock.at(START);
    final DataSource dataSource = h2();

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(EscalationAutoConfiguration.class, EscalationActuatorAutoConfiguration.class))
            .withBean(DataSource.class, () -> dataSource)
            .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource))
            .withBean(Clock.class, () -> clock)
            .withPropertyValues(
                    "escalation.enabled=false",
                    "management.endpoints.web.exposure.include=*",
                    "escalation.policies[0].name=Manager Approval",
                    "escalation.policies[0].stage-name=Manager Approval",
                    "escalation.policies[0].sla-hours=24",
                    "escalation.policies[0].escalation-to=role:department_head",
                    "escalation.roles.department_head=dora");

    @Test
    void runs_on_spring_boot_4() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0");
    }

    @Test
    void escalates_a_task_on_boots_data_source_with_policies_from_properties() {
        RecordingNotifier notifier = new RecordingNotifier();
        runner.withBean(Notifier.class, () -> notifier).run(context -> {
            assertThat(context).hasSingleBean(JdbcEscalationStore.class);
            context.getBean(TaskStore.class)
                    .open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
            clock.advance(Duration.ofHours(25));

            assertThat(context.getBean(EscalationEngine.class).runOnce().escalations())
                    .isEqualTo(1);
            assertThat(notifier.delivered(NotificationType.ESCALATION))
                    .singleElement()
                    .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora"));
        });
    }

    @Test
    void a_rollback_of_the_spring_transaction_undoes_complete() {
        runner.run(context -> {
            TaskStore tasks = context.getBean(TaskStore.class);
            tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));

            new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
                tasks.complete("PO-1");
                status.setRollbackOnly();
            });

            assertThat(tasks.find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
        });
    }

    @Test
    void escalation_enabled_false_schedules_no_runs_and_true_does() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EscalationRunner.class));
        runner.withPropertyValues("escalation.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(EscalationRunner.class));
    }

    @Test
    void a_bad_policy_stops_the_start_naming_the_property_and_the_json_path() {
        runner.withPropertyValues("escalation.policies[0].sla-hours=-5").run(context -> {
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidEscalationConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).hasMessageContaining("escalation.policies[0]").hasMessageContaining("$.sla_hours");
        });
    }

    @Test
    void the_escalation_endpoint_is_there() {
        runner.run(context -> assertThat(context).hasSingleBean(EscalationEndpoint.class));
    }

    @Test
    void the_endpoint_lists_a_breached_task_and_explains_it_on_spring_boot_4() {
        runner.run(context -> {
            context.getBean(TaskStore.class)
                    .open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
            context.getBean(EscalationEngine.class).runOnce();
            clock.advance(Duration.ofHours(25));
            EscalationEndpoint endpoint = context.getBean(EscalationEndpoint.class);

            Map<String, Object> breached = endpoint.list("breached", null, null);

            assertThat((List<?>) breached.get("tasks"))
                    .singleElement()
                    .satisfies(t -> assertThat(((Map<?, ?>) t).get("id")).isEqualTo("PO-1"));
            assertThat(endpoint.timeline("tasks", "PO-1").deadline()).contains(START.plus(Duration.ofHours(24)));
        });
    }

    @Test
    void the_endpoints_operator_actions_pause_a_policy_on_spring_boot_4() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true").run(context -> {
            EscalationWriteEndpoint endpoint = context.getBean(EscalationWriteEndpoint.class);

            Map<String, Object> paused = endpoint.policy("policies", "Manager Approval", "pause", "olga", null);

            assertThat(paused).containsEntry("changed", true);
            assertThat(context.getBean(JdbcEscalationStore.class)
                            .operatorActions()
                            .pausedPolicies())
                    .singleElement()
                    .satisfies(p -> assertThat(p.policyName()).isEqualTo("Manager Approval"));
        });
    }

    @Test
    void reports_health_through_boot_4s_health_api() {
        runner.run(context -> {
            context.getBean(EscalationEngine.class).runOnce();

            assertThat(context.getBean("escalationHealthIndicator", HealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void creates_the_schema_on_an_embedded_database() {
        runner.run(context -> assertThat(new JdbcTemplate(dataSource)
                        .queryForObject("SELECT count(*) FROM escalation_task", Integer.class))
                .isZero());
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:boot4-" + SEQUENCE.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
