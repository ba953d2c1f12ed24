package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end on the repository: warnings, escalations, retries through the outbox, two
 * engines at once, and a host that sleeps until the next due instant.
 */
abstract class WithTheEngineContract extends ContractSupport {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    private EscalationEngine engine() {
        return EscalationEngine.builder()
                .repository(repository)
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    @Test
    void warns_escalates_and_stops_once_the_task_is_completed() {
        EscalationEngine engine = engine();
        open("PO-1");
        assertThat(engine.runOnce().stepsApplied()).isZero();

        clock.set(START.plus(Duration.ofHours(22)));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);

        clock.set(START.plus(Duration.ofHours(24)));
        RunReport escalation = engine.runOnce();
        assertThat(escalation.escalations()).isEqualTo(1);
        assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");

        store.complete("PO-1");
        clock.set(START.plus(Duration.ofDays(10)));
        assertThat(engine.runOnce().stepsApplied()).isZero();

        List<String> delivered =
                notifier.delivered().stream().map(Notification::idempotencyKey).toList();
        assertThat(delivered).hasSize(3).startsWith("PO-1/0/WARNING/1/assignee");
        // The escalation's two notifications go out in one round of concurrent deliveries: any order.
        assertThat(delivered.subList(1, 3))
                .containsExactlyInAnyOrder("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
    }

    @Test
    void a_second_run_at_the_same_instant_changes_nothing() {
        EscalationEngine engine = engine();
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(24)));
        engine.runOnce();
        WorkflowTask after = store.find("PO-1").orElseThrow();

        RunReport again = engine.runOnce();

        assertThat(again.tasksChecked()).isZero();
        assertThat(store.find("PO-1")).contains(after);
        assertThat(notifier.delivered()).hasSize(2);
    }

    @Test
    void two_engines_apply_each_step_once() {
        EscalationEngine first = engine();
        EscalationEngine second = engine();
        for (int i = 0; i < 20; i++) {
            open("PO-" + i);
        }
        clock.set(START.plus(Duration.ofHours(22)));

        int warnings = first.runOnce().warnings() + second.runOnce().warnings();

        assertThat(warnings).isEqualTo(20);
        assertThat(notifier.delivered(NotificationType.WARNING)).hasSize(20);
    }

    @Test
    void a_failed_notification_is_retried_through_the_outbox_and_delivered_once() {
        EscalationEngine engine = engine();
        open("PO-1");
        notifier.failWhen(n -> true);
        clock.set(START.plus(Duration.ofHours(22)));
        RunReport failed = engine.runOnce();
        assertThat(failed.notificationFailures()).isEqualTo(1);
        assertThat(failed.nextDueAt()).contains(clock.now().plus(Duration.ofMinutes(1)));

        notifier.recover();
        clock.advance(Duration.ofMinutes(1));
        RunReport retried = engine.runOnce();

        assertThat(retried.notificationsDelivered()).isEqualTo(1);
        assertThat(retried.warnings()).isZero();
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactly("PO-1/0/WARNING/1/assignee");
    }

    @Test
    void an_engine_limited_to_one_tenant_sleeps_until_its_own_next_step_while_another_tenant_has_due_work() {
        EscalationEngine acmeOnly = EscalationEngine.builder()
                .repository(repository)
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .tenants(Set.of("acme"))
                .build();
        store.open(
                NewTask.of("PO-globex", "purchase-order", "Manager Approval", "gina", START.minus(Duration.ofDays(3)))
                        .withTenant("globex"));
        store.open(newTask("PO-acme").withTenant("acme"));

        // A host that schedules its next run at nextDueAt: from 09:00 to the escalation at 09:00 the
        // next day it runs at the start, at the warning and at the deadline, never spinning.
        List<Instant> runs = new ArrayList<>();
        while (clock.now().isBefore(START.plus(Duration.ofHours(25))) && runs.size() < 10) {
            runs.add(clock.now());
            RunReport report = acmeOnly.runOnce();
            clock.set(report.nextDueAt().orElse(START.plus(Duration.ofDays(30))));
        }

        assertThat(runs).containsExactly(START, START.plus(Duration.ofHours(22)), START.plus(Duration.ofHours(24)));
        assertThat(store.find("PO-globex").orElseThrow().escalation().level()).isZero();
        assertThat(notifier.delivered()).extracting(Notification::taskId).containsOnly("PO-acme");
    }

    @Test
    void the_next_due_instant_is_the_next_step() {
        EscalationEngine engine = engine();
        open("PO-1");

        RunReport report = engine.runOnce();

        assertThat(report.nextDueAt()).contains(START.plus(Duration.ofHours(22)));
    }
}
