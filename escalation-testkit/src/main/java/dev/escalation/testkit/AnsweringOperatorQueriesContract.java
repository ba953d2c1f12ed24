package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.DeliveryState;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.OutboxNotification;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's questions ({@link OperatorQueries}): the worklist by SLA standing, the audit trail by
 * task, type, tenant and time, the outbox by delivery state, each paged by key. Skipped where the
 * repository does not offer {@code OperatorQueries} (an optional interface).
 */
abstract class AnsweringOperatorQueriesContract extends ContractSupport {

    private static final Duration HOUR = Duration.ofHours(1);

    private OperatorQueries queries;

    @BeforeEach
    void requireQueries() {
        assumeTrue(repository instanceof OperatorQueries, "this repository does not offer OperatorQueries");
        queries = (OperatorQueries) repository;
    }

    @Test
    void lists_active_tasks_by_where_they_stand_against_their_sla_at_the_query_instant() {
        evaluate(open("PO-fine"), START.plus(hours(30)), START.plus(hours(32)));
        evaluate(open("PO-near"), START.plus(hours(22)), START.plus(hours(24)));
        evaluate(open("PO-breached"), START, START.plus(HOUR));
        evaluate(open("PO-held"), START, START.plus(HOUR));
        evaluate(open("PO-done"), START, START.plus(HOUR));
        store.hold("PO-held");
        store.complete("PO-done");
        TaskQuery at23 = TaskQuery.asOf(START.plus(hours(23)));

        assertThat(standings(queries.openTasks(at23)))
                .containsExactly("PO-breached=BREACHED", "PO-held=ON_HOLD", "PO-near=NEAR_BREACH", "PO-fine=FINE");
        assertThat(ids(queries.openTasks(at23.standing(SlaStanding.BREACHED)))).containsExactly("PO-breached");
        assertThat(ids(queries.openTasks(at23.standing(SlaStanding.NEAR_BREACH, SlaStanding.ON_HOLD))))
                .containsExactly("PO-held", "PO-near");
        assertThat(ids(queries.openTasks(at23.standing(SlaStanding.FINE)))).containsExactly("PO-fine");
    }

    @Test
    void narrows_the_worklist_by_workflow_type_stage_assignee_and_tenant() {
        store.open(newTask("PO-1").withTenant("acme"));
        store.open(newTask("PO-2").withTenant("globex"));
        store.open(dev.escalation.core.task.NewTask.of("INV-1", "invoice", "Review", "bob", clock.now())
                .withTenant("acme"));
        TaskQuery now = TaskQuery.asOf(clock.now());

        assertThat(ids(queries.openTasks(now.workflowType("invoice")))).containsExactly("INV-1");
        assertThat(ids(queries.openTasks(now.stage("Manager Approval")))).containsExactly("PO-1", "PO-2");
        assertThat(ids(queries.openTasks(now.assignee("bob")))).containsExactly("INV-1");
        assertThat(ids(queries.openTasks(now.tenant("acme")))).containsExactly("INV-1", "PO-1");
        assertThat(ids(queries.openTasks(now.tenant("acme").stage("Review").assignee("alice"))))
                .isEmpty();
    }

    @Test
    void orders_the_worklist_by_deadline_then_id_with_tasks_not_yet_evaluated_last() {
        open("PO-unevaluated");
        evaluate(open("PO-late-b"), START, START.plus(hours(9)));
        evaluate(open("PO-late-a"), START, START.plus(hours(9)));
        evaluate(open("PO-soon"), START, START.plus(hours(2)));

        assertThat(ids(queries.openTasks(TaskQuery.asOf(START))))
                .containsExactly("PO-soon", "PO-late-a", "PO-late-b", "PO-unevaluated");
    }

    @Test
    void pages_the_worklist_by_its_cursor_each_task_once() {
        for (int i = 0; i < 7; i++) {
            evaluate(open("PO-" + i), START, START.plus(hours(7 - i % 3)));
        }
        open("PO-x");
        open("PO-y");

        List<String> paged = all(
                q -> ids(queries.openTasks(q)),
                TaskQuery.asOf(START).limit(2),
                TaskQuery::after,
                q -> queries.openTasks(q).next());

        assertThat(paged).containsExactlyElementsOf(ids(queries.openTasks(TaskQuery.asOf(START))));
        assertThat(paged).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void pages_the_worklist_without_duplicates_or_gaps_while_other_threads_open_tasks() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            evaluate(open("PO-" + (100 + i)), START, START.plus(Duration.ofMinutes(90 - i)));
            before.add("PO-" + (100 + i));
        }
        List<String> seen = pageWhileOpening(
                TaskQuery.asOf(START).limit(4),
                q -> queries.openTasks(q),
                TaskQuery::after,
                t -> t.task().id());

        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void reads_the_audit_entries_of_one_task_of_some_types_and_of_one_tenant() {
        store.open(newTask("PO-1").withTenant("acme"));
        store.open(newTask("PO-2").withTenant("globex"));
        clock.advance(HOUR);
        store.hold("PO-1");
        store.reassign("PO-2", "bob");

        assertThat(types(queries.auditEntries(AuditQuery.all().task("PO-1"))))
                .containsExactly(AuditType.TASK_OPENED, AuditType.TASK_HELD);
        assertThat(taskIds(queries.auditEntries(AuditQuery.all().type(AuditType.TASK_OPENED))))
                .containsExactly("PO-1", "PO-2");
        assertThat(types(queries.auditEntries(AuditQuery.all().tenant("globex"))))
                .containsExactly(AuditType.TASK_OPENED, AuditType.TASK_REASSIGNED);
        assertThat(types(queries.auditEntries(
                        AuditQuery.all().tenant("acme").type(AuditType.TASK_HELD, AuditType.TASK_REASSIGNED))))
                .containsExactly(AuditType.TASK_HELD);
    }

    @Test
    void reads_the_audit_entries_of_a_time_range_from_inclusive_until_exclusive_in_the_order_they_occurred() {
        open("PO-1");
        clock.advance(HOUR);
        open("PO-2");
        store.hold("PO-2");
        clock.advance(HOUR);
        open("PO-3");

        Page<AuditEntry> secondHour =
                queries.auditEntries(AuditQuery.all().between(START.plus(HOUR), START.plus(hours(2))));

        assertThat(secondHour.items())
                .extracting(e -> e.taskId() + ":" + e.type())
                .containsExactly("PO-2:TASK_OPENED", "PO-2:TASK_HELD");
        assertThat(secondHour.hasNext()).isFalse();
    }

    @Test
    void pages_the_audit_trail_without_duplicates_or_gaps_while_other_threads_append() throws Exception {
        for (int i = 0; i < 30; i++) {
            open("PO-" + (100 + i));
        }
        List<String> before = audit.entries().stream().map(AuditEntry::id).toList();

        List<String> seen = pageWhileOpening(
                AuditQuery.all().limit(4), q -> queries.auditEntries(q), AuditQuery::after, AuditEntry::id);

        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
        assertThat(seen.subList(0, before.size())).containsExactlyElementsOf(before);
    }

    @Test
    void lists_undelivered_notifications_by_delivery_state_with_attempts_and_last_error() {
        storeNotifications("PO-1", "PO-1/0/WARNING/1");
        storeNotifications("PO-2", "PO-2/0/WARNING/1");
        storeNotifications("PO-3", "PO-3/0/WARNING/1");
        storeNotifications("PO-4", "PO-4/0/WARNING/1");
        List<PendingNotification> claimed = claimNotifications(10);
        assertThat(claimed).hasSize(4);
        repository.recordDeliveries(
                scope(),
                List.of(
                        DeliveryOutcome.retry(
                                "PO-2/0/WARNING/1", 2, clock.now().plus(HOUR), "smtp timeout", clock.now()),
                        DeliveryOutcome.givenUp("PO-3/0/WARNING/1", 6, "mailbox full", clock.now()),
                        DeliveryOutcome.delivered("PO-4/0/WARNING/1", 1, clock.now())));

        Page<OutboxNotification> undelivered = queries.notifications(OutboxQuery.undelivered());

        assertThat(undelivered.items())
                .extracting(n -> n.notification().taskId() + ":" + n.state() + ":" + n.attempts() + ":"
                        + n.lastError().orElse("-"))
                .containsExactly("PO-1:PENDING:0:-", "PO-2:FAILING:2:smtp timeout", "PO-3:GIVEN_UP:6:mailbox full");
        assertThat(queries.notifications(OutboxQuery.inState(DeliveryState.GIVEN_UP))
                        .items())
                .extracting(n -> n.notification().idempotencyKey())
                .containsExactly("PO-3/0/WARNING/1");
        assertThat(queries.notifications(OutboxQuery.inState(DeliveryState.PENDING, DeliveryState.FAILING)
                                .task("PO-2"))
                        .items())
                .extracting(n -> n.notification().idempotencyKey())
                .containsExactly("PO-2/0/WARNING/1");
    }

    @Test
    void pages_undelivered_notifications_by_idempotency_key_each_once() {
        storeNotifications("PO-1", "PO-1/0/WARNING/1", "PO-1/0/REMINDER/1", "PO-1/0/REMINDER/2");
        storeNotifications("PO-2", "PO-2/0/WARNING/1", "PO-2/0/REMINDER/1");

        List<String> paged = all(
                q -> queries.notifications(q).items().stream()
                        .map(n -> n.notification().idempotencyKey())
                        .toList(),
                OutboxQuery.undelivered().limit(2),
                OutboxQuery::after,
                q -> queries.notifications(q).next());

        assertThat(paged)
                .containsExactly(
                        "PO-1/0/REMINDER/1",
                        "PO-1/0/REMINDER/2",
                        "PO-1/0/WARNING/1",
                        "PO-2/0/REMINDER/1",
                        "PO-2/0/WARNING/1");
    }

    @Test
    void refuses_a_cursor_that_no_page_returned_naming_the_field() {
        assertThatThrownBy(() -> queries.openTasks(TaskQuery.asOf(START).after("not a cursor")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after")
                .hasMessageContaining("not a cursor");
        assertThatThrownBy(() -> queries.auditEntries(AuditQuery.all().after("bm90IGEgY3Vyc29y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * Pages through {@code first} while another thread opens tasks (whose ids sort before and after
     * the ones stored): it opens a batch after each page is read, and the next page is read only
     * once that batch is in, so every page but the first runs against rows stored since paging began.
     */
    private <Q, T> List<String> pageWhileOpening(
            Q first,
            Function<Q, Page<T>> read,
            java.util.function.BiFunction<Q, String, Q> after,
            Function<T, String> key)
            throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            List<String> seen = new ArrayList<>();
            Page<T> page = read.apply(first);
            for (int batch = 0; ; batch++) {
                page.items().forEach(item -> seen.add(key.apply(item)));
                if (page.next().isEmpty()) {
                    return seen;
                }
                int b = batch;
                CountDownLatch opened = new CountDownLatch(1);
                Future<?> done = writer.submit(() -> {
                    open("PO-0" + b);
                    open("PO-9" + b);
                    opened.countDown();
                });
                assertThat(opened.await(30, TimeUnit.SECONDS))
                        .as("batch %s opened", b)
                        .isTrue();
                done.get(30, TimeUnit.SECONDS);
                page = read.apply(after.apply(first, page.next().get()));
            }
        } finally {
            writer.shutdownNow();
        }
    }

    private static <Q> List<String> all(
            Function<Q, List<String>> items,
            Q first,
            java.util.function.BiFunction<Q, String, Q> after,
            Function<Q, Optional<String>> next) {
        List<String> seen = new ArrayList<>();
        Q query = first;
        while (true) {
            seen.addAll(items.apply(query));
            Optional<String> cursor = next.apply(query);
            if (cursor.isEmpty()) {
                return seen;
            }
            query = after.apply(first, cursor.get());
        }
    }

    /** Records an evaluation that put {@code task}'s warning point and deadline where given. */
    private void evaluate(WorkflowTask task, Instant warningAt, Instant deadline) {
        record(new StepTransition(
                task.id(),
                task.version(),
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
                List.of(),
                List.of()));
    }

    private static Duration hours(int count) {
        return HOUR.multipliedBy(count);
    }

    private static List<String> ids(Page<OpenTask> page) {
        return page.items().stream().map(t -> t.task().id()).toList();
    }

    private static List<String> standings(Page<OpenTask> page) {
        return page.items().stream()
                .map(t -> t.task().id() + "=" + t.standing())
                .toList();
    }

    private static List<AuditType> types(Page<AuditEntry> page) {
        return page.items().stream().map(AuditEntry::type).toList();
    }

    private static List<String> taskIds(Page<AuditEntry> page) {
        return page.items().stream().map(AuditEntry::taskId).toList();
    }
}
