package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxStatus;
import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine asks its {@link DeliveryWindow} before every attempt: a held notification is no attempt,
 * waits in the outbox until the window opens, and is audited once as deferred.
 */
class EngineDeliveryWindowTest {

    private static final Instant WARNED_AT = START.plus(hours(22));
    private static final Instant MORNING = WARNED_AT.plus(hours(1));

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();
    /** Alice sleeps until the morning; everyone else may be told at once. */
    private final DeliveryWindow aliceSleeps =
            (n, now) -> n.recipient().equals("alice") && now.isBefore(MORNING) ? MORNING : now;

    private EscalationEngine engine;

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void a_held_notification_is_not_attempted_and_waits_with_its_attempts_unchanged_until_the_window_opens() {
        engine = world.engine(policy).deliveryWindow(aliceSleeps).build();
        world.open("PO-1");
        world.clock.set(WARNED_AT);

        RunReport report = engine.runOnce();

        assertThat(world.notifier.attempts()).isEmpty();
        assertThat(report.notificationsDeferred()).isEqualTo(1);
        assertThat(report.notificationFailures()).isZero();
        assertThat(warning()).satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(entry.attempts()).isZero();
            assertThat(entry.nextAttemptAt()).isEqualTo(MORNING);
        });
    }

    @Test
    void a_held_notification_is_delivered_when_the_window_opens() {
        engine = world.engine(policy).deliveryWindow(aliceSleeps).build();
        world.open("PO-1");
        world.clock.set(WARNED_AT);
        engine.runOnce();
        world.clock.set(MORNING.minusSeconds(1));
        engine.runOnce();
        assertThat(world.notifier.attempts()).isEmpty();

        world.clock.set(MORNING);
        RunReport report = engine.runOnce();

        assertThat(report.notificationsDelivered()).isEqualTo(1);
        assertThat(world.deliveredKeys()).containsExactly("PO-1/0/WARNING/1/assignee");
    }

    @Test
    void a_deferral_is_audited_once_with_the_instant_the_notification_waits_for() {
        engine = world.engine(policy).deliveryWindow(aliceSleeps).build();
        world.open("PO-1");
        world.clock.set(WARNED_AT);

        engine.runOnce();
        world.clock.set(MORNING.minusSeconds(1));
        engine.runOnce();

        assertThat(world.entries(AuditType.NOTIFICATION_DEFERRED))
                .singleElement()
                .satisfies((AuditEntry e) -> {
                    assertThat(e.taskId()).isEqualTo("PO-1");
                    assertThat(e.occurredAt()).isEqualTo(WARNED_AT);
                    assertThat(e.stepKey()).contains("PO-1/0/WARNING/1/assignee");
                    assertThat(e.details()).containsAllEntriesOf(Map.of("until", MORNING.toString()));
                });
    }

    @Test
    void a_window_that_throws_lets_the_notification_through_at_once() {
        engine = world.engine(policy)
                .deliveryWindow((n, now) -> {
                    throw new IllegalStateException("calendar service down");
                })
                .build();
        world.open("PO-1");
        world.clock.set(WARNED_AT);

        RunReport report = engine.runOnce();

        assertThat(report.notificationsDelivered()).isEqualTo(1);
        assertThat(report.notificationsDeferred()).isZero();
    }

    @Test
    void deliver_once_delivers_due_notifications_and_checks_no_task() {
        engine = world.engine(policy).deliveryWindow(aliceSleeps).build();
        world.open("PO-1");
        world.clock.set(WARNED_AT);
        engine.runOnce();
        world.open("PO-2");
        world.clock.set(MORNING.plus(hours(24)));

        RunReport report = engine.deliverOnce();

        assertThat(report.tasksChecked()).isZero();
        assertThat(world.deliveredKeys()).containsExactly("PO-1/0/WARNING/1/assignee");
    }

    private OutboxEntry warning() {
        return world.tasks.outbox().stream()
                .filter(e -> e.notification().idempotencyKey().equals("PO-1/0/WARNING/1/assignee"))
                .findFirst()
                .orElseThrow();
    }
}
