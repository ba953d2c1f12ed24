package dev.escalation.jdbc;

import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import dev.escalation.testkit.OperatorActionsContract;

/**
 * The JDBC store passes the testkit's operator actions contract on PostgreSQL, on H2, and on Citus's tables held
 * by PostgreSQL ({@link TestDatabase#citusTablesOnPostgres()}), each test on fresh tables.
 */
class JdbcOperatorActionsContractTest {

    /** Opens a fresh database per fixture; the contract closes it after the test. */
    abstract static class OnDatabase extends OperatorActionsContract {

        abstract SqlDialect dialect();

        /** A fresh database of {@link #dialect()}. */
        TestDatabase open() {
            return TestDatabase.open(dialect());
        }

        @Override
        protected Fixture createFixture(ManualClock clock) {
            TestDatabase db = open();
            JdbcEscalationStore store = db.storeBuilder(db.dataSource(), clock).build();
            store.createSchema();
            return new Fixture(
                    store.repository(), store.tasks(), store.auditTrail(), store.operatorActions(), db::close);
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
