package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Counting active tasks by where they stand against their SLA; skipped where {@code slaCounts} is
 * empty.
 */
abstract class CountingSlaContract extends ContractSupport {

    @Test
    void counts_active_tasks_by_where_they_stand_against_their_sla() {
        assumeTrue(repository.slaCounts(scopeAt(START)).isPresent(), "this repository does not count SLA status");
        Duration hours = Duration.ofHours(1);
        record(withSla(open("PO-ok"), START.plus(hours.multipliedBy(30)), START.plus(hours.multipliedBy(32))));
        record(withSla(open("PO-near"), START.plus(hours.multipliedBy(22)), START.plus(hours.multipliedBy(24))));
        record(withSla(open("PO-breached"), START, START.plus(hours)));
        record(withSla(open("PO-held"), START, START.plus(hours)));
        record(withSla(open("PO-done"), START, START.plus(hours)));
        store.hold("PO-held");
        store.complete("PO-done");

        Optional<SlaCounts> counts = repository.slaCounts(scopeAt(START.plus(hours.multipliedBy(23))));

        assertThat(counts).contains(new SlaCounts(4, 1, 1, 1));
    }

    private StepTransition withSla(WorkflowTask task, Instant warningAt, Instant deadline) {
        return transition(
                task,
                task.assignee(),
                new EscalationState(
                        0,
                        Optional.empty(),
                        0,
                        0,
                        Optional.empty(),
                        0,
                        Optional.empty(),
                        Optional.of(warningAt),
                        Optional.of(deadline),
                        Optional.of(warningAt)),
                List.of());
    }
}
