package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.days;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxStatus;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Notifications go to the outbox with their step and are delivered after it is recorded; failed
 * deliveries are retried with backoff and given up after the last attempt, never repeating the step.
 */
class EngineNotificationTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .remindEvery(hours(4))
            .maxReminders(1)
            .escalateTo(EscalationTarget.role("department_head"))
            .maxReEscalations(1)
            .build();
    private final List<String> failures = new ArrayList<>();
    private final EscalationListener failureListener = new EscalationListener() {
        @Override
        public void onNotificationFailed(Notification notification, int attempts, boolean givenUp, Throwable cause) {
            failures.add(notification.idempotencyKey() + " attempt " + attempts + (givenUp ? " given up" : "") + ": "
                    + cause.getMessage());
        }
    };

    @Test
    void a_notification_is_delivered_after_its_step_is_recorded() {
        // Notifications of a round are sent at once, on several delivery threads.
        List<Integer> levelWhenSent = new CopyOnWriteArrayList<>();
        EscalationEngine engine = world.engine(policy)
                .notifier(n ->
                        levelWhenSent.add(world.task(n.taskId()).escalation().level()))
                .build();
        world.open("PO-1");
        world.at(hours(24));

        engine.runOnce();

        assertThat(levelWhenSent).containsExactly(1, 1);
    }

    @Test
    void a_failed_notification_is_retried_with_exponential_backoff_at_exact_instants() {
        EscalationEngine engine = world.engine(policy).build();
        world.open("PO-1");
        world.notifier.failWhen(n -> true);
        Instant warnedAt = START.plus(hours(22));
        world.clock.set(warnedAt);
        engine.runOnce();

        // Default policy: 6 attempts, 1 minute after the first failure, doubling: 1, 2, 4, 8 and 16 minutes apart.
        List<Instant> expectedAttempts = List.of(
                warnedAt,
                warnedAt.plus(minutes(1)),
                warnedAt.plus(minutes(3)),
                warnedAt.plus(minutes(7)),
                warnedAt.plus(minutes(15)),
                warnedAt.plus(minutes(31)));
        for (int i = 1; i < expectedAttempts.size(); i++) {
            Instant due = expectedAttempts.get(i);
            assertThat(warningEntry().nextAttemptAt()).isEqualTo(due);
            assertThat(warningEntry().attempts()).isEqualTo(i);
            world.clock.set(due.minusSeconds(1));
            engine.runOnce();
            assertThat(warningAttempts()).as("attempts before %s", due).isEqualTo(i);
            world.clock.set(due);
            engine.runOnce();
            assertThat(warningAttempts()).as("attempts at %s", due).isEqualTo(i + 1);
        }
        assertThat(warningEntry().status()).isEqualTo(OutboxStatus.GIVEN_UP);
    }

    @Test
    void backoff_is_capped_at_the_maximum_wait() {
        EscalationEngine engine = world.engine(policy)
                .notificationRetry(new NotificationRetryPolicy(10, minutes(1), 3.0, minutes(5)))
                .build();
        world.open("PO-1");
        world.notifier.failWhen(n -> true);
        world.at(hours(22));
        engine.runOnce();

        List<Duration> waits = new ArrayList<>();
        Instant previous = world.clock.now();
        for (int i = 0; i < 4; i++) {
            Instant next = warningEntry().nextAttemptAt();
            waits.add(Duration.between(previous, next));
            world.clock.set(next);
            engine.runOnce();
            previous = next;
        }

        assertThat(waits).containsExactly(minutes(1), minutes(3), minutes(5), minutes(5));
    }

    @Test
    void a_notification_that_recovers_is_delivered_once_and_the_step_is_not_repeated() {
        EscalationEngine engine = world.engine(policy).build();
        world.open("PO-1");
        world.notifier.failWhen(n -> n.type() == NotificationType.ESCALATION);
        world.at(hours(24));
        RunReport failed = engine.runOnce();
        long version = world.task("PO-1").version();

        world.notifier.recover();
        world.at(hours(24).plus(minutes(1)));
        RunReport retried = engine.runOnce();

        assertThat(failed.notificationFailures()).isEqualTo(1);
        assertThat(failed.notificationsDelivered()).isEqualTo(1);
        assertThat(retried.notificationsDelivered()).isEqualTo(1);
        assertThat(retried.escalations()).isZero();
        assertThat(world.task("PO-1").version()).isEqualTo(version);
        assertThat(world.entries(AuditType.ESCALATED)).hasSize(1);
        assertThat(world.notifier.delivered(NotificationType.ESCALATION)).hasSize(1);
    }

    @Test
    void a_notification_is_given_up_after_its_last_attempt_audited_reported_and_told_to_listeners() {
        EscalationEngine engine = world.engine(policy)
                .listener(failureListener)
                .notificationRetry(new NotificationRetryPolicy(3, minutes(1), 2.0, minutes(10)))
                .build();
        world.open("PO-1");
        world.notifier.failWhen(n -> n.type() == NotificationType.WARNING);
        world.at(hours(22));
        engine.runOnce();
        world.at(hours(22).plus(minutes(1)));
        engine.runOnce();
        world.at(hours(22).plus(minutes(3)));

        RunReport report = engine.runOnce();

        assertThat(report.notificationsGivenUp()).isEqualTo(1);
        assertThat(report.notificationFailures()).isZero();
        assertThat(failures)
                .containsExactly(
                        "PO-1/0/WARNING/1/assignee attempt 1: delivery to alice failed (simulated)",
                        "PO-1/0/WARNING/1/assignee attempt 2: delivery to alice failed (simulated)",
                        "PO-1/0/WARNING/1/assignee attempt 3 given up: delivery to alice failed (simulated)");
        assertThat(world.entries(AuditType.NOTIFICATION_GIVEN_UP))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.taskId()).isEqualTo("PO-1");
                    assertThat(e.stepKey()).contains("PO-1/0/WARNING/1/assignee");
                    assertThat(e.toAssignee()).contains("alice");
                    assertThat(e.occurredAt()).isEqualTo(START.plus(hours(22)).plus(minutes(3)));
                    assertThat(e.details())
                            .containsEntry("attempts", "3")
                            .containsEntry("type", "WARNING")
                            .containsEntry("error", "IllegalStateException: delivery to alice failed (simulated)");
                });
        assertThat(warningEntry().status()).isEqualTo(OutboxStatus.GIVEN_UP);
    }

    @Test
    void a_given_up_notification_is_never_tried_again_and_its_step_never_repeats() {
        EscalationEngine engine = world.engine(policy)
                .notificationRetry(new NotificationRetryPolicy(1, minutes(1), 1.0, minutes(1)))
                .build();
        world.open("PO-1");
        world.notifier.failWhen(n -> n.type() == NotificationType.WARNING);
        world.at(hours(22));
        assertThat(engine.runOnce().notificationsGivenUp()).isEqualTo(1);

        for (Duration at = hours(22).plus(minutes(10)); at.compareTo(days(4)) <= 0; at = at.plus(hours(1))) {
            world.at(at);
            engine.runOnce();
        }

        assertThat(warningAttempts()).isEqualTo(1);
        assertThat(world.entries(AuditType.WARNING_SENT)).hasSize(1);
        assertThat(world.entries(AuditType.ESCALATED)).hasSize(1);
    }

    @Test
    void the_next_due_instant_includes_a_notification_retry() {
        EscalationEngine engine = world.engine(policy).build();
        world.open("PO-1");
        world.notifier.failWhen(n -> true);
        world.at(hours(22));

        RunReport report = engine.runOnce();

        assertThat(report.nextDueAt()).contains(START.plus(hours(22)).plus(minutes(1)));
    }

    @Test
    void idempotency_keys_name_the_step_and_the_recipient_and_are_distinct() {
        EscalationEngine engine = world.engine(policy).build();
        world.open("PO-1");
        for (Duration at = hours(1); at.compareTo(days(3)) <= 0; at = at.plus(hours(1))) {
            world.at(at);
            engine.runOnce();
        }

        // In any order: an escalation's two notifications are sent at once, on two delivery threads.
        assertThat(world.deliveredKeys())
                .containsExactlyInAnyOrder(
                        "PO-1/0/WARNING/1/assignee",
                        "PO-1/0/ESCALATION/1/new-assignee",
                        "PO-1/0/ESCALATION/1/previous-assignee",
                        "PO-1/0/REMINDER/1/assignee",
                        "PO-1/0/RE_ESCALATION/1/assignee");
    }

    @Test
    void idempotency_keys_are_the_same_on_every_attempt_and_in_every_engine() {
        EngineFixture other = new EngineFixture();
        EscalationEngine first = world.engine(policy).build();
        EscalationEngine second = other.engine(policy).build();
        world.open("PO-1");
        other.open("PO-1");
        world.notifier.failWhen(n -> true);
        world.at(hours(24));
        other.at(hours(24));
        first.runOnce();
        second.runOnce();
        world.notifier.recover();
        world.at(hours(24).plus(minutes(1)));
        first.runOnce();

        List<String> attempts = world.notifier.attempts().stream()
                .map(Notification::idempotencyKey)
                .toList();
        // The two notifications of one round are sent at once, so each run's pair comes in either order.
        assertThat(attempts.subList(0, 2))
                .containsExactlyInAnyOrder("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
        assertThat(attempts.subList(2, 4))
                .containsExactlyInAnyOrder("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
        assertThat(world.deliveredKeys()).containsExactlyInAnyOrderElementsOf(other.deliveredKeys());
    }

    @Test
    void the_notifier_runs_with_the_run_and_the_task_in_the_mdc() {
        List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();
        EscalationEngine engine = world.engine(policy)
                .notifier(n -> contexts.add(MDC.getCopyOfContextMap()))
                .build();
        world.open("PO-1");
        world.open("PO-2");
        world.at(hours(22));

        RunReport report = engine.runOnce();

        assertThat(contexts)
                .hasSize(2)
                .allSatisfy(mdc -> assertThat(mdc).containsEntry("escalation.run", report.runId()));
        assertThat(contexts).extracting(mdc -> mdc.get("escalation.task")).containsExactlyInAnyOrder("PO-1", "PO-2");
        assertThat(MDC.get("escalation.run")).isNull();
        assertThat(MDC.get("escalation.task")).isNull();
    }

    @Test
    void a_notification_carries_the_task_the_step_and_the_deadline() {
        EscalationEngine engine = world.engine(policy).build();
        WorkflowTask task = world.open("PO-1");
        world.at(hours(24));

        engine.runOnce();

        assertThat(world.notifier.delivered(NotificationType.ESCALATION))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.taskId()).isEqualTo(task.id());
                    assertThat(n.workflowType()).isEqualTo("purchase-order");
                    assertThat(n.stage()).isEqualTo("Manager Approval");
                    assertThat(n.level()).isEqualTo(1);
                    assertThat(n.deadline()).isEqualTo(START.plus(hours(24)));
                    assertThat(n.createdAt()).isEqualTo(START.plus(hours(24)));
                    assertThat(n.tenant()).isEmpty();
                });
    }

    private OutboxEntry warningEntry() {
        return world.tasks.outbox().stream()
                .filter(e -> e.notification().idempotencyKey().equals("PO-1/0/WARNING/1/assignee"))
                .findFirst()
                .orElseThrow();
    }

    private long warningAttempts() {
        return world.notifier.attempts().stream()
                .filter(n -> n.type() == NotificationType.WARNING)
                .count();
    }
}
