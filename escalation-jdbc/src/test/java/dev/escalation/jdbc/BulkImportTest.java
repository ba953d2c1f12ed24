package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bulk import checks every task before it stores any, stores the tasks in calls of one transaction each
 * over several connections at once, spreads their first checks over the whole import as one call would,
 * and, when a call fails, stops and gives back the tasks it did not store.
 */
abstract class BulkImportTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final List<Optional<String>> TENANTS = List.of(Optional.empty(), Optional.of("acme"), Optional.of("globex"));

    final ManualClock clock = ManualClock.at(START);

    abstract TestDatabase db();

    @Test
    void an_import_in_calls_over_two_connections_stores_every_task_and_its_chains_verify() throws Exception {
        // given a store over a pool with room for two calls at once
        JdbcEscalationStore store = store(b -> b);

        // when 5,003 tasks are imported in calls of 1,000 over two connections
        long opened = store.bulkImport().callSize(1_000).connections(2).run(tasks(5_003));

        // then every task is stored and audited once, and every chain verifies
        assertThat(opened).isEqualTo(5_003);
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("task"))).containsExactly(List.of("5003"));
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("audit") + " WHERE type = 'TASK_OPENED'"))
                .containsExactly(List.of("5003"));
        assertThat(store.auditVerifier().verifyAll())
                .isNotEmpty()
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
    }

    @Test
    void two_connections_store_calls_at_once() {
        // given a mirror that holds each thread's first call until a second thread has stored one too
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch twoThreads = new CountDownLatch(2);
        AtomicBoolean metAnother = new AtomicBoolean();
        JdbcEscalationStore store = store(b -> b.auditMirror(entries -> {
            if (threads.add(Thread.currentThread().getName())) {
                twoThreads.countDown();
                metAnother.compareAndSet(false, twoThreads.await(30, TimeUnit.SECONDS));
            }
        }));

        // when 4 calls are imported over two connections
        store.bulkImport().callSize(500).connections(2).run(tasks(2_000));

        // then two threads stored calls, the second while the first was still in its call
        assertThat(metAnother).isTrue();
        assertThat(threads).hasSize(2);
    }

    @Test
    void the_first_checks_continue_across_calls_as_one_call_of_the_whole_import_would_plan_them() throws Exception {
        // given tasks whose SLA starts are not in the order of their ids
        JdbcEscalationStore store = store(b -> b);
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) {
            tasks.add(task("OLD-" + i, START.minus(Duration.ofMinutes((i * 7_919L) % 43_200 + 1))));
        }

        // when they are imported in calls of 1,000 over two connections
        store.bulkImport().callSize(1_000).connections(2).run(tasks);

        // then each task is first checked where one call of all 4,500 would check it: a thousand a second
        Map<String, Long> expected = new HashMap<>();
        TaskImports.open(tasks, START, TaskRules.none())
                .forEach(c -> expected.put(
                        c.task().id(),
                        c.task().escalation().nextCheckAt().orElseThrow().getEpochSecond()));
        Map<String, Long> stored = new HashMap<>();
        for (List<String> row : db().query("SELECT id, EXTRACT(EPOCH FROM next_check_at) FROM " + db().table("task"))) {
            stored.put(row.get(0), new BigDecimal(row.get(1)).longValueExact());
        }
        assertThat(stored).isEqualTo(expected);
        assertThat(db().query("SELECT COUNT(DISTINCT next_check_at) FROM " + db().table("task")))
                .containsExactly(List.of("5"));
    }

    @Test
    void a_bad_task_in_the_last_call_fails_the_import_with_its_index_before_any_call_is_stored() throws Exception {
        JdbcEscalationStore store = store(b -> b);
        List<NewTask> tasks = tasks(3_000);
        tasks.set(2_500, task("OLD-late", START.plusSeconds(1)));

        assertThatThrownBy(
                        () -> store.bulkImport().callSize(1_000).connections(2).run(tasks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tasks[2500]: slaStart must not be in the future");
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("task"))).containsExactly(List.of("0"));
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("audit"))).containsExactly(List.of("0"));
    }

    @Test
    void an_id_twice_in_different_calls_fails_the_import_before_any_call_is_stored() throws Exception {
        JdbcEscalationStore store = store(b -> b);
        List<NewTask> tasks = tasks(3_000);
        tasks.set(2_999, task("OLD-7", START.minusSeconds(1)));

        assertThatThrownBy(() -> store.bulkImport().callSize(1_000).run(tasks))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("'OLD-7'");
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("task"))).containsExactly(List.of("0"));
    }

    @Test
    void a_call_with_an_id_stored_already_stops_the_import_and_gives_back_the_tasks_not_stored() throws Exception {
        // given OLD-2500, which falls in the third call of 1,000, stored already
        JdbcEscalationStore store = store(b -> b);
        store.tasks().open(task("OLD-2500", START));
        List<NewTask> tasks = tasks(4_000);

        // when the import runs over one connection, call by call
        BulkImportException failure =
                catchThrowableOfType(() -> store.bulkImport().callSize(1_000).run(tasks), BulkImportException.class);

        // then the first two calls are stored, the third rolled back and the fourth never started
        assertThat(failure.getCause()).isInstanceOf(DuplicateTaskException.class);
        assertThat(failure.imported()).isEqualTo(2_000);
        assertThat(failure.notImported()).isEqualTo(tasks.subList(2_000, 4_000));
        assertThat(failure).hasMessageContaining("2000 tasks").hasMessageContaining("OLD-2500");
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("task"))).containsExactly(List.of("2001"));

        // and the tasks given back import once the stored one is left out
        List<NewTask> rest = new ArrayList<>(failure.notImported());
        rest.removeIf(t -> t.id().equals("OLD-2500"));
        assertThat(store.bulkImport().callSize(1_000).run(rest)).isEqualTo(1_999);
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("task"))).containsExactly(List.of("4000"));
    }

    @Test
    void an_empty_import_stores_nothing_and_opens_no_connection() {
        JdbcEscalationStore store = store(b -> b);

        assertThat(store.bulkImport().connections(4).run(List.of())).isZero();
    }

    @Test
    void a_call_size_or_connection_count_out_of_range_is_refused_with_its_value() {
        JdbcEscalationStore store = store(b -> b);

        assertThatThrownBy(() -> store.bulkImport().callSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("callSize must lie in 1..1000000, but was 0");
        assertThatThrownBy(() -> store.bulkImport().connections(65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connections must lie in 1..64, but was 65");
    }

    private JdbcEscalationStore store(UnaryOperator<JdbcEscalationStore.Builder> configure) {
        JdbcEscalationStore store =
                configure.apply(db().storeBuilder(db().pool(3), clock)).build();
        store.createSchema();
        return store;
    }

    /** {@code count} tasks, OLD-0 the oldest: their SLA starts follow their index, a second apart. */
    private static List<NewTask> tasks(int count) {
        List<NewTask> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(task("OLD-" + i, START.minusSeconds(count - i)));
        }
        return tasks;
    }

    /** A task of one of three tenants (one of them none), the same for the same id. */
    private static NewTask task(String id, Instant slaStart) {
        return new NewTask(
                id,
                "purchase-order",
                "Manager Approval",
                "alice",
                "normal",
                TENANTS.get(Math.floorMod(id.hashCode(), TENANTS.size())),
                slaStart,
                Map.of());
    }

    static final class OnPostgres extends BulkImportTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    /** Citus's tables on PostgreSQL: tenant-first keys, each call's rows split by tenant. */
    static final class OnCitusTables extends BulkImportTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.citusTablesOnPostgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends BulkImportTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
