package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Notifications that respect what happened since they were queued: the repository reads a
 * notification's task as stored now ({@code currentTasks}), and the engine withdraws - audits, marks
 * in the outbox, never sends - a notice that the task's completion, cancellation, stage change or
 * reassignment by the host made untrue. Covers the slow delivery (a pending retry), the dead run (a
 * notification left in the outbox by a run that died after its commit) and the notification
 * recorded in the same run.
 */
abstract class WithdrawingNotificationsContract extends ContractSupport {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    private EscalationEngine engine(WorkflowRepository on) {
        return EscalationEngine.builder()
                .notificationRetry(EXACT_RETRY)
                .repository(on)
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    private EscalationEngine engine() {
        return engine(repository);
    }

    @Test
    void current_tasks_are_read_as_stored_now_whatever_their_status_and_unknown_ids_are_left_out() {
        open("PO-1");
        open("PO-2");
        store.complete("PO-2");

        Map<String, WorkflowTask> current = repository.currentTasks(scope(), Set.of("PO-1", "PO-2", "PO-unknown"));

        assertThat(current).containsOnlyKeys("PO-1", "PO-2");
        assertThat(current.get("PO-1")).isEqualTo(store.find("PO-1").orElseThrow());
        assertThat(current.get("PO-2").status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void a_withdrawn_notification_is_finished_and_never_handed_out_again() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");

        repository.recordDeliveries(
                scope(), List.of(DeliveryOutcome.withdrawn(key(pending), 0, "task PO-1 was completed", clock.now())));

        clock.advance(Duration.ofDays(1));
        assertThat(claimNotifications(10)).isEmpty();
    }

    @Test
    void a_pending_retry_for_a_task_completed_since_is_withdrawn_audited_and_never_sent() {
        EscalationEngine engine = engine();
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(24)));
        notifier.failWhen(n -> true);
        assertThat(engine.runOnce().notificationFailures()).isEqualTo(2);
        notifier.recover();

        store.complete("PO-1");
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();

        assertThat(notifier.delivered()).isEmpty();
        assertThat(withdrawals())
                .extracting(e -> e.stepKey().orElseThrow())
                .containsExactlyInAnyOrder("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
        assertThat(withdrawals())
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "task PO-1 was completed"));
        clock.advance(Duration.ofDays(1));
        assertThat(claimNotifications(10)).isEmpty();
    }

    @Test
    void a_notification_left_by_a_run_that_died_after_its_commit_is_withdrawn_when_the_task_was_completed_in_between() {
        // The dead run: its step and notification are committed, its delivery never happened.
        WorkflowTask task = open("PO-1");
        Notification warning = notification("PO-1/0/WARNING/1/assignee", task);
        RunScope died = new RunScope("died", clock.now(), clock.now().plus(LEASE), Set.of());
        assertThat(repository.record(
                        died, List.of(transition(task, task.assignee(), task.escalation(), List.of(warning)))))
                .containsExactly("PO-1");
        store.complete("PO-1");

        clock.advance(LEASE);
        engine().runOnce();

        assertThat(notifier.attempts()).isEmpty();
        assertThat(withdrawals()).singleElement().satisfies(e -> {
            assertThat(e.stepKey()).contains("PO-1/0/WARNING/1/assignee");
            assertThat(e.details()).containsEntry("reason", "task PO-1 was completed");
        });
    }

    @Test
    void a_notification_recorded_in_the_same_run_is_withdrawn_when_the_task_is_completed_before_its_delivery() {
        WorkflowRepository completingRightAfterTheCommit = new ForwardingWorkflowRepository(repository) {
            @Override
            public List<String> record(RunScope scope, List<StepTransition> transitions) {
                List<String> applied = super.record(scope, transitions);
                applied.forEach(store::complete);
                return applied;
            }
        };
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(22)));

        engine(completingRightAfterTheCommit).runOnce();

        assertThat(notifier.attempts()).isEmpty();
        assertThat(withdrawals())
                .singleElement()
                .satisfies(e -> assertThat(e.stepKey()).contains("PO-1/0/WARNING/1/assignee"));
    }

    @Test
    void
            an_escalation_to_the_new_assignee_is_withdrawn_when_the_host_reassigns_the_task_away_but_the_previous_assignee_still_hears_of_it() {
        EscalationEngine engine = engine();
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(24)));
        notifier.failWhen(n -> true);
        engine.runOnce();
        notifier.recover();

        store.reassign("PO-1", "erin");
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();

        assertThat(notifier.delivered())
                .extracting(Notification::type, Notification::recipient)
                .containsExactly(tuple(NotificationType.ESCALATION_NOTICE, "alice"));
        assertThat(withdrawals()).singleElement().satisfies(e -> {
            assertThat(e.stepKey()).contains("PO-1/0/ESCALATION/1/new-assignee");
            assertThat(e.details().get("reason")).contains("reassigned to erin");
        });
    }

    @Test
    void any_pending_notification_is_withdrawn_when_the_task_moves_to_another_stage() {
        EscalationEngine engine = engine();
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(24)));
        notifier.failWhen(n -> true);
        engine.runOnce();
        notifier.recover();

        store.changeStage("PO-1", "Finance Approval", "fiona", clock.now());
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();

        assertThat(notifier.delivered()).isEmpty();
        assertThat(withdrawals())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.details().get("reason"))
                        .isEqualTo("task PO-1 moved from stage 'Manager Approval' to 'Finance Approval'"));
    }

    @Test
    void a_pending_notification_is_withdrawn_when_the_task_is_cancelled() {
        EscalationEngine engine = engine();
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(22)));
        notifier.failWhen(n -> true);
        engine.runOnce();
        notifier.recover();

        store.cancel("PO-1");
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();

        assertThat(notifier.delivered()).isEmpty();
        assertThat(withdrawals())
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "task PO-1 was cancelled"));
    }

    @Test
    void a_later_engine_step_does_not_withdraw_an_earlier_pending_notification() {
        EscalationEngine engine = engine();
        open("PO-1");
        notifier.failWhen(n -> true);
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce(); // the warning to alice fails
        clock.set(START.plus(Duration.ofHours(24)));
        engine.runOnce(); // the escalation moves the task to dora; everything fails again
        notifier.recover();

        clock.advance(Duration.ofHours(1));
        engine.runOnce();

        assertThat(withdrawals()).isEmpty();
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactlyInAnyOrder(
                        "PO-1/0/WARNING/1/assignee",
                        "PO-1/0/ESCALATION/1/new-assignee",
                        "PO-1/0/ESCALATION/1/previous-assignee");
    }

    private List<AuditEntry> withdrawals() {
        return audit.entriesOf(AuditType.NOTIFICATION_WITHDRAWN);
    }
}
