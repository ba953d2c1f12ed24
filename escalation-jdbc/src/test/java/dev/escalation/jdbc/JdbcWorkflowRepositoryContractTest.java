package dev.escalation.jdbc;

import dev.escalation.core.testkit.WorkflowRepositoryContract;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The JDBC repository passes core's repository contract on PostgreSQL and on H2, each test on fresh tables. */
class JdbcWorkflowRepositoryContractTest {

    /**
     * Opens a fresh database per test and drops it afterwards. (The contract's three-argument
     * {@code Fixture} constructor is protected, so the database is closed here rather than through it.)
     */
    abstract static class OnDatabase extends WorkflowRepositoryContract {
        private TestDatabase db;

        abstract SqlDialect dialect();

        @Override
        protected Fixture createFixture(ManualClock clock) {
            db = TestDatabase.open(dialect());
            // The contract reads counts right after changes at the same instant: count on every call.
            JdbcEscalationStore store = db.storeBuilder(db.dataSource(), clock).slaCountsMaxAge(Duration.ZERO).build();
            store.createSchema();
            return new Fixture(store.repository(), store.tasks());
        }

        @AfterEach
        void dropDatabase() throws SQLException {
            db.close();
        }
    }

    static final class OnPostgres extends OnDatabase {
        @Override
        SqlDialect dialect() {
            return SqlDialect.POSTGRESQL;
        }
    }

    static final class OnH2 extends OnDatabase {
        @Override
        SqlDialect dialect() {
            return SqlDialect.H2;
        }
    }
}
