package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four engines ("nodes"), each on its own thread with its own store, share one PostgreSQL database
 * through a connection pool; 20,000 tasks go through warnings and two escalation levels over three
 * days while the host completes tasks during the runs. Every step must appear exactly once in the
 * audit table, every task row must agree with a replay of its audit trail, and every notification
 * must be delivered with its idempotency key, and the audit's hash chain must verify.
 */
class ClusterTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int TASKS = 20_000;
    static final int NODES = 4;

    /** How many tasks the engines work through; {@link CitusClusterTest} takes fewer, as its round trips cost more. */
    final int tasks = tasks();

    @RegisterExtension
    final TestDatabase db = database();

    final ManualClock clock = ManualClock.at(START);
    final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    final ExecutorService threads = Executors.newFixedThreadPool(NODES + 1);

    final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(4))
            .escalateTo(EscalationTarget.user("dora"))
            .escalateTo(EscalationTarget.user("dirk"), Duration.ofHours(12))
            .build();

    TestDatabase database() {
        return TestDatabase.postgres();
    }

    int tasks() {
        return TASKS;
    }

    /** The tenant of task {@code i}: none here; several on Citus, whose tables are distributed by tenant. */
    java.util.Optional<String> tenantOf(int i) {
        return java.util.Optional.empty();
    }

    /** How many audit chains the run writes: one per tenant, and the stripes of the tasks without a tenant. */
    int chains() {
        return AuditChain.DEFAULT_STRIPES;
    }

    /** How many tasks (at most) the host completes while the engines run, per tick. */
    int completionsPerTick() {
        return 100;
    }

    /** How the check joins an outbox row ({@code o}) to its task ({@code t}); Citus joins only on the distribution key too. */
    String outboxRowsTask() {
        return "t.id = o.task_id";
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void four_engines_apply_every_step_once_and_deliver_every_notification() throws Exception {
        DataSource pool = db.pool(NODES + 2);
        JdbcEscalationStore host = db.storeBuilder(pool, clock).build();
        host.createSchema();
        openTasks(host);
        List<EscalationEngine> engines = new ArrayList<>();
        for (int node = 0; node < NODES; node++) {
            JdbcEscalationStore store = db.storeBuilder(pool, clock).build();
            Notifier notifier = n -> deliveries
                    .computeIfAbsent(n.idempotencyKey(), k -> new AtomicInteger())
                    .incrementAndGet();
            engines.add(EscalationEngine.builder()
                    .repository(store.repository())
                    .policy(policy)
                    .notifier(notifier)
                    .batchSize(250)
                    .countSla(false)
                    .build());
        }

        Random random = new Random(7);
        int[] appliedBy = new int[NODES];
        for (int tick = 0; tick < 3 * 8; tick++) {
            clock.advance(Duration.ofHours(3));
            List<Callable<Integer>> work = new ArrayList<>();
            for (int node = 0; node < NODES; node++) {
                int n = node;
                work.add(() -> appliedBy[n] += engines.get(n).runOnce().stepsApplied());
            }
            List<String> toComplete = random.ints(completionsPerTick(), 0, tasks)
                    .mapToObj(i -> "PO-" + i)
                    .distinct()
                    .toList();
            work.add(() -> {
                toComplete.forEach(id -> host.tasks().complete(id));
                return 0;
            });
            for (Future<Integer> result : threads.invokeAll(work)) {
                result.get();
            }
        }
        RunReport last = engines.get(0).runOnce();

        assertThat(last.stepsApplied()).isZero();
        assertThat(java.util.Arrays.stream(appliedBy).min().orElseThrow())
                .as("the fewest steps one node applied")
                .isPositive();
        assertThat(java.util.Arrays.stream(appliedBy).sum()).isGreaterThan(tasks);
        assertEveryStepOnce();
        assertTaskRowsAgreeWithTheReplayedAudit();
        assertEveryNotificationDeliveredOnce();
        assertThat(host.auditVerifier().verifyAll())
                .as("the audit chains (16 stripes, and on Citus each tenant's), written by five writers at once")
                .hasSize(chains())
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.chain()).isTrue());
    }

    private void openTasks(JdbcEscalationStore host) throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < NODES; t++) {
            int first = t;
            work.add(() -> {
                Random random = new Random(first);
                for (int i = first; i < tasks; i += NODES) {
                    Instant entered = START.minus(Duration.ofMinutes(random.nextInt(24 * 60)));
                    NewTask task = NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", entered);
                    host.tasks().open(tenantOf(i).map(task::withTenant).orElse(task));
                }
                return null;
            });
        }
        for (Future<Void> f : threads.invokeAll(work)) {
            f.get();
        }
    }

    private void assertEveryStepOnce() throws SQLException {
        assertThat(query("SELECT step_key, COUNT(*) FROM " + db.table("audit")
                        + " WHERE type IN ('WARNING_SENT', 'REMINDER_SENT',"
                        + " 'ESCALATED', 'RE_ESCALATED', 'STEP_SKIPPED') GROUP BY step_key HAVING COUNT(*) > 1"))
                .isEmpty();
        assertThat(query("SELECT task_id, COUNT(*) FROM " + db.table("audit") + " WHERE type = 'SLA_BREACHED'"
                        + " GROUP BY task_id HAVING COUNT(*) > 1"))
                .isEmpty();
    }

    /** Replays each task's audit trail to the state it implies and compares it with the task row. */
    private void assertTaskRowsAgreeWithTheReplayedAudit() throws SQLException {
        Map<String, Replayed> replayed = new HashMap<>();
        for (List<String> row : query("SELECT task_id, type, escalation_level, to_assignee, step_key FROM "
                + db.table("audit") + " ORDER BY seq")) {
            Replayed r = replayed.computeIfAbsent(row.get(0), id -> new Replayed());
            switch (AuditType.valueOf(row.get(1))) {
                case WARNING_SENT -> r.warned = true;
                case STEP_SKIPPED -> r.warned |= row.get(4).contains("/WARNING/");
                case SLA_BREACHED -> r.breached = true;
                case ESCALATED -> {
                    r.level = Integer.parseInt(row.get(2));
                    r.assignee = row.get(3);
                }
                case TASK_COMPLETED -> r.status = "COMPLETED";
                default -> {}
            }
        }
        List<List<String>> rows = query("SELECT id, status, escalation_level, assignee,"
                + " CASE WHEN warned_at IS NULL THEN 'false' ELSE 'true' END, CASE WHEN breached_at IS NULL THEN 'false' ELSE 'true' END"
                + " FROM " + db.table("task"));
        assertThat(rows).hasSize(tasks);
        for (List<String> row : rows) {
            Replayed r = replayed.get(row.get(0));
            assertThat(row.subList(1, 6))
                    .as("task %s", row.get(0))
                    .containsExactly(
                            r.status,
                            String.valueOf(r.level),
                            r.assignee,
                            String.valueOf(r.warned),
                            String.valueOf(r.breached));
            if (r.status.equals("OPEN")) {
                assertThat(r.level)
                        .as("open task %s after three days", row.get(0))
                        .isEqualTo(2);
            }
            if (!r.warned) {
                assertThat(r.status)
                        .as("task %s was never warned, so it must have been completed early", row.get(0))
                        .isEqualTo("COMPLETED");
            }
        }
    }

    /**
     * Every notification is delivered exactly once, or - its task completed by the host before the
     * notification was attempted - withdrawn with that reason and audited (issue #15); never both.
     */
    private void assertEveryNotificationDeliveredOnce() throws SQLException {
        List<List<String>> outbox = query("SELECT o.idempotency_key, o.status, o.last_error, t.status FROM "
                + db.table("outbox") + " o JOIN " + db.table("task") + " t ON " + outboxRowsTask());
        assertThat(outbox)
                .hasSize(query("SELECT idempotency_key FROM " + db.table("outbox"))
                        .size());
        assertThat(outbox).allSatisfy(row -> {
            assertThat(row.get(1)).as(row.get(0)).isIn("DELIVERED", "WITHDRAWN");
            if (row.get(1).equals("WITHDRAWN")) {
                assertThat(row.get(3)).as("task of withdrawn %s", row.get(0)).isEqualTo("COMPLETED");
                assertThat(row.get(2)).as("reason of withdrawn %s", row.get(0)).endsWith(" was completed");
            }
        });
        Set<String> deliveredRows = outbox.stream()
                .filter(row -> row.get(1).equals("DELIVERED"))
                .map(row -> row.get(0))
                .collect(Collectors.toSet());
        Set<String> withdrawnRows = outbox.stream()
                .filter(row -> row.get(1).equals("WITHDRAWN"))
                .map(row -> row.get(0))
                .collect(Collectors.toSet());
        // Sets, not AssertJ's element-wise containment: these hold some 60,000 keys.
        assertThat(deliveries.keySet().equals(deliveredRows))
                .as("the delivered keys are exactly the outbox's delivered rows")
                .isTrue();
        assertThat(withdrawnRows.equals(
                        query("SELECT step_key FROM " + db.table("audit") + " WHERE type = 'NOTIFICATION_WITHDRAWN'")
                                .stream()
                                .map(row -> row.get(0))
                                .collect(Collectors.toSet())))
                .as("each withdrawn row is audited as withdrawn, and only those")
                .isTrue();
        assertThat(deliveries.values().stream()
                        .filter(count -> count.get() != 1)
                        .count())
                .as("keys delivered more than once")
                .isZero();
        Set<String> expected =
                query("SELECT step_key FROM " + db.table("audit") + " WHERE type IN ('WARNING_SENT', 'ESCALATED')")
                        .stream()
                        .map(row -> row.get(0) + (row.get(0).contains("/WARNING/") ? "/assignee" : "/new-assignee"))
                        .collect(Collectors.toSet());
        Set<String> deliveredOrWithdrawn = new HashSet<>(deliveredRows);
        deliveredOrWithdrawn.addAll(withdrawnRows);
        assertThat(deliveredOrWithdrawn.containsAll(expected))
                .as("every notified step's notification was delivered or, its task completed meanwhile, withdrawn")
                .isTrue();
        assertThat(expected).hasSizeGreaterThan(tasks);
    }

    private List<List<String>> query(String sql) throws SQLException {
        return db.query(sql);
    }

    private static final class Replayed {
        String status = "OPEN";
        int level;
        String assignee = "alice";
        boolean warned;
        boolean breached;
    }
}
