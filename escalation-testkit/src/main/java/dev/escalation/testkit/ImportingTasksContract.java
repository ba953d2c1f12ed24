package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a store that overrides {@code TaskStore.openAll} promises beyond the default: all or nothing,
 * and first checks planned as {@link TaskImports} documents, so that an import does not all fall due
 * in one run.
 */
abstract class ImportingTasksContract extends ContractSupport {

    @Test
    void a_bad_task_fails_the_import_naming_its_index_and_field_and_nothing_is_stored() {
        List<NewTask> tasks = new ArrayList<>(OpeningManyTasksContract.imported(this, "PO", 3, Duration.ZERO));
        tasks.add(NewTask.of(
                "PO-future",
                "purchase-order",
                "Manager Approval",
                "alice",
                clock.now().plusSeconds(60)));

        assertThatThrownBy(() -> store.openAll(tasks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tasks[3]")
                .hasMessageContaining("slaStart");
        assertThat(store.find("PO-0")).isEmpty();
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void an_import_with_an_id_stored_already_fails_naming_it_and_stores_nothing_of_the_import() {
        open("PO-2");
        List<NewTask> tasks = OpeningManyTasksContract.imported(this, "PO", 4, Duration.ZERO);

        assertThatThrownBy(() -> store.openAll(tasks))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("'PO-2'");
        assertThat(store.find("PO-0")).isEmpty();
        assertThat(store.find("PO-3")).isEmpty();
        assertThat(audit.entries()).extracting(AuditEntry::taskId).containsExactly("PO-2");
    }

    @Test
    void imported_tasks_past_their_sla_start_fall_due_a_thousand_a_second_the_longest_waiting_first() {
        List<NewTask> tasks = new ArrayList<>(OpeningManyTasksContract.imported(this, "PO", 2_500, Duration.ofDays(3)));
        tasks.add(NewTask.of(
                "PO-oldest",
                "purchase-order",
                "Manager Approval",
                "alice",
                clock.now().minus(Duration.ofDays(90))));

        store.openAll(tasks);

        List<WorkflowTask> firstRun = claim(10_000);
        assertThat(firstRun).hasSize(TaskImports.CHECKS_PER_SECOND);
        assertThat(firstRun).extracting(WorkflowTask::id).contains("PO-oldest");
        clock.advance(Duration.ofSeconds(1));
        assertThat(claim(10_000)).hasSize(TaskImports.CHECKS_PER_SECOND);
        clock.advance(Duration.ofSeconds(1));
        assertThat(claim(10_000)).hasSize(501);
    }
}
