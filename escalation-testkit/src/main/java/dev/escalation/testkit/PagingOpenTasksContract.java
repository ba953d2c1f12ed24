package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Paging through the active tasks by id ({@code openTasks}), as a policy change preview does;
 * skipped where the repository keeps the default that throws.
 */
abstract class PagingOpenTasksContract extends ContractSupport {

    @Test
    void pages_hand_out_every_open_and_held_task_once_and_no_finished_one() {
        assumePaging();
        for (int i = 1; i <= 7; i++) {
            open("PO-" + i);
        }
        store.hold("PO-2");
        store.complete("PO-3");
        store.cancel("PO-4");

        List<List<String>> pages = pagesOf(scope(), 2);

        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(List::stream))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("PO-1", "PO-2", "PO-5", "PO-6", "PO-7");
    }

    @Test
    void a_page_reads_tasks_as_stored_and_claims_nothing() {
        assumePaging();
        WorkflowTask opened = open("PO-1");

        List<WorkflowTask> page = repository.openTasks(scope(), Optional.empty(), 10);

        assertThat(page).containsExactly(opened);
        assertThat(ids(claim(10))).containsExactly("PO-1");
    }

    @Test
    void pages_leave_out_tasks_of_tenants_outside_the_scope() {
        assumePaging();
        store.open(newTask("PO-acme").withTenant("acme"));
        store.open(newTask("PO-globex").withTenant("globex"));
        open("PO-none");

        List<List<String>> pages = pagesOf(scope(Set.of("acme")), 10);

        assertThat(pages).containsExactly(List.of("PO-acme"));
    }

    private void assumePaging() {
        try {
            repository.openTasks(scope(), Optional.empty(), 1);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "this repository does not page through its open tasks");
        }
    }

    /** Every page until a short one, each as its ids. */
    private List<List<String>> pagesOf(RunScope scope, int limit) {
        List<List<String>> pages = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<WorkflowTask> page = repository.openTasks(scope, after, limit);
            pages.add(ids(page));
            if (page.size() < limit) {
                return pages;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }
}
