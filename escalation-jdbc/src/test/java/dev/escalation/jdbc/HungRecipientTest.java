package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #15's report, replayed: two nodes share one PostgreSQL store, each with a single-threaded
 * scheduler (one thread calling {@code runOnce()}), while a manual clock advances a minute per tick
 * for three hours. One recipient's mail call hangs for good and ignores interrupts; the other 20
 * tasks must still be warned on time, and no key may be delivered twice.
 */
class HungRecipientTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int HEALTHY = 20;
    static final Duration TICK = Duration.ofMinutes(1);

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);
    final CountDownLatch releaseHungCalls = new CountDownLatch(1);
    final Map<String, List<Instant>> deliveredAt = new ConcurrentHashMap<>();
    final List<String> hungCalls = new CopyOnWriteArrayList<>();
    final ExecutorService nodeA = Executors.newSingleThreadExecutor();
    final ExecutorService nodeB = Executors.newSingleThreadExecutor();
    final List<EscalationEngine> engines = new ArrayList<>();

    final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(4))
            .warnBefore(Duration.ofHours(1))
            .escalateTo(EscalationTarget.user("dora"))
            .build();

    /** Hangs for "hung-user" until the test ends, deaf to interrupts; records every other delivery with its instant. */
    final Notifier mail = new Notifier() {
        @Override
        public void send(Notification n) {
            if (n.recipient().equals("hung-user")) {
                hungCalls.add(n.idempotencyKey());
                awaitUninterruptibly(releaseHungCalls);
                return;
            }
            deliveredAt
                    .computeIfAbsent(n.idempotencyKey(), k -> new CopyOnWriteArrayList<>())
                    .add(clock.now());
        }
    };

    @AfterEach
    void releaseTheHungRecipient() {
        releaseHungCalls.countDown();
        nodeA.shutdownNow();
        nodeB.shutdownNow();
        engines.forEach(EscalationEngine::close);
    }

    @Test
    void a_hung_recipient_on_two_nodes_does_not_stop_twenty_healthy_tasks_from_being_warned_on_time() throws Exception {
        DataSource pool = db.pool(4);
        JdbcEscalationStore host = db.storeBuilder(pool, clock).build();
        host.createSchema();
        Instant sixHoursAgo = START.minus(Duration.ofHours(3));
        host.tasks().open(NewTask.of("HUNG-1", "purchase-order", "Manager Approval", "hung-user", sixHoursAgo));
        for (int i = 1; i <= HEALTHY; i++) {
            host.tasks()
                    .open(NewTask.of(
                            "OK-" + i,
                            "purchase-order",
                            "Manager Approval",
                            "user-" + i,
                            sixHoursAgo.plus(Duration.ofMinutes(8L * i))));
        }
        for (int node = 0; node < 2; node++) {
            engines.add(EscalationEngine.builder()
                    .repository(db.storeBuilder(pool, clock).build().repository())
                    .policy(policy)
                    .notifier(mail)
                    .deliveryTimeout(Duration.ofMillis(200))
                    // The schedule of issue #15's report (6 attempts, 1 minute doubling): the hung
                    // recipient's notices are given up within these three hours; the default now
                    // retries for more than a day.
                    .notificationRetry(new NotificationRetryPolicy(6, Duration.ofMinutes(1), 2.0, Duration.ofHours(1)))
                    .build());
        }

        for (int tick = 0; tick <= 180; tick++) {
            Future<?> a = nodeA.submit(() -> engines.get(0).runOnce());
            Future<?> b = nodeB.submit(() -> engines.get(1).runOnce());
            awaitRun("node A", a, tick);
            awaitRun("node B", b, tick);
            clock.advance(TICK);
        }

        for (int i = 1; i <= HEALTHY; i++) {
            Instant due = START.plus(Duration.ofMinutes(8L * i));
            assertThat(deliveredAt.get("OK-" + i + "/0/WARNING/1/assignee"))
                    .as("the warning of OK-%d, due at %s", i, due)
                    .containsExactly(due);
        }
        assertThat(deliveredAt.values())
                .as("keys delivered more than once")
                .allSatisfy(instants -> assertThat(instants).hasSize(1));
        assertThat(db.query("SELECT idempotency_key, status FROM " + db.table("outbox")
                        + " WHERE task_id = 'HUNG-1' ORDER BY idempotency_key"))
                .as("the hung task's notifications: the hung recipient's given up after their last timed-out attempt")
                .containsExactly(
                        List.of("HUNG-1/0/ESCALATION/1/new-assignee", "DELIVERED"),
                        List.of("HUNG-1/0/ESCALATION/1/previous-assignee", "GIVEN_UP"),
                        List.of("HUNG-1/0/WARNING/1/assignee", "GIVEN_UP"));
        assertThat(hungCalls.stream().collect(Collectors.groupingBy(key -> key, Collectors.counting())))
                .as("calls into the hung recipient per key: at most one per node, later attempts fail fast")
                .hasSize(2)
                .allSatisfy((key, calls) -> assertThat(calls).isBetween(1L, 2L));
    }

    private static void awaitRun(String node, Future<?> run, int tick) throws Exception {
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("%s's run at minute %d did not finish within 10 s: a hung recipient holds it hostage", node, tick);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
