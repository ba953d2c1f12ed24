package dev.escalation.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.testing.StoreOf10;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Opening many tasks at once: validation with the bad task's index, first checks spread a thousand a second. */
class TaskImportsTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private final ManualClock clock = ManualClock.at(NOW);

    private static NewTask task(String id, Instant slaStart) {
        return NewTask.of(id, "purchase-order", "Manager Approval", "alice", slaStart);
    }

    private static List<NewTask> tasks(int count, Duration ago) {
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task("PO-" + i, NOW.minus(ago)));
        }
        return tasks;
    }

    @Test
    void an_import_of_up_to_a_thousand_tasks_is_due_at_once_like_open() {
        List<TaskChanges.Change> opened = TaskImports.open(tasks(1_000, Duration.ofDays(2)), NOW, TaskRules.none());

        assertThat(opened)
                .allSatisfy(c -> assertThat(c.task().escalation().nextCheckAt()).contains(NOW));
        assertThat(opened).allSatisfy(c -> assertThat(c.audit().type()).isEqualTo(AuditType.TASK_OPENED));
    }

    @Test
    void an_import_at_one_instant_gives_audit_ids_of_that_instant_that_sort_in_the_imports_order() {
        List<TaskChanges.Change> opened = TaskImports.open(tasks(10_000, Duration.ofDays(2)), NOW, TaskRules.none());

        assertThat(opened)
                .extracting(c -> c.audit().id())
                .isSortedAccordingTo(String::compareTo)
                .allSatisfy(id -> assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16)
                        .isEqualTo(NOW.toEpochMilli()));
    }

    @Test
    void the_oldest_sla_starts_are_checked_first_and_each_further_thousand_a_second_later() {
        List<NewTask> tasks = new ArrayList<>(tasks(1_500, Duration.ofDays(1)));
        tasks.add(task("PO-oldest", NOW.minus(Duration.ofDays(60))));

        List<TaskChanges.Change> opened = TaskImports.open(tasks, NOW, TaskRules.none());

        assertThat(opened.get(1_500).task().escalation().nextCheckAt()).contains(NOW);
        assertThat(opened)
                .extracting(c -> c.task().escalation().nextCheckAt().orElseThrow())
                .containsOnly(NOW, NOW.plusSeconds(1))
                .filteredOn(NOW.plusSeconds(1)::equals)
                .hasSize(501);
        assertThat(opened).extracting(c -> c.task().id()).first().isEqualTo("PO-0");
    }

    @Test
    void a_bad_task_is_named_by_its_index_and_field() {
        List<NewTask> tasks = new ArrayList<>(tasks(2, Duration.ZERO));
        tasks.add(task("PO-late", NOW.plusSeconds(1)));

        assertThatThrownBy(() -> TaskImports.open(tasks, NOW, TaskRules.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tasks[2]: slaStart must not be in the future");
    }

    @Test
    void a_null_task_is_named_by_its_index() {
        List<NewTask> tasks = Arrays.asList(task("PO-1", NOW), null);

        assertThatThrownBy(() -> TaskImports.checked(tasks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tasks[1] must not be null");
    }

    @Test
    void an_id_twice_in_an_import_is_a_duplicate() {
        assertThatThrownBy(() -> TaskImports.checked(List.of(task("PO-1", NOW), task("PO-1", NOW))))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("'PO-1'");
    }

    @Test
    void the_in_memory_store_imports_all_or_nothing() {
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
        tasks.open(task("PO-1", NOW));

        assertThatThrownBy(() -> tasks.openAll(List.of(task("PO-0", NOW), task("PO-1", NOW))))
                .isInstanceOf(DuplicateTaskException.class);
        assertThat(tasks.find("PO-0")).isEmpty();
        assertThat(tasks.openAll(List.of(task("PO-2", NOW), task("PO-3", NOW))))
                .extracting(WorkflowTask::id)
                .containsExactly("PO-2", "PO-3");
        assertThat(tasks.auditTrail().entries()).extracting(AuditEntry::taskId).containsExactly("PO-1", "PO-2", "PO-3");
    }

    @Test
    void the_interface_s_default_opens_one_task_after_the_other() {
        InMemoryWorkflowRepository memory = new InMemoryWorkflowRepository(clock);
        TaskStore onlyOpen = new StoreOf10(memory);

        List<WorkflowTask> opened = onlyOpen.openAll(tasks(1_200, Duration.ofDays(1)));

        assertThat(opened)
                .hasSize(1_200)
                .allSatisfy(t -> assertThat(t.escalation().nextCheckAt()).contains(NOW));
        assertThat(memory.find("PO-1199")).isPresent();
    }

    @Test
    void a_call_told_of_the_calls_before_it_continues_their_spread_instead_of_starting_at_now() {
        // given an import of 5,000 tasks ordered by SLA start and cut into calls of 2,500
        List<NewTask> ordered = TaskImports.bySlaStart(spreadOverDays(5_000));

        // when the calls are opened, the second one told of the 2,500 before it
        List<TaskChanges.Change> first = TaskImports.open(ordered.subList(0, 2_500), NOW, TaskRules.none(), 0);
        List<TaskChanges.Change> second = TaskImports.open(ordered.subList(2_500, 5_000), NOW, TaskRules.none(), 2_500);

        // then the k-th oldest of the whole import is checked floor(k / 1,000) seconds from now, as one call would
        List<Instant> planned = new ArrayList<>();
        first.forEach(c -> planned.add(c.task().escalation().nextCheckAt().orElseThrow()));
        second.forEach(c -> planned.add(c.task().escalation().nextCheckAt().orElseThrow()));
        List<Instant> oneCall = TaskImports.open(ordered, NOW, TaskRules.none()).stream()
                .map(c -> c.task().escalation().nextCheckAt().orElseThrow())
                .toList();
        assertThat(planned).isEqualTo(oneCall);
        assertThat(second.get(0).task().escalation().nextCheckAt()).contains(NOW.plusSeconds(2));
        assertThat(second.get(2_499).task().escalation().nextCheckAt()).contains(NOW.plusSeconds(4));
    }

    @Test
    void tasks_before_a_call_that_are_no_whole_thousand_share_its_first_second() {
        // given 1,500 tasks before this call: the next 500 of the import fill its second second
        List<TaskChanges.Change> opened =
                TaskImports.open(tasks(700, Duration.ofDays(1)), NOW, TaskRules.none(), 1_500);

        // then the first 500 are checked at now + 1 s, the other 200 at now + 2 s
        assertThat(opened)
                .extracting(c -> c.task().escalation().nextCheckAt().orElseThrow())
                .containsOnly(NOW.plusSeconds(1), NOW.plusSeconds(2))
                .filteredOn(NOW.plusSeconds(1)::equals)
                .hasSize(500);
    }

    @Test
    void a_negative_count_of_tasks_before_a_call_is_refused_with_its_value() {
        assertThatThrownBy(() -> TaskImports.open(tasks(1, Duration.ZERO), NOW, TaskRules.none(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("importedBefore must not be negative, but was -1");
    }

    @Test
    void validating_an_import_names_the_bad_task_by_its_index_as_opening_it_would() {
        List<NewTask> tasks = new ArrayList<>(tasks(3, Duration.ZERO));
        tasks.add(NewTask.of("PO-urgent", "purchase-order", "Manager Approval", "alice", NOW)
                .withPriority("P9"));

        assertThatThrownBy(() -> TaskImports.validate(tasks, NOW, TaskRules.priorities("normal", "P1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tasks[3]: ")
                .hasMessageContaining("P9");
        assertThatThrownBy(() -> TaskImports.open(tasks, NOW, TaskRules.priorities("normal", "P1")))
                .hasMessage(catchMessage(() -> TaskImports.validate(tasks, NOW, TaskRules.priorities("normal", "P1"))));
    }

    @Test
    void validating_an_import_finds_an_id_twice_and_a_start_in_the_future() {
        List<NewTask> twice = List.of(task("PO-1", NOW), task("PO-1", NOW));
        List<NewTask> late = List.of(task("PO-1", NOW), task("PO-2", NOW.plusMillis(1)));

        assertThatThrownBy(() -> TaskImports.validate(twice, NOW, TaskRules.none()))
                .isInstanceOf(DuplicateTaskException.class);
        assertThatThrownBy(() -> TaskImports.validate(late, NOW, TaskRules.none()))
                .hasMessageStartingWith("tasks[1]: slaStart must not be in the future");
        assertThat(TaskImports.validate(List.of(task("PO-1", NOW)), NOW, TaskRules.none()))
                .extracting(NewTask::id)
                .containsExactly("PO-1");
    }

    @Test
    void ordering_by_sla_start_keeps_the_imports_order_among_equal_starts() {
        List<NewTask> tasks =
                List.of(task("B", NOW.minusSeconds(5)), task("A", NOW.minusSeconds(9)), task("C", NOW.minusSeconds(5)));

        assertThat(TaskImports.bySlaStart(tasks)).extracting(NewTask::id).containsExactly("A", "B", "C");
    }

    /** {@code count} tasks whose SLA starts are spread over the last 30 days, not in the order of their ids. */
    private static List<NewTask> spreadOverDays(int count) {
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task("PO-" + i, NOW.minus(Duration.ofMinutes((i * 7_919L) % (30 * 1_440)))));
        }
        return tasks;
    }

    private static String catchMessage(Runnable call) {
        try {
            call.run();
            throw new AssertionError("expected an exception");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
