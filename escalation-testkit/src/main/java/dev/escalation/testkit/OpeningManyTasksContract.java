package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening many tasks at once ({@code TaskStore.openAll}): what even the interface's default, which
 * opens one task after the other, must do.
 */
abstract class OpeningManyTasksContract extends ContractSupport {

    @Test
    void opens_every_task_of_an_import_and_audits_each_as_opened_in_the_import_s_order() {
        List<WorkflowTask> opened = store.openAll(List.of(newTask("PO-1"), newTask("PO-2"), newTask("PO-3")));

        assertThat(opened).extracting(WorkflowTask::id).containsExactly("PO-1", "PO-2", "PO-3");
        assertThat(store.find("PO-2")).isPresent();
        assertThat(audit.entries())
                .filteredOn(e -> e.type() == AuditType.TASK_OPENED)
                .extracting(AuditEntry::taskId)
                .containsExactly("PO-1", "PO-2", "PO-3");
    }

    @Test
    void an_import_that_names_one_id_twice_stores_nothing() {
        List<NewTask> twice = List.of(newTask("PO-1"), newTask("PO-2"), newTask("PO-1"));

        assertThatThrownBy(() -> store.openAll(twice))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("PO-1");
        assertThat(store.find("PO-2")).isEmpty();
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void an_empty_import_opens_nothing() {
        assertThat(store.openAll(List.of())).isEmpty();
        assertThat(audit.entries()).isEmpty();
    }

    /** {@code count} tasks whose SLA started {@code agoHours} hours ago, ids {@code prefix-0...}. */
    static List<NewTask> imported(ContractSupport test, String prefix, int count, Duration ago) {
        List<NewTask> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(NewTask.of(
                    prefix + "-" + i,
                    "purchase-order",
                    "Manager Approval",
                    "alice",
                    test.clock.now().minus(ago)));
        }
        return tasks;
    }
}
