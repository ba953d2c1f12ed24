package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four engines, each with its own store as on its own node, and four host threads opening tasks,
 * append to the striped audit chains of one PostgreSQL database at once: every stripe still
 * verifies, and every task's entries lie in its stripe, each step once, in order.
 */
class StripedChainsAcrossEnginesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int ENGINES = 4;
    static final int TASKS = 1_200;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);
    final ExecutorService threads = Executors.newFixedThreadPool(ENGINES);
    final SlaPolicy policy = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void engines_appending_at_once_leave_every_stripe_verifiable_and_each_task_in_its_stripe_in_order()
            throws Exception {
        DataSource pool = db.pool(ENGINES + 1);
        JdbcEscalationStore host = db.storeBuilder(pool, clock).build();
        host.createSchema();
        atOnce(t -> {
            for (int i = t; i < TASKS; i += ENGINES) {
                host.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
            }
            return 0;
        });
        List<EscalationEngine> engines = new ArrayList<>();
        for (int e = 0; e < ENGINES; e++) {
            engines.add(EscalationEngine.builder()
                    .repository(db.storeBuilder(pool, clock).build().repository())
                    .policy(policy)
                    .notifier(n -> {})
                    .batchSize(50)
                    .countSla(false)
                    .build());
        }

        clock.set(START.plus(Duration.ofHours(22)));
        int warned = atOnce(e -> engines.get(e).runOnce().stepsApplied());
        clock.set(START.plus(Duration.ofHours(24)));
        int escalated = atOnce(e -> engines.get(e).runOnce().stepsApplied());

        assertThat(warned).isEqualTo(TASKS);
        assertThat(escalated).isEqualTo(TASKS);
        List<AuditVerification> chains = host.auditVerifier().verifyAll();
        assertThat(chains).hasSize(AuditChain.DEFAULT_STRIPES);
        assertThat(chains)
                .allSatisfy(v -> assertThat(v.firstBreak()).as(v.chain()).isEmpty());
        Map<String, List<List<String>>> byTask =
                db.query("SELECT task_id, chain, type FROM " + db.table("audit") + " ORDER BY seq").stream()
                        .collect(Collectors.groupingBy(r -> r.get(0)));
        assertThat(byTask).hasSize(TASKS);
        byTask.forEach((task, entries) -> {
            String stripe = "global:" + AuditStripesTest.stripe(task, AuditChain.DEFAULT_STRIPES) + "/"
                    + AuditChain.DEFAULT_STRIPES;
            assertThat(entries).as(task).extracting(r -> r.get(1)).containsOnly(stripe);
            assertThat(entries)
                    .as(task)
                    .extracting(r -> r.get(2))
                    .containsExactly("TASK_OPENED", "WARNING_SENT", "SLA_BREACHED", "ESCALATED");
        });
    }

    /** What one of {@code ENGINES} workers does, given its number. */
    private interface Work {
        int run(int worker) throws Exception;
    }

    /** Runs one piece of work per worker, all released together, and returns the sum of their results. */
    private int atOnce(Work work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(ENGINES);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int w = 0; w < ENGINES; w++) {
            int worker = w;
            calls.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                return work.run(worker);
            });
        }
        int sum = 0;
        for (Future<Integer> result : threads.invokeAll(calls)) {
            sum += result.get(120, TimeUnit.SECONDS);
        }
        return sum;
    }
}
