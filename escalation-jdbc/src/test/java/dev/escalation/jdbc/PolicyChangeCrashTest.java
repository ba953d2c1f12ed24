package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.KilledRun;
import dev.escalation.jdbc.testing.ReplanCrashChild;
import dev.escalation.jdbc.testing.StoreInvariants;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A re-plan killed half way (issue #16), on a real process and PostgreSQL: 400 open tasks planned
 * under the 24 h policy; a process started with the 8 h policy is SIGKILLed right after its fourth
 * batch of re-planned tasks is committed ({@link ReplanCrashChild}); once its lease has run out, a
 * fresh node with the 8 h policy finishes the re-plan. Every task is re-planned exactly once, has
 * the steps the reference model gives it under the 8 h policy, and no notification goes out twice.
 */
class PolicyChangeCrashTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant CHANGE = START.plus(Duration.ofHours(6));
    static final int TASKS = 400;
    static final int COMMITTED_BATCHES = 4;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @RegisterExtension
    final KilledRun run = new KilledRun(db);

    @Test
    void a_re_plan_killed_half_way_is_finished_by_a_fresh_node_each_task_once_and_no_notification_twice()
            throws Exception {
        // given 400 open tasks planned under the 24 h policy, started up to 8 h before START
        ManualClock clock = ManualClock.at(START);
        JdbcEscalationStore host = db.store(clock);
        Map<String, Instant> slaStarts = KilledRun.openTasks(
                host,
                TASKS,
                16,
                START,
                (i, start) -> NewTask.of("T-" + i, "purchase-order", "Approval", "alice", start));
        run.recordDeliveries();
        EscalationEngine before = EscalationEngine.builder()
                .repository(host.repository())
                .policies(PolicyRegistry.builder()
                        .defaultPolicy(ReplanCrashChild.DAY)
                        .build())
                .notifier(n -> {})
                .countSla(false)
                .build();
        assertThat(before.runOnce().stepsApplied()).isZero();

        // when a process starting with the 8 h policy 6 h later is killed after its 4th committed batch
        run.killAfterCommitted(ReplanCrashChild.class, CHANGE, COMMITTED_BATCHES);
        int halfWay = host.auditTrail().entriesOf(AuditType.DEADLINE_CHANGED).size();
        int stillOld = countUnder(ReplanCrashChild.DAY.version());
        int leftPending = run.count("SELECT COUNT(*) FROM " + db.table("outbox") + " WHERE status = 'PENDING'");
        int deliveredBefore = run.count("SELECT COUNT(*) FROM " + run.side("crash_delivery"));

        // and a fresh node with the 8 h policy runs once the dead process's lease has run out
        Instant end = CHANGE.plus(Duration.ofMinutes(6));
        clock.set(end);
        JdbcEscalationStore fresh = run.finish(clock, ReplanCrashChild::engine);

        // then the kill landed half way, and now every task is re-planned exactly once
        assertThat(halfWay)
                .as("tasks re-planned before the kill")
                .isEqualTo(COMMITTED_BATCHES * ReplanCrashChild.BATCH);
        assertThat(stillOld).as("tasks still under the 24 h policy at the kill").isEqualTo(TASKS - halfWay);
        assertThat(leftPending)
                .as("the last committed batch's notifications, left undelivered")
                .isPositive();
        assertThat(deliveredBefore)
                .as("the earlier batches' notifications, delivered")
                .isPositive();
        assertThat(countByTask(host, AuditType.DEADLINE_CHANGED))
                .as("DEADLINE_CHANGED per task")
                .hasSize(TASKS)
                .allSatisfy((task, count) -> assertThat(count).as(task).isEqualTo(1));
        assertThat(countUnder(ReplanCrashChild.EIGHT_HOURS.version())).isEqualTo(TASKS);
        // no task lost, no step twice or missing, every notification delivered once, chains intact
        Map<String, Integer> deliveries = run.deliveries();
        StoreInvariants invariants = new StoreInvariants(db.dataSource(), fresh, db::table);
        StoreInvariants.Figures figures = invariants.assertAll(
                deliveries, end, NotificationRetryPolicy.defaults().maxAttempts());
        invariants.assertStepsMatch(id -> new ReferenceModel(id, ReplanCrashChild.EIGHT_HOURS), slaStarts, end);
        assertThat(figures.tasks()).isEqualTo(TASKS);
        assertThat(deliveries)
                .as("deliveries per idempotency key")
                .isNotEmpty()
                .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(db.query("SELECT idempotency_key FROM " + db.table("outbox")
                        + " GROUP BY idempotency_key HAVING COUNT(*) > 1"))
                .as("outbox idempotency keys held twice")
                .isEmpty();
        assertThat(figures.outboxRows())
                .as("outbox rows, all delivered")
                .isEqualTo(figures.delivered())
                .isEqualTo(deliveries.size());
        assertThat(fresh.auditVerifier().verifyAll())
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.chain()).isTrue());
        System.out.printf(
                "policy change crash: killed after %d of %d tasks re-planned, %d notifications delivered and %d"
                        + " pending; %s%n",
                halfWay, TASKS, deliveredBefore, leftPending, figures);
    }

    private int countUnder(String version) throws SQLException {
        return run.count("SELECT COUNT(*) FROM " + db.table("task") + " WHERE policy_version = '" + version + "'");
    }

    private static Map<String, Long> countByTask(JdbcEscalationStore store, AuditType type) {
        return store.auditTrail().entriesOf(type).stream()
                .collect(Collectors.groupingBy(AuditEntry::taskId, Collectors.counting()));
    }
}
