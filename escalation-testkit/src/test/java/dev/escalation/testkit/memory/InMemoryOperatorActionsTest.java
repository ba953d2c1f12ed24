package dev.escalation.testkit.memory;

import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.time.ManualClock;
import dev.escalation.testkit.OperatorActionsContract;

/** The in-memory repository passes the operator actions contract. */
class InMemoryOperatorActionsTest extends OperatorActionsContract {

    @Override
    protected Fixture createFixture(ManualClock clock) {
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
        return new Fixture(repository, repository, repository.auditTrail(), repository, () -> {});
    }
}
