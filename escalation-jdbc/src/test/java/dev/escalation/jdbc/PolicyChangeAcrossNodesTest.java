package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.AppliedStep;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.FaultyDataSource;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every node restarts with the shortened policy at the same instant (issue #16): over one PostgreSQL
 * database, two engines released together by a barrier re-plan the open tasks, and each task is
 * re-planned, audited and escalated exactly once between them; and a re-plan that dies half way is
 * continued by the next run, with nothing lost and nothing done twice.
 */
class PolicyChangeAcrossNodesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int TASKS = 600;
    static final int NODES = 2;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);
    final ExecutorService threads = Executors.newFixedThreadPool(NODES);

    final SlaPolicy day = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();
    final SlaPolicy eightHours = day.toBuilder().sla(Duration.ofHours(8)).build();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private EscalationEngine engine(DataSource pool, SlaPolicy policy) {
        return EscalationEngine.builder()
                .repository(db.storeBuilder(pool, clock).build().repository())
                .policies(PolicyRegistry.builder().defaultPolicy(policy).build())
                .notifier(n -> {})
                .batchSize(50)
                .countSla(false)
                .build();
    }

    @Test
    void two_engines_restarting_with_a_shortened_policy_at_once_re_plan_each_task_exactly_once() throws Exception {
        // given 600 open tasks planned under the 24 h policy
        DataSource pool = db.pool(NODES + 1);
        JdbcEscalationStore host = db.storeBuilder(pool, clock).build();
        host.createSchema();
        for (int i = 0; i < TASKS; i++) {
            host.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", clock.now()));
        }
        assertThat(engine(pool, day).runOnce().tasksChecked()).isEqualTo(TASKS);

        // when both nodes restart with the 8 h policy 9 h later and run at the same moment
        clock.set(START.plus(Duration.ofHours(9)));
        List<EscalationEngine> nodes = List.of(engine(pool, eightHours), engine(pool, eightHours));
        CyclicBarrier together = new CyclicBarrier(NODES);
        List<Callable<RunReport>> runs = new ArrayList<>();
        for (EscalationEngine node : nodes) {
            runs.add(() -> {
                together.await(30, TimeUnit.SECONDS);
                return node.runOnce();
            });
        }
        List<RunReport> reports = new ArrayList<>();
        for (Future<RunReport> report : threads.invokeAll(runs, 5, TimeUnit.MINUTES)) {
            reports.add(report.get());
        }

        // then each task was re-planned and escalated once, by one node or the other
        assertThat(reports.stream().mapToInt(RunReport::escalations).sum()).isEqualTo(TASKS);
        Map<String, Long> changes = host.auditTrail().entriesOf(AuditType.DEADLINE_CHANGED).stream()
                .collect(Collectors.groupingBy(AuditEntry::taskId, Collectors.counting()));
        assertThat(changes)
                .hasSize(TASKS)
                .allSatisfy((task, count) -> assertThat(count).as(task).isEqualTo(1));
        Map<String, Long> escalations = host.auditTrail().entriesOf(AuditType.ESCALATED).stream()
                .collect(Collectors.groupingBy(AuditEntry::taskId, Collectors.counting()));
        assertThat(escalations)
                .hasSize(TASKS)
                .allSatisfy((task, count) -> assertThat(count).as(task).isEqualTo(1));
        assertThat(host.auditTrail().entriesOf(AuditType.WARNING_SENT)).isEmpty();
        assertThat(db.query("SELECT DISTINCT policy_version FROM " + db.table("task")))
                .containsExactly(List.of(eightHours.version()));
        assertThat(host.auditVerifier().verifyAll())
                .allSatisfy(chain -> assertThat(chain.intact()).isTrue());
        assertThat(nodes.get(0).runOnce().stepsApplied()).isZero();
    }

    @Test
    void a_re_plan_that_dies_half_way_is_continued_by_the_next_run_with_nothing_lost_and_nothing_twice()
            throws Exception {
        // given 600 tasks planned under the 24 h policy, on a database that can fail a statement
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        JdbcEscalationStore host = db.storeBuilder(faulty, clock).build();
        host.createSchema();
        for (int i = 0; i < TASKS; i++) {
            host.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", clock.now()));
        }
        engine(faulty, day).runOnce();

        // when the run re-planning under the 8 h policy dies at its second batch's compare-and-swap
        clock.set(START.plus(Duration.ofHours(9)));
        AtomicBoolean armed = new AtomicBoolean();
        EscalationEngine dying = EscalationEngine.builder()
                .repository(db.storeBuilder(faulty, clock).build().repository())
                .policies(PolicyRegistry.builder().defaultPolicy(eightHours).build())
                .notifier(n -> {})
                .batchSize(50)
                .countSla(false)
                .listener(new EscalationListener() {
                    @Override
                    public void onStepApplied(AppliedStep step) {
                        if (armed.compareAndSet(false, true)) {
                            faulty.failNext("UPDATE " + db.table("task") + " SET assignee");
                        }
                    }
                })
                .build();
        assertThatThrownBy(dying::runOnce).isInstanceOf(EscalationRunException.class);
        long halfWay = host.auditTrail().entriesOf(AuditType.DEADLINE_CHANGED).size();

        // then a node started after the dead run's lease re-plans the rest, each task once
        clock.advance(Duration.ofMinutes(6));
        engine(faulty, eightHours).runOnce();

        assertThat(halfWay).as("tasks re-planned before the failure").isEqualTo(50);
        assertThat(countByTask(host, AuditType.DEADLINE_CHANGED))
                .hasSize(TASKS)
                .allSatisfy((task, count) -> assertThat(count).as(task).isEqualTo(1));
        assertThat(countByTask(host, AuditType.ESCALATED))
                .hasSize(TASKS)
                .allSatisfy((task, count) -> assertThat(count).as(task).isEqualTo(1));
        assertThat(db.query("SELECT DISTINCT policy_version FROM " + db.table("task")))
                .containsExactly(List.of(eightHours.version()));
    }

    private static Map<String, Long> countByTask(JdbcEscalationStore store, AuditType type) {
        return store.auditTrail().entriesOf(type).stream()
                .collect(Collectors.groupingBy(AuditEntry::taskId, Collectors.counting()));
    }
}
