package dev.escalation.jdbc;

import dev.escalation.core.task.TaskRules;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import dev.escalation.testkit.WorkflowRepositoryContract;
import java.time.Duration;

/**
 * The JDBC repository passes the testkit's repository contract on PostgreSQL, on H2, and on Citus's tables held
 * by PostgreSQL (the per-tenant statements and transactions of {@link SqlDialect#CITUS}, see
 * {@link TestDatabase#citusTablesOnPostgres()}), each test on fresh tables.
 */
class JdbcWorkflowRepositoryContractTest {

    /** Opens a fresh database per fixture; the contract closes it after the test. */
    abstract static class OnDatabase extends WorkflowRepositoryContract {

        abstract SqlDialect dialect();

        /** A fresh database of {@link #dialect()}. */
        TestDatabase open() {
            return TestDatabase.open(dialect());
        }

        @Override
        protected Fixture createFixture(ManualClock clock, TaskRules rules) {
            TestDatabase db = open();
            // The contract reads counts right after changes at the same instant: count on every call.
            JdbcEscalationStore store = db.storeBuilder(db.dataSource(), clock)
                    .taskRules(rules)
                    .slaCountsMaxAge(Duration.ZERO)
                    .build();
            store.createSchema();
            return new Fixture(store.repository(), store.tasks(), store.auditTrail(), db::close);
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

    /** The store as on Citus (one tenant per transaction, every write of one tenant) on PostgreSQL's server. */
    static final class OnCitusTables extends OnDatabase {
        @Override
        SqlDialect dialect() {
            return SqlDialect.CITUS;
        }

        @Override
        TestDatabase open() {
            return TestDatabase.openCitusTablesOnPostgres();
        }
    }
}
