package dev.escalation.core.memory;

import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.testkit.WorkflowRepositoryContract;
import dev.escalation.core.time.ManualClock;

/** The in-memory reference implementation passes the repository contract. */
class InMemoryWorkflowRepositoryTest extends WorkflowRepositoryContract {

    @Override
    protected Fixture createFixture(ManualClock clock, TaskRules rules) {
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock, AuditSink.discarding(), rules);
        return new Fixture(repository, repository, repository.auditTrail());
    }
}
