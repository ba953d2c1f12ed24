package dev.escalation.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a task stands against its policy at an instant: a pure function for hosts' own views. */
class SlaEvaluatorTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final WorkflowTask task = WorkflowTask.builder("PO-1")
            .workflowType("purchase-order")
            .stage("Manager Approval")
            .assignee("alice")
            .slaStart(START)
            .build();

    @Test
    void before_the_warning_a_task_is_ok_with_its_time_left() {
        SlaAssessment a = SlaEvaluator.assess(policy, task, START.plus(Duration.ofHours(5)));

        assertThat(a.status()).isEqualTo(SlaStatus.OK);
        assertThat(a.deadline()).isEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(a.warningAt()).contains(START.plus(Duration.ofHours(22)));
        assertThat(a.remaining()).isEqualTo(Duration.ofHours(19));
        assertThat(a.overdue()).isZero();
        assertThat(a.nextChangeAt()).contains(START.plus(Duration.ofHours(22)));
    }

    @Test
    void from_the_warning_point_a_task_is_near_breach() {
        assertThat(SlaEvaluator.assess(policy, task, START.plus(Duration.ofHours(22)))
                        .status())
                .isEqualTo(SlaStatus.WARNING);
    }

    @Test
    void from_the_deadline_a_task_is_breached_and_overdue() {
        SlaAssessment a = SlaEvaluator.assess(policy, task, START.plus(Duration.ofHours(30)));

        assertThat(a.status()).isEqualTo(SlaStatus.BREACHED);
        assertThat(a.remaining()).isZero();
        assertThat(a.overdue()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void a_task_open_for_centuries_is_measured_beyond_the_span_of_long_nanoseconds() {
        WorkflowTask ancient =
                task.toBuilder().slaStart(START.minus(Duration.ofDays(146_000))).build();

        SlaAssessment a = SlaEvaluator.assess(policy, ancient, START);

        assertThat(a.status()).isEqualTo(SlaStatus.BREACHED);
        assertThat(a.overdue()).isEqualTo(Duration.ofDays(145_999));
        // Re-escalation 145,999 was due now; the next one, every 24 h at the last level, falls due tomorrow.
        assertThat(a.nextChangeAt()).contains(START.plus(Duration.ofDays(1)));
    }

    @Test
    void time_on_hold_does_not_count() {
        WorkflowTask resumed = task.toBuilder()
                .holds(List.of(Hold.between(START.plus(Duration.ofHours(2)), START.plus(Duration.ofHours(12)))))
                .build();

        SlaAssessment a = SlaEvaluator.assess(policy, resumed, START.plus(Duration.ofHours(32)));

        assertThat(a.status()).isEqualTo(SlaStatus.WARNING);
        assertThat(a.deadline()).isEqualTo(START.plus(Duration.ofHours(34)));
        assertThat(a.remaining()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void a_task_on_hold_has_no_next_change() {
        WorkflowTask held = task.toBuilder()
                .status(TaskStatus.ON_HOLD)
                .holds(List.of(Hold.since(START.plus(Duration.ofHours(1)))))
                .build();

        SlaAssessment a = SlaEvaluator.assess(policy, held, START.plus(Duration.ofDays(3)));

        assertThat(a.status()).isEqualTo(SlaStatus.OK);
        assertThat(a.remaining()).isEqualTo(Duration.ofHours(23));
        assertThat(a.nextChangeAt()).isEmpty();
    }

    @Test
    void a_policy_without_warning_goes_from_ok_to_breached() {
        SlaPolicy silent = policy.toBuilder().noWarning().build();

        assertThat(SlaEvaluator.assess(silent, task, START.plus(Duration.ofHours(23)))
                        .status())
                .isEqualTo(SlaStatus.OK);
        assertThat(SlaEvaluator.assess(silent, task, START.plus(Duration.ofHours(23)))
                        .warningAt())
                .isEmpty();
    }
}
