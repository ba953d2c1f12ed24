package dev.escalation.examples.adapter;

import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.testkit.WorkflowRepositoryContract;
import dev.escalation.core.time.ManualClock;

/**
 * The adapter over the host's table passes core's repository contract on H2 and on PostgreSQL, each
 * test on a fresh database. This is the whole test a host needs to prove its own adapter: extend the
 * contract and return the repository and the store that feeds it.
 */
class WorkflowInstanceRepositoryContractTest {

    abstract static class OnDatabase extends WorkflowRepositoryContract {

        abstract HostDatabase.Kind kind();

        @Override
        protected Fixture createFixture(ManualClock clock, TaskRules rules) {
            HostDatabase db = HostDatabase.create(kind());
            return new Fixture(new WorkflowInstanceRepository(db.dataSource),
                    new WorkflowInstanceTasks(db.dataSource, clock, AuditSink.discarding(), rules),
                    db::close);
        }
    }

    static final class OnH2 extends OnDatabase {
        @Override
        HostDatabase.Kind kind() {
            return HostDatabase.Kind.H2;
        }
    }

    static final class OnPostgres extends OnDatabase {
        @Override
        HostDatabase.Kind kind() {
            return HostDatabase.Kind.POSTGRESQL;
        }
    }
}
