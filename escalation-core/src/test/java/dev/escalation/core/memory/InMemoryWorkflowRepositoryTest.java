package dev.escalation.core.memory;

import dev.escalation.core.testkit.WorkflowRepositoryContract;
import dev.escalation.core.time.ManualClock;

/** The in-memory reference implementation passes the repository contract. */
class InMemoryWorkflowRepositoryTest extends WorkflowRepositoryContract {

    @Override
    protected Fixture createFixture(ManualClock clock) {
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
        return new Fixture(repository, repository);
    }
}
