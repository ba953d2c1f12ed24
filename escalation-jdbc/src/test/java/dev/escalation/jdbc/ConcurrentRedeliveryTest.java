package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.operations.Redelivery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operators press "redeliver" on the same given-up notification at the same moment, on
 * PostgreSQL: whatever the interleaving, the notification goes back to the outbox once, is audited
 * once, and is delivered once.
 */
class ConcurrentRedeliveryTest {

    private static final String KEY = "PO-1/0/WARNING/1/assignee";

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    private final ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ExecutorService operators = Executors.newFixedThreadPool(2);
    private JdbcEscalationStore store;
    private EscalationEngine engine;

    @BeforeEach
    void giveUpAWarning() {
        store = db.storeBuilder(db.dataSource(), clock).build();
        store.createSchema();
        engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(2))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(notifier)
                .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1)))
                .build();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        notifier.failWhen(n -> true);
        clock.advance(Duration.ofHours(22));
        engine.runOnce();
        assertThat(store.auditTrail().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .hasSize(1);
        notifier.recover();
    }

    @AfterEach
    void stop() throws InterruptedException {
        operators.shutdownNow();
        assertThat(operators.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void two_operators_pressing_the_same_request_at_once_deliver_it_once() throws Exception {
        List<Redelivery> outcomes = pressAtOnce(
                RedeliveryRequest.one("request-1", "olga", KEY), RedeliveryRequest.one("request-1", "ivan", KEY));

        engine.runOnce();
        clock.advance(Duration.ofHours(1));
        engine.runOnce();

        assertThat(outcomes)
                .containsExactlyInAnyOrder(
                        new Redelivery("request-1", false, List.of(KEY)), new Redelivery("request-1", true, List.of()));
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactly(KEY);
        assertThat(store.auditTrail().entriesOf(AuditType.NOTIFICATION_REDELIVERY_REQUESTED))
                .hasSize(1);
    }

    @Test
    void two_operators_sending_different_requests_at_once_put_the_notification_back_once() throws Exception {
        List<Redelivery> outcomes = pressAtOnce(
                RedeliveryRequest.one("request-1", "olga", KEY), RedeliveryRequest.one("request-2", "ivan", KEY));

        engine.runOnce();
        clock.advance(Duration.ofHours(1));
        engine.runOnce();

        assertThat(outcomes).extracting(Redelivery::requeued).containsExactlyInAnyOrder(List.of(KEY), List.of());
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactly(KEY);
        assertThat(store.auditTrail().entriesOf(AuditType.NOTIFICATION_REDELIVERY_REQUESTED))
                .hasSize(1);
    }

    /** Both requests start behind one barrier, so that their transactions overlap as far as the database lets them. */
    private List<Redelivery> pressAtOnce(RedeliveryRequest first, RedeliveryRequest second) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Redelivery> a = () -> {
            together.await(30, TimeUnit.SECONDS);
            return store.operatorActions().redeliver(first);
        };
        Callable<Redelivery> b = () -> {
            together.await(30, TimeUnit.SECONDS);
            return store.operatorActions().redeliver(second);
        };
        Future<Redelivery> fa = operators.submit(a);
        Future<Redelivery> fb = operators.submit(b);
        return List.of(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS));
    }
}
