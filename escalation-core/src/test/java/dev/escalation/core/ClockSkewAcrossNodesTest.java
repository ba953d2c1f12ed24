package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes share one store, the "fast" node's clock some minutes or hours ahead of the "slow"
 * node's. A host change through a node whose clock is behind the task's last recorded change is
 * still accepted and never dates the task back: its instant is the later of the node's now and the
 * task's last recorded instant.
 */
class ClockSkewAcrossNodesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock slow = ManualClock.at(START);
    final ManualClock fast = ManualClock.at(START);
    /** The node the next host change goes through. */
    final AtomicReference<ManualClock> through = new AtomicReference<>(slow);

    final Clock nodeClock = () -> through.get().now();
    final InMemoryWorkflowRepository store = new InMemoryWorkflowRepository(nodeClock);

    private void skew(int minutes) {
        fast.set(START.plus(Duration.ofMinutes(minutes)));
        through.set(slow);
        store.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
    }

    private WorkflowTask throughFast(java.util.function.Supplier<WorkflowTask> change) {
        through.set(fast);
        return change.get();
    }

    private WorkflowTask throughSlow(java.util.function.Supplier<WorkflowTask> change) {
        through.set(slow);
        return change.get();
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_task_held_through_the_fast_node_resumes_through_the_slow_node(int minutes) {
        skew(minutes);
        throughFast(() -> store.hold("PO-1"));

        WorkflowTask resumed = throughSlow(() -> store.resume("PO-1"));

        assertThat(resumed.status()).isEqualTo(TaskStatus.OPEN);
        Hold hold = resumed.holds().get(0);
        assertThat(hold.until()).as("the hold ends no earlier than it began").contains(hold.from());
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_task_held_through_the_fast_node_completes_through_the_slow_node(int minutes) {
        skew(minutes);
        throughFast(() -> store.hold("PO-1"));

        WorkflowTask completed = throughSlow(() -> store.complete("PO-1"));

        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.holds().get(0).until()).contains(fast.now());
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_task_held_through_the_fast_node_is_cancelled_through_the_slow_node(int minutes) {
        skew(minutes);
        throughFast(() -> store.hold("PO-1"));

        WorkflowTask cancelled = throughSlow(() -> store.cancel("PO-1"));

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_hold_through_the_slow_node_after_a_reassignment_through_the_fast_node_starts_no_earlier_than_it(
            int minutes) {
        skew(minutes);
        throughFast(() -> store.reassign("PO-1", "bob"));

        WorkflowTask held = throughSlow(() -> store.hold("PO-1"));

        assertThat(held.slaStart()).isEqualTo(fast.now());
        assertThat(held.holds().get(0).from())
                .as("a hold cannot pause time before the cycle it pauses began")
                .isEqualTo(fast.now());
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void the_audit_trail_of_a_task_changed_through_both_nodes_never_goes_back_in_time(int minutes) {
        skew(minutes);
        throughFast(() -> store.hold("PO-1"));
        throughSlow(() -> store.resume("PO-1"));
        throughFast(() -> store.changePriority("PO-1", "P1"));
        throughSlow(() -> store.reassign("PO-1", "bob"));
        throughSlow(() -> store.complete("PO-1"));

        List<AuditEntry> trail = store.auditTrail().entriesFor("PO-1");

        assertThat(trail).extracting(AuditEntry::type).endsWith(AuditType.TASK_COMPLETED);
        assertThat(trail).extracting(AuditEntry::occurredAt).hasSize(6).isSorted();
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_change_through_the_slow_node_once_its_clock_passed_the_last_change_takes_its_own_time(int minutes) {
        skew(minutes);
        throughFast(() -> store.hold("PO-1"));
        slow.advance(Duration.ofMinutes(minutes + 30));

        WorkflowTask resumed = throughSlow(() -> store.resume("PO-1"));

        assertThat(resumed.holds().get(0).until()).contains(slow.now());
    }
}
