package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Four engines on their own threads share one PostgreSQL database while the host meets the
 * {@code response} goal of every third task during the runs: each goal's steps must appear once in
 * the audit and be delivered once, a met goal must fire nothing after it was met, and every open
 * goal must end escalated.
 */
class GoalsClusterTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int TASKS = 1_500;
    static final int NODES = 4;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);
    final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    final ExecutorService threads = Executors.newFixedThreadPool(NODES + 1);

    final SlaPolicy policy = SlaPolicy.builder("Service Request")
            .goal(new Goal(
                    "response",
                    SlaPolicy.builder("response")
                            .sla(Duration.ofHours(4))
                            .warnBefore(Duration.ofHours(1))
                            .escalateTo(EscalationTarget.user("dora"))
                            .build()))
            .goal(new Goal(
                    "resolution",
                    SlaPolicy.builder("resolution")
                            .sla(Duration.ofHours(24))
                            .warnBefore(Duration.ofHours(4))
                            .escalateTo(EscalationTarget.user("dirk"))
                            .build()))
            .build();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void four_engines_apply_each_goals_steps_once_while_the_host_meets_goals() throws Exception {
        DataSource pool = db.pool(NODES + 2);
        JdbcEscalationStore host = db.storeBuilder(pool, clock).build();
        host.createSchema();
        for (int i = 0; i < TASKS; i++) {
            host.tasks().open(NewTask.of("SR-" + i, "service-request", "Triage", "alice", START));
        }
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
                    .batchSize(100)
                    .countSla(false)
                    .build());
        }

        for (int hour = 1; hour <= 26; hour++) {
            clock.set(START.plus(Duration.ofHours(hour)));
            List<Callable<Integer>> work = new ArrayList<>();
            engines.forEach(engine -> work.add(() -> engine.runOnce().stepsApplied()));
            if (hour == 2) {
                work.add(() -> {
                    for (int i = 0; i < TASKS; i += 3) {
                        host.tasks().meet("SR-" + i, "response");
                    }
                    return 0;
                });
            }
            for (Future<Integer> result : threads.invokeAll(work)) {
                result.get();
            }
        }

        assertThat(db.query("SELECT step_key, COUNT(*) FROM " + db.table("audit")
                        + " WHERE step_key IS NOT NULL AND type <> 'NOTIFICATION_WITHDRAWN'"
                        + " GROUP BY step_key HAVING COUNT(*) > 1"))
                .as("steps audited twice")
                .isEmpty();
        assertThat(deliveries.entrySet().stream()
                        .filter(e -> e.getValue().get() > 1)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("notifications delivered twice")
                .isEmpty();
        Set<String> escalated =
                db.query("SELECT step_key FROM " + db.table("audit") + " WHERE type = 'ESCALATED'").stream()
                        .map(row -> row.get(0))
                        .collect(Collectors.toSet());
        for (int i = 0; i < TASKS; i++) {
            WorkflowTask task = host.tasks().find("SR-" + i).orElseThrow();
            boolean metEarly = i % 3 == 0;
            assertThat(escalated.contains("SR-" + i + "/0/response/ESCALATION/1"))
                    .as("response of SR-%d escalated", i)
                    .isEqualTo(!metEarly);
            assertThat(escalated)
                    .as("resolution of SR-%d escalated", i)
                    .contains("SR-" + i + "/0/resolution/ESCALATION/1");
            assertThat(task.assignee()).isEqualTo("dirk");
            assertThat(task.escalation().goals().progress("response").met()).isEqualTo(metEarly);
        }
    }
}
