package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.GoalsCrashChild;
import dev.escalation.jdbc.testing.KilledRun;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run over tasks of two named goals killed half way (issue #20), on a real process and PostgreSQL:
 * 400 open tasks of {@link GoalsCrashChild#GOALS} started up to 8 h before the run; the process is
 * SIGKILLed right after its fourth batch is committed, before that batch's notifications go out; once
 * its lease has run out, a fresh node finishes. Each goal's steps are audited once, every notification
 * is delivered once, and each goal of each task took exactly the step its own schedule makes due.
 */
class GoalsCrashTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant RUN = START.plus(Duration.ofHours(6));
    static final int TASKS = 400;
    static final int COMMITTED_BATCHES = 4;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @RegisterExtension
    final KilledRun run = new KilledRun(db);

    @Test
    void a_run_over_goals_killed_half_way_is_finished_by_a_fresh_node_each_goals_step_once_and_no_notification_twice()
            throws Exception {
        // given 400 open tasks of two goals, started up to 8 h before START
        ManualClock clock = ManualClock.at(START);
        JdbcEscalationStore host = db.store(clock);
        Map<String, Instant> slaStarts = KilledRun.openTasks(
                host,
                TASKS,
                20,
                START,
                (i, start) -> NewTask.of("SR-" + i, "service-request", "Triage", "alice", start));
        run.recordDeliveries();

        // when a process running 6 h later is killed after its 4th committed batch
        run.killAfterCommitted(GoalsCrashChild.class, RUN, COMMITTED_BATCHES);
        Set<String> plannedByTheChild = new HashSet<>();
        db.query("SELECT id FROM " + db.table("task") + " WHERE goals IS NOT NULL")
                .forEach(row -> plannedByTheChild.add(row.get(0)));
        int planned = plannedByTheChild.size();
        int leftPending = run.count("SELECT COUNT(*) FROM " + db.table("outbox") + " WHERE status = 'PENDING'");

        // and a fresh node runs once the dead process's lease has run out
        Instant end = RUN.plus(Duration.ofMinutes(6));
        clock.set(end);
        JdbcEscalationStore fresh = run.finish(clock, GoalsCrashChild::engine);

        // then the kill landed half way: four batches planned, the last one's notifications undelivered
        assertThat(planned).as("tasks planned before the kill").isEqualTo(COMMITTED_BATCHES * GoalsCrashChild.BATCH);
        assertThat(leftPending).as("the last committed batch's notifications").isPositive();
        // and each goal's steps are audited once, each notification delivered once
        assertThat(db.query("SELECT step_key, COUNT(*) FROM " + db.table("audit")
                        + " WHERE step_key IS NOT NULL AND type <> 'NOTIFICATION_WITHDRAWN'"
                        + " GROUP BY step_key HAVING COUNT(*) > 1"))
                .as("steps audited twice")
                .isEmpty();
        Map<String, Integer> deliveries = run.deliveries();
        assertThat(deliveries)
                .as("deliveries per idempotency key")
                .isNotEmpty()
                .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(run.count("SELECT COUNT(*) FROM " + db.table("outbox") + " WHERE status <> 'DELIVERED'"))
                .as("outbox rows not delivered")
                .isZero();
        // and each goal took the steps its own schedule made due at each run that planned it
        Set<String> notified = new HashSet<>();
        db.query("SELECT step_key FROM " + db.table("audit") + " WHERE type IN ('WARNING_SENT', 'ESCALATED')")
                .forEach(row -> notified.add(row.get(0)));
        Set<String> expected = new HashSet<>();
        slaStarts.forEach((id, start) -> {
            // response: 4 h, so past its deadline for every task: escalated (its warning collapsed into it)
            expected.add(id + "/0/response/ESCALATION/1");
            if (plannedByTheChild.contains(id)) {
                expected.addAll(resolutionSteps(id, Duration.between(start, RUN)));
            }
            expected.addAll(resolutionSteps(id, Duration.between(start, end)));
        });
        assertThat(notified).isEqualTo(expected);
        assertThat(run.count("SELECT COUNT(*) FROM " + db.table("task") + " WHERE goals IS NULL"))
                .as("tasks never planned")
                .isZero();
        assertThat(fresh.auditVerifier().verifyAll())
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.chain()).isTrue());
        System.out.printf(
                "goals crash: killed after %d of %d tasks planned, %d notifications pending at the kill, %d delivered%n",
                planned, TASKS, leftPending, deliveries.size());
    }

    /** The resolution goal's notified step at a run {@code elapsed} after the task's SLA start: one step per kind reached. */
    private static Set<String> resolutionSteps(String id, Duration elapsed) {
        if (elapsed.compareTo(Duration.ofHours(12)) >= 0) {
            return Set.of(id + "/0/resolution/ESCALATION/1");
        }
        if (elapsed.compareTo(Duration.ofHours(8)) >= 0) {
            return Set.of(id + "/0/resolution/WARNING/1");
        }
        return Set.of();
    }
}
