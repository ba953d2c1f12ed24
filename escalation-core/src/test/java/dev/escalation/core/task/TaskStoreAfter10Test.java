package dev.escalation.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.testing.StoreOf10;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A host's own {@link TaskStore}, written against 1.0, still compiles and works after the methods
 * added since; those it does not implement say so when called, and change nothing.
 */
class TaskStoreAfter10Test {

    private static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");

    private final ManualClock clock = ManualClock.at(NOW);
    private final InMemoryWorkflowRepository memory = new InMemoryWorkflowRepository(clock);
    private final TaskStore hostStore = new StoreOf10(memory);

    @Test
    void acknowledging_through_a_store_that_does_not_implement_it_names_the_store_and_changes_nothing() {
        WorkflowTask opened = hostStore.open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", NOW));

        assertThatThrownBy(() -> hostStore.acknowledge("PO-1", "bob"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage(StoreOf10.class.getName()
                        + " does not implement acknowledge; extend AbstractTaskStore or implement it");
        assertThat(memory.find("PO-1")).contains(opened);
    }

    @Test
    void snoozing_through_a_store_that_does_not_implement_it_names_the_store_and_changes_nothing() {
        WorkflowTask opened = hostStore.open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", NOW));

        assertThatThrownBy(() -> hostStore.snooze("PO-1", NOW.plus(Duration.ofHours(1)), "bob"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage(StoreOf10.class.getName()
                        + " does not implement snooze; extend AbstractTaskStore or implement it");
        assertThat(memory.find("PO-1")).contains(opened);
    }
}
