package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host's changes through the task store - open, complete, cancel, reassign, change the stage or
 * the priority, hold, resume - each bumping the version and releasing a running evaluation's claim.
 */
abstract class HostChangesContract extends ContractSupport {

    @Test
    void opening_a_task_stores_it_open_at_its_first_version_and_due_now() {
        clock.advance(Duration.ofMinutes(30));
        WorkflowTask task = store.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START)
                .withPriority("P1")
                .withTenant("acme")
                .withAttributes(Map.of("department", "finance")));

        assertThat(store.find("PO-1")).contains(task);
        assertThat(task.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(task.slaStart()).isEqualTo(START);
        assertThat(task.priority()).isEqualTo("P1");
        assertThat(task.tenant()).contains("acme");
        assertThat(task.attributes()).containsEntry("department", "finance");
        assertThat(task.escalation().cycle()).isZero();
        assertThat(task.escalation().level()).isZero();
        assertThat(task.escalation().nextCheckAt()).contains(clock.now());
        assertThat(ids(claim(10))).containsExactly("PO-1");
    }

    @Test
    void opening_a_task_twice_is_rejected_and_keeps_the_first() {
        WorkflowTask first = open("PO-1");

        assertThatThrownBy(() -> store.open(NewTask.of("PO-1", "purchase-order", "Finance Review", "bob", START)))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("PO-1");
        assertThat(store.find("PO-1")).contains(first);
    }

    @Test
    void opening_a_task_whose_sla_starts_in_the_future_is_rejected() {
        assertThatThrownBy(() -> store.open(
                        NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START.plusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slaStart")
                .hasMessageContaining(START.plusSeconds(1).toString());
        assertThat(store.find("PO-1")).isEmpty();
    }

    @Test
    void finding_an_unknown_task_is_empty() {
        assertThat(store.find("PO-404")).isEmpty();
    }

    @Test
    void changing_an_unknown_task_is_rejected_naming_it() {
        assertThatThrownBy(() -> store.complete("PO-404"))
                .isInstanceOf(TaskNotFoundException.class)
                .hasMessageContaining("PO-404");
        assertThatThrownBy(() -> store.cancel("PO-404")).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> store.reassign("PO-404", "bob")).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> store.changeStage("PO-404", "Finance", "bob", START))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> store.changePriority("PO-404", "P1")).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> store.hold("PO-404")).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> store.resume("PO-404")).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void completing_stops_the_task_and_bumps_its_version() {
        WorkflowTask task = open("PO-1");

        WorkflowTask completed = store.complete("PO-1");

        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.version()).isGreaterThan(task.version());
        assertThat(completed.escalation().nextCheckAt()).isEmpty();
        assertThat(store.find("PO-1")).contains(completed);
    }

    @Test
    void completing_a_completed_task_changes_nothing() {
        open("PO-1");
        WorkflowTask completed = store.complete("PO-1");

        assertThat(store.complete("PO-1")).isEqualTo(completed);
        assertThat(store.find("PO-1")).contains(completed);
    }

    @Test
    void cancelling_stops_the_task_and_cancelling_again_changes_nothing() {
        open("PO-1");

        WorkflowTask cancelled = store.cancel("PO-1");

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(store.cancel("PO-1")).isEqualTo(cancelled);
    }

    @Test
    void a_finished_task_cannot_be_completed_cancelled_reassigned_moved_or_held() {
        open("PO-1");
        store.cancel("PO-1");

        assertThatThrownBy(() -> store.complete("PO-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PO-1")
                .hasMessageContaining("CANCELLED");
        assertThatThrownBy(() -> store.reassign("PO-1", "bob")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.changeStage("PO-1", "Finance", "bob", clock.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.changePriority("PO-1", "P1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.hold("PO-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.resume("PO-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completing_a_held_task_ends_its_hold() {
        open("PO-1");
        store.hold("PO-1");
        clock.advance(Duration.ofHours(1));

        WorkflowTask completed = store.complete("PO-1");

        assertThat(completed.holds()).containsExactly(Hold.between(START, START.plus(Duration.ofHours(1))));
    }

    @Test
    void reassigning_restarts_escalation_in_a_new_cycle_from_now() {
        WorkflowTask task = open("PO-1");
        record(transition(task, "dora", escalated(task, 1, START.plus(Duration.ofHours(1))), List.of()));
        clock.set(START.plus(Duration.ofHours(30)));

        WorkflowTask reassigned = store.reassign("PO-1", "bob");

        assertThat(reassigned.assignee()).isEqualTo("bob");
        assertThat(reassigned.slaStart()).isEqualTo(clock.now());
        assertThat(reassigned.escalation()).isEqualTo(EscalationState.initial(1, clock.now()));
        assertThat(reassigned.version()).isEqualTo(task.version() + 2);
        assertThat(store.find("PO-1")).contains(reassigned);
    }

    @Test
    void reassigning_to_a_blank_assignee_is_rejected() {
        WorkflowTask task = open("PO-1");

        assertThatThrownBy(() -> store.reassign("PO-1", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("assignee");
        assertThat(store.find("PO-1")).contains(task);
    }

    @Test
    void changing_the_stage_restarts_escalation_from_when_the_stage_was_entered() {
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(5)));
        Instant entered = START.plus(Duration.ofHours(4));

        WorkflowTask moved = store.changeStage("PO-1", "Finance Review", "fred", entered);

        assertThat(moved.stage()).isEqualTo("Finance Review");
        assertThat(moved.assignee()).isEqualTo("fred");
        assertThat(moved.slaStart()).isEqualTo(entered);
        assertThat(moved.escalation().cycle()).isEqualTo(1);
        assertThat(moved.escalation().nextCheckAt()).contains(clock.now());
    }

    @Test
    void changing_the_stage_to_one_entered_in_the_future_is_rejected() {
        WorkflowTask task = open("PO-1");

        assertThatThrownBy(() -> store.changeStage("PO-1", "Finance Review", "fred", START.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enteredAt");
        assertThat(store.find("PO-1")).contains(task);
    }

    @Test
    void changing_the_priority_keeps_the_cycle_and_makes_the_task_due_now() {
        WorkflowTask task = claimOne(open("PO-1"));
        record(transition(task, "dora", escalated(task, 1, START.plus(Duration.ofHours(9))), List.of()));
        clock.advance(Duration.ofHours(1));

        WorkflowTask changed = store.changePriority("PO-1", "P1");

        assertThat(changed.priority()).isEqualTo("P1");
        assertThat(changed.slaStart()).isEqualTo(START);
        assertThat(changed.escalation().cycle()).isZero();
        assertThat(changed.escalation().level()).isEqualTo(1);
        assertThat(changed.escalation().nextCheckAt()).contains(clock.now());
        assertThat(ids(claim(10))).containsExactly("PO-1");
    }

    @Test
    void holding_pauses_the_task_until_it_is_resumed() {
        open("PO-1");
        clock.advance(Duration.ofHours(1));

        WorkflowTask held = store.hold("PO-1");

        assertThat(held.status()).isEqualTo(TaskStatus.ON_HOLD);
        assertThat(held.holds()).containsExactly(Hold.since(clock.now()));
        clock.advance(Duration.ofDays(10));
        assertThat(claim(10)).isEmpty();
    }

    @Test
    void resuming_records_the_hold_and_makes_the_task_due_now() {
        open("PO-1");
        clock.advance(Duration.ofHours(1));
        store.hold("PO-1");
        clock.advance(Duration.ofHours(3));

        WorkflowTask resumed = store.resume("PO-1");

        assertThat(resumed.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(resumed.holds())
                .containsExactly(Hold.between(START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(4))));
        assertThat(resumed.escalation().nextCheckAt()).contains(clock.now());
        assertThat(ids(claim(10))).containsExactly("PO-1");
    }

    @Test
    void holding_a_held_task_or_resuming_an_open_one_is_rejected() {
        open("PO-1");
        assertThatThrownBy(() -> store.resume("PO-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PO-1")
                .hasMessageContaining("OPEN");

        store.hold("PO-1");
        assertThatThrownBy(() -> store.hold("PO-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ON_HOLD");
    }

    @Test
    void every_change_bumps_the_version_so_that_planned_steps_go_stale() {
        WorkflowTask opened = open("PO-1");
        long v1 = store.changePriority("PO-1", "P1").version();
        long v2 = store.hold("PO-1").version();
        long v3 = store.resume("PO-1").version();
        long v4 = store.reassign("PO-1", "bob").version();
        long v5 =
                store.changeStage("PO-1", "Finance Review", "fred", clock.now()).version();
        long v6 = store.complete("PO-1").version();

        assertThat(List.of(opened.version(), v1, v2, v3, v4, v5, v6)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_host_change_releases_the_claim_of_a_running_evaluation() {
        claimOne(open("PO-1"));

        store.changePriority("PO-1", "P1");

        assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-1");
    }
}
