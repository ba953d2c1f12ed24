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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledgements racing runs on a cluster (issue #20): four engines run on one PostgreSQL database
 * while the host acknowledges and completes tasks at the same instants. Each acknowledgement has
 * exactly one outcome: a run that evaluated the task before it either applied its step first (its
 * audit entry precedes the acknowledgement's) or lost its compare-and-swap; no step of the task comes
 * between the acknowledgement and its end; the acknowledgement ends once, at the end of its window;
 * every step happens once; and the task rows agree with the audit trail.
 */
class AcknowledgementClusterTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int TASKS = 2_000;
    static final int NODES = 4;
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);
    final ExecutorService threads = Executors.newFixedThreadPool(NODES + 1);

    final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(8))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofMinutes(45))
            .maxReminders(4)
            .escalateTo(EscalationTarget.user("dora"))
            .escalateTo(EscalationTarget.user("dirk"), Duration.ofHours(4))
            .escalateTo(EscalationTarget.user("cleo"), Duration.ofHours(8))
            .reEscalateEvery(Duration.ofHours(4))
            .maxReEscalations(3)
            .acknowledgeTimeout(TIMEOUT)
            .build();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void every_acknowledgement_racing_four_engines_has_exactly_one_outcome() throws Exception {
        DataSource pool = db.pool(NODES + 2);
        JdbcEscalationStore host = db.storeBuilder(pool, clock).build();
        host.createSchema();
        Random random = new Random(11);
        for (int i = 0; i < TASKS; i++) {
            Instant entered = START.minus(Duration.ofMinutes(random.nextInt(8 * 60)));
            host.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", entered));
        }
        List<EscalationEngine> engines = new ArrayList<>();
        for (int node = 0; node < NODES; node++) {
            engines.add(EscalationEngine.builder()
                    .repository(db.storeBuilder(pool, clock).build().repository())
                    .policy(policy)
                    .notifier(n -> {})
                    .batchSize(100)
                    .countSla(false)
                    .build());
        }

        for (int tick = 0; tick < 48; tick++) {
            clock.advance(Duration.ofMinutes(20));
            List<Callable<Integer>> work = new ArrayList<>();
            for (EscalationEngine engine : engines) {
                work.add(() -> engine.runOnce().stepsApplied());
            }
            List<String> toAcknowledge = random.ints(150, 0, TASKS)
                    .mapToObj(i -> "PO-" + i)
                    .distinct()
                    .toList();
            List<String> toComplete = random.ints(10, 0, TASKS)
                    .mapToObj(i -> "PO-" + i)
                    .distinct()
                    .toList();
            work.add(() -> {
                for (String id : toAcknowledge) {
                    if (host.tasks().find(id).orElseThrow().status().isActive()) {
                        host.tasks().acknowledge(id, "dora");
                    }
                }
                toComplete.forEach(id -> host.tasks().complete(id));
                return 0;
            });
            for (Future<Integer> result : threads.invokeAll(work)) {
                result.get();
            }
        }
        clock.advance(Duration.ofDays(2));
        engines.get(0).runOnce();

        assertEveryStepOnce();
        assertEachAcknowledgementHasOneOutcome();
        assertThat(host.auditVerifier().verifyAll())
                .allSatisfy(chain -> assertThat(chain.intact()).isTrue());
    }

    private void assertEveryStepOnce() throws Exception {
        assertThat(db.query("SELECT step_key, COUNT(*) FROM " + db.table("audit")
                        + " WHERE type IN ('WARNING_SENT', 'REMINDER_SENT', 'ESCALATED', 'RE_ESCALATED', 'STEP_SKIPPED')"
                        + " GROUP BY step_key HAVING COUNT(*) > 1"))
                .isEmpty();
    }

    /** Walks each task's trail in append order: acknowledged, then held until it expires once. */
    private void assertEachAcknowledgementHasOneOutcome() throws Exception {
        Map<String, Instant> standing = new HashMap<>();
        int acknowledgements = 0;
        int expiries = 0;
        for (List<String> row : db.query(
                "SELECT task_id, type, CAST(EXTRACT(EPOCH FROM occurred_at) AS BIGINT) FROM " + db.table("audit")
                        + " WHERE type IN ('TASK_ACKNOWLEDGED', 'ACKNOWLEDGEMENT_EXPIRED', 'WARNING_SENT', 'REMINDER_SENT',"
                        + " 'ESCALATED', 'RE_ESCALATED', 'STEP_SKIPPED') ORDER BY seq")) {
            String task = row.get(0);
            Instant at = Instant.ofEpochSecond(Long.parseLong(row.get(2)));
            switch (row.get(1)) {
                case "TASK_ACKNOWLEDGED" -> {
                    assertThat(standing)
                            .as("%s acknowledged twice at once", task)
                            .doesNotContainKey(task);
                    standing.put(task, at);
                    acknowledgements++;
                }
                case "ACKNOWLEDGEMENT_EXPIRED" -> {
                    assertThat(standing)
                            .as("%s expired without an acknowledgement", task)
                            .containsKey(task);
                    assertThat(at)
                            .as("expiry of %s", task)
                            .isAfterOrEqualTo(standing.remove(task).plus(TIMEOUT));
                    expiries++;
                }
                default ->
                    assertThat(standing)
                            .as("a %s step of %s while acknowledged", row.get(1), task)
                            .doesNotContainKey(task);
            }
        }
        assertThat(acknowledgements).as("acknowledgements").isGreaterThan(1_000);
        assertThat(expiries).as("expiries").isGreaterThan(500);
        // Two days after the last acknowledgement every window has ended: only finished tasks keep one.
        assertThat(db.query("SELECT id FROM " + db.table("task")
                        + " WHERE acknowledged_by IS NOT NULL AND status = 'OPEN'"))
                .as("open tasks still acknowledged")
                .isEmpty();
        List<String> acknowledgedRows =
                db.query("SELECT id FROM " + db.table("task") + " WHERE acknowledged_by IS NOT NULL").stream()
                        .map(r -> r.get(0))
                        .toList();
        assertThat(acknowledgedRows)
                .as("rows acknowledged, by the trail")
                .containsExactlyInAnyOrderElementsOf(standing.keySet());
    }
}
