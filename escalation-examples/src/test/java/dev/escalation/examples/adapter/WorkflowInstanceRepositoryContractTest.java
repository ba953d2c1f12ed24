package dev.escalation.examples.adapter;

import dev.escalation.core.task.TaskRules;
import dev.escalation.core.time.ManualClock;
import dev.escalation.testkit.WorkflowRepositoryContract;

/**
 * The adapter over the host's table passes the testkit's repository contract, each test on a fresh H2
 * database ({@link WorkflowInstanceRepositoryOnPostgresTest} runs it on PostgreSQL). This is the
 * whole test a host needs to prove its own adapter: extend the contract and return the repository
 * and the store that feeds it.
 */
class WorkflowInstanceRepositoryContractTest extends WorkflowRepositoryContract {

    /** The database each test gets. */
    HostDatabase.Kind database() {
        return HostDatabase.Kind.H2;
    }

    @Override
    protected Fixture createFixture(ManualClock clock, TaskRules rules) {
        HostDatabase db = HostDatabase.create(database());
        WorkflowInstanceTasks tasks = new WorkflowInstanceTasks(db.dataSource, clock, rules);
        return new Fixture(tasks.repository(), tasks, tasks.repository().auditTrail(), db::close);
    }
}
