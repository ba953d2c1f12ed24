package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which changes of a task since a notification was queued withdraw it, rule by rule. */
class WithdrawalTest {

    static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

    final WorkflowTask task = WorkflowTask.builder("PO/7")
            .workflowType("purchase-order")
            .stage("Manager Approval")
            .assignee("dora")
            .slaStart(AT)
            .escalation(EscalationState.initial(2, AT))
            .build();

    @Test
    void a_notification_still_true_of_its_task_is_not_withdrawn() {
        assertThat(Withdrawal.reason(
                        notice("PO/7/2/ESCALATION/1/new-assignee", NotificationType.ESCALATION, "dora"),
                        Optional.of(task)))
                .isEmpty();
    }

    @Test
    void a_notification_whose_task_is_no_longer_stored_is_withdrawn() {
        assertThat(Withdrawal.reason(
                        notice("PO/7/2/WARNING/1/assignee", NotificationType.WARNING, "dora"), Optional.empty()))
                .contains("task PO/7 is no longer stored");
    }

    @Test
    void the_cycle_is_read_from_the_end_of_the_key_so_a_task_id_may_hold_slashes() {
        assertThat(Withdrawal.cycleOf(notice("PO/7/2/WARNING/1/assignee", NotificationType.WARNING, "dora")))
                .hasValue(2);
    }

    @Test
    void a_key_of_another_shape_falls_back_to_comparing_the_recipient_with_the_assignee() {
        Notification shortKey = notice("host-key-1", NotificationType.REMINDER, "alice");
        Notification wordCycle = notice("PO/x/REMINDER/1/assignee", NotificationType.REMINDER, "dora");

        assertThat(Withdrawal.cycleOf(shortKey)).isEmpty();
        assertThat(Withdrawal.cycleOf(wordCycle)).isEmpty();
        assertThat(Withdrawal.reason(shortKey, Optional.of(task)))
                .contains("task PO/7 is now assigned to dora, not to alice");
        assertThat(Withdrawal.reason(wordCycle, Optional.of(task))).isEmpty();
    }

    @Test
    void an_escalation_notice_to_the_previous_assignee_survives_a_host_reassignment() {
        Notification notice =
                notice("PO/7/0/ESCALATION/1/previous-assignee", NotificationType.ESCALATION_NOTICE, "alice");

        assertThat(Withdrawal.reason(notice, Optional.of(task))).isEmpty();
        assertThat(Withdrawal.reason(
                        notice,
                        Optional.of(
                                task.toBuilder().status(TaskStatus.CANCELLED).build())))
                .contains("task PO/7 was cancelled");
    }

    private static Notification notice(String key, NotificationType type, String recipient) {
        return new Notification(
                key, type, "PO/7", Optional.empty(), recipient, "purchase-order", "Manager Approval", 1, AT, AT, "");
    }
}
