package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.testkit.WorkflowRepositoryContract.Fixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the host's API: a clear error that names the field and the value, and nothing
 * stored - the task, its claim and the outbox stay as they were.
 */
abstract class RejectingBadInputContract extends ContractSupport {

    @Test
    void a_task_without_an_assignee_is_rejected_naming_the_field() {
        assertThatThrownBy(() -> store.open(new NewTask(
                        "PO-1",
                        "purchase-order",
                        "Manager Approval",
                        null,
                        "normal",
                        Optional.empty(),
                        START,
                        Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assignee must not be blank, but was null");
        assertThat(store.find("PO-1")).isEmpty();
    }

    @Test
    void no_task_at_all_is_rejected() {
        assertThatThrownBy(() -> store.open(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be null");
    }

    @Test
    void a_task_whose_sla_starts_in_the_future_is_rejected_and_not_claimable() {
        assertThatThrownBy(() -> store.open(
                        NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START.plusSeconds(60))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slaStart")
                .hasMessageContaining("in the future");
        clock.advance(Duration.ofDays(1));

        assertThat(store.find("PO-1")).isEmpty();
        assertThat(claim(10)).isEmpty();
    }

    @Test
    void a_duplicate_id_is_rejected_and_the_first_task_keeps_its_state_and_its_claim() {
        WorkflowTask first = claimOne(open("PO-1"));

        assertThatThrownBy(() -> store.open(NewTask.of("PO-1", "purchase-order", "Finance Review", "bob", START)
                        .withPriority("P1")))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("PO-1");

        assertThat(store.find("PO-1")).contains(first);
        assertThat(claimAs("runner-b", 10)).as("still claimed by runner-a").isEmpty();
    }

    @Test
    void a_priority_the_store_does_not_allow_is_rejected_naming_the_allowed_ones() throws Exception {
        Fixture strict = createFixture(clock, TaskRules.priorities("P1", "P2", "P3"));
        try {
            assertThatThrownBy(() -> strict.store().open(newTask("PO-1").withPriority("urgent")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("priority must be one of [P1, P2, P3], but was 'urgent'");
            assertThat(strict.store().find("PO-1")).isEmpty();

            WorkflowTask opened = strict.store().open(newTask("PO-2").withPriority("P2"));
            assertThatThrownBy(() -> strict.store().changePriority("PO-2", "P9"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'P9'");
            assertThat(strict.store().find("PO-2")).contains(opened);
        } finally {
            strict.onClose().close();
        }
    }

    @Test
    void a_missing_or_blank_task_id_is_rejected_by_every_call() {
        for (String id : Arrays.asList(null, "", "  ")) {
            assertThatThrownBy(() -> store.find(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taskId");
            assertThatThrownBy(() -> store.complete(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taskId");
            assertThatThrownBy(() -> store.cancel(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taskId");
            assertThatThrownBy(() -> store.reassign(id, "bob"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taskId");
            assertThatThrownBy(() -> store.hold(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taskId");
        }
    }

    @Test
    void missing_values_of_a_change_are_rejected_naming_them_and_change_nothing() {
        WorkflowTask task = open("PO-1");

        assertThatThrownBy(() -> store.reassign("PO-1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assignee must not be blank, but was null");
        assertThatThrownBy(() -> store.changeStage("PO-1", "Finance Review", null, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assignee must not be blank, but was null");
        assertThatThrownBy(() -> store.changeStage("PO-1", " ", "fred", START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage must not be blank, but was ' '");
        assertThatThrownBy(() -> store.changeStage("PO-1", "Finance Review", "fred", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enteredAt must not be null");
        assertThatThrownBy(() -> store.changePriority("PO-1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority must not be blank, but was null");

        assertThat(store.find("PO-1")).contains(task);
    }
}
