package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.jdbc.testing.Soak;
import dev.escalation.jdbc.testing.StoreInvariants;
import dev.escalation.jdbc.testing.TestDatabase;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 tasks over 30 simulated days (hourly runs) on PostgreSQL: four engines, a host that
 * completes, holds, resumes, reassigns and re-prioritises tasks at random, a notifier failing 20 %
 * of deliveries and a data source dropping 1 % of its connections. Afterwards every invariant of
 * {@link StoreInvariants} holds. Sizes: {@code -Dsoak.tasks=}, {@code -Dsoak.days=}.
 */
class SoakTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.of(SqlDialect.valueOf(System.getProperty("soak.db", "H2")));

    @Test
    void a_month_of_faults_loses_no_step_doubles_none_and_leaves_nothing_behind() throws Exception {
        Soak.Settings settings = new Soak.Settings(
                Integer.getInteger("soak.tasks", 100_000),
                Integer.getInteger("soak.days", 30),
                4,
                0.20,
                0.01,
                20260105L);
        // H2's own pool hands out sessions that keep their parsed statements; a session the faults close is replaced.
        JdbcConnectionPool h2 = db.dialect() == SqlDialect.H2
                ? JdbcConnectionPool.create((org.h2.jdbcx.JdbcDataSource) db.dataSource())
                : null;
        DataSource source = h2 != null ? h2 : db.pool(6);
        Soak soak = new Soak(
                settings,
                source,
                (faulty, clock) -> db.storeBuilder(faulty, clock).build());

        Soak.Outcome outcome = soak.run();
        StoreInvariants.Figures figures = new StoreInvariants(
                        db.dataSource(),
                        db.storeBuilder(db.dataSource(), soak.clock()).build(),
                        db::table)
                .assertAll(outcome.deliveries(), outcome.end(), Soak.RETRY.maxAttempts());

        System.out.printf("soak: %s%n  %s%n  %s%n", settings, outcome.summary(), figures);
        assertThat(figures.tasks()).isEqualTo(settings.tasks());
        assertThat(outcome.failedRuns())
                .as("runs that a dropped connection ended")
                .isPositive();
        assertThat(outcome.deliveryFailures()).isPositive();
        assertThat(figures.notifiedSteps()).isGreaterThan(settings.tasks() / 2);
    }
}
