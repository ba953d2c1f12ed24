package dev.escalation.testkit.memory;

import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.time.ManualClock;
import dev.escalation.testkit.WorkflowRepositoryContract;

/**
 * The testkit proves itself against core's in-memory reference implementation. It sits outside the
 * contract's package, as a host's test does, so that it only compiles against what a host can reach.
 */
class InMemoryWorkflowRepositoryContractTest extends WorkflowRepositoryContract {

    @Override
    protected Fixture createFixture(ManualClock clock, TaskRules rules) {
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock, AuditSink.discarding(), rules);
        return new Fixture(repository, repository, repository.auditTrail());
    }
}
