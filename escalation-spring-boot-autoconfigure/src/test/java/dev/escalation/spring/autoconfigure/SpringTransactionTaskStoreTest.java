package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link TaskStore} bean inside Spring-managed transactions: the host's approval and the task's
 * completion are one transaction, on PostgreSQL and H2.
 */
abstract class SpringTransactionTaskStoreTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);

    abstract Supplier<DataSource> database();

    abstract List<String> extraProperties();

    ApplicationContextRunner runner() {
        DataSource dataSource = database().get();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(Flyway.class))
                .withBean(DataSource.class, () -> dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource))
                .withBean(Clock.class, () -> clock)
                .withPropertyValues(
                        "escalation.enabled=false",
                        "escalation.jdbc.initialize-schema=always",
                        "escalation.policies[0].stage-name=Manager Approval",
                        "escalation.policies[0].sla-hours=24",
                        "escalation.policies[0].escalation-to=role:department_head",
                        "escalation.roles.department_head=dora")
                .withPropertyValues(extraProperties().toArray(String[]::new));
    }

    @Test
    void a_rollback_of_the_hosts_transaction_undoes_complete_and_the_task_keeps_escalating() {
        runner().run(context -> {
            Host host = new Host(context.getBean(DataSource.class), context.getBean(PlatformTransactionManager.class));
            TaskStore tasks = context.getBean(TaskStore.class);
            tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));

            host.tx.executeWithoutResult(status -> {
                host.approve("PO-1");
                tasks.complete("PO-1");
                status.setRollbackOnly();
            });
            clock.advance(Duration.ofHours(25));

            assertThat(host.approvals()).isEmpty();
            assertThat(context.getBean(EscalationEngine.class).runOnce().escalations())
                    .isEqualTo(1);
        });
    }

    @Test
    void a_commit_of_the_hosts_transaction_commits_the_approval_and_the_completion_together() {
        runner().run(context -> {
            Host host = new Host(context.getBean(DataSource.class), context.getBean(PlatformTransactionManager.class));
            TaskStore tasks = context.getBean(TaskStore.class);
            tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));

            host.tx.executeWithoutResult(status -> {
                host.approve("PO-1");
                tasks.complete("PO-1");
                assertThat(tasks.find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
            });
            clock.advance(Duration.ofHours(25));

            assertThat(host.approvals()).containsExactly("PO-1");
            assertThat(context.getBean(EscalationEngine.class).runOnce().escalations())
                    .isZero();
            assertThat(tasks.find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        });
    }

    @Test
    void outside_a_transaction_each_change_commits_on_its_own() {
        runner().run(context -> {
            TaskStore tasks = context.getBean(TaskStore.class);
            tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));

            tasks.complete("PO-1");

            assertThat(tasks.find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        });
    }

    /** The host's own table and transactions. */
    static final class Host {
        final JdbcTemplate jdbc;
        final TransactionTemplate tx;

        Host(DataSource dataSource, PlatformTransactionManager transactions) {
            this.jdbc = new JdbcTemplate(dataSource);
            this.tx = new TransactionTemplate(transactions);
            jdbc.execute("CREATE TABLE IF NOT EXISTS approval (request_id VARCHAR(64) PRIMARY KEY)");
        }

        void approve(String requestId) {
            jdbc.update("INSERT INTO approval (request_id) VALUES (?)", requestId);
        }

        List<String> approvals() {
            return jdbc.queryForList("SELECT request_id FROM approval", String.class);
        }
    }

    static final class OnPostgres extends SpringTransactionTaskStoreTest {
        final String schema = Databases.newSchema();

        @Override
        Supplier<DataSource> database() {
            return () -> {
                DataSource source = Databases.postgres(schema);
                new JdbcTemplate(source).execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                return source;
            };
        }

        @Override
        List<String> extraProperties() {
            return List.of("escalation.jdbc.schema=" + schema);
        }
    }

    static final class OnH2 extends SpringTransactionTaskStoreTest {
        @Override
        Supplier<DataSource> database() {
            return Databases::h2;
        }

        @Override
        List<String> extraProperties() {
            return List.of();
        }
    }
}
