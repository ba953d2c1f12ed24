package dev.escalation.core;

import static dev.escalation.core.EngineFixture.days;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the host's scheduler stalls, the next run lands in the right state at once: only the most
 * advanced due step is notified, the others are audited as skipped, one entry per kind with the
 * range it stands for.
 */
class EngineLateRunTest {

    private final EngineFixture world = new EngineFixture();

    /** Warning 22 h, reminders 23/24/25 h, level 1 at 24 h, level 2 at 32 h, re-escalations every 24 h from 56 h. */
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .remindEvery(hours(1))
            .maxReminders(3)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), hours(8))
            .build();

    private final List<AppliedStep> applied = new ArrayList<>();
    private final EscalationEngine engine = world.engine(policy)
            .listener(new EscalationListener() {
                @Override
                public void onStepApplied(AppliedStep step) {
                    applied.add(step);
                }
            })
            .build();

    @Test
    void a_run_three_days_late_notifies_only_the_highest_level() {
        world.open("PO-1");
        engine.runOnce();

        world.at(days(3));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.escalationsByLevel()).containsExactly(Map.entry(2, 1));
        assertThat(report.warnings() + report.reminders() + report.reEscalations())
                .isZero();
        assertThat(world.task("PO-1").assignee()).isEqualTo("dirk");
        assertThat(world.notifier.delivered())
                .extracting(Notification::type, Notification::recipient)
                // In any order: the two notifications of the step are sent at once.
                .containsExactlyInAnyOrder(
                        tuple(NotificationType.ESCALATION, "dirk"), tuple(NotificationType.ESCALATION_NOTICE, "alice"));
    }

    @Test
    void a_late_run_audits_the_superseded_steps_as_one_skipped_range_per_kind() {
        world.open("PO-1");
        world.at(days(3));

        RunReport report = engine.runOnce();

        assertThat(report.stepsSkipped()).isEqualTo(6);
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .extracting(
                        e -> e.stepKey().orElseThrow(),
                        e -> e.details().get("firstSkipped"),
                        e -> e.details().get("skipped"))
                .containsExactlyInAnyOrder(
                        tuple("PO-1/0/WARNING/1", "PO-1/0/WARNING/1", "1"),
                        tuple("PO-1/0/REMINDER/3", "PO-1/0/REMINDER/1", "3"),
                        tuple("PO-1/0/ESCALATION/1", "PO-1/0/ESCALATION/1", "1"),
                        tuple("PO-1/0/RE_ESCALATION/1", "PO-1/0/RE_ESCALATION/1", "1"));
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .allSatisfy(e -> assertThat(e.details())
                        .containsEntry("supersededBy", "PO-1/0/ESCALATION/2")
                        .containsEntry("lastSkipped", e.stepKey().orElseThrow()));
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/0/ESCALATION/2");
        assertThat(world.entries(AuditType.SLA_BREACHED)).hasSize(1);
    }

    @Test
    void a_late_run_sends_no_flood_of_reminders() {
        world.open("PO-1");
        world.at(days(3));

        engine.runOnce();

        assertThat(world.notifier.delivered(NotificationType.REMINDER)).isEmpty();
        assertThat(world.notifier.delivered(NotificationType.WARNING)).isEmpty();
        assertThat(world.task("PO-1").escalation().remindersSent()).isEqualTo(3);
    }

    @Test
    void listeners_hear_of_each_skipped_range_as_one_step_not_notified() {
        world.open("PO-1");
        world.at(days(3));

        engine.runOnce();

        assertThat(applied).filteredOn(AppliedStep::notified).singleElement().satisfies(step -> {
            assertThat(step.key().toString()).isEqualTo("PO-1/0/ESCALATION/2");
            assertThat(step.escalatedTo()).contains("dirk");
            assertThat(step.overdue()).isEqualTo(hours(48));
        });
        assertThat(applied)
                .filteredOn(step -> !step.notified())
                .extracting(step -> step.key().toString())
                .containsExactlyInAnyOrder(
                        "PO-1/0/WARNING/1", "PO-1/0/REMINDER/3", "PO-1/0/ESCALATION/1", "PO-1/0/RE_ESCALATION/1");
        assertThat(applied)
                .filteredOn(step -> !step.notified())
                .allSatisfy(step -> assertThat(step.escalatedTo()).isEmpty());
    }

    @Test
    void after_catching_up_the_next_step_comes_on_schedule() {
        world.open("PO-1");
        world.at(days(3));
        engine.runOnce();

        world.at(hours(80).minus(minutes(1)));
        assertThat(engine.runOnce().stepsApplied()).isZero();
        world.at(hours(80));
        RunReport report = engine.runOnce();

        assertThat(report.reEscalations()).isEqualTo(1);
        assertThat(world.stepKeys(AuditType.RE_ESCALATED)).containsExactly("PO-1/0/RE_ESCALATION/2");
    }

    @Test
    void a_late_run_before_the_deadline_sends_the_latest_reminder_only() {
        world.open("PO-1");
        world.at(hours(23).plus(minutes(30)));

        RunReport report = engine.runOnce();

        assertThat(report.reminders()).isEqualTo(1);
        assertThat(report.warnings()).isZero();
        assertThat(world.stepKeys(AuditType.REMINDER_SENT)).containsExactly("PO-1/0/REMINDER/1");
        assertThat(world.stepKeys(AuditType.STEP_SKIPPED)).containsExactly("PO-1/0/WARNING/1");
    }

    @Test
    void a_late_run_past_several_re_escalations_notifies_only_the_latest() {
        world.open("PO-1");
        world.at(hours(32));
        engine.runOnce();
        world.at(days(5));

        RunReport report = engine.runOnce();

        // 56, 80, 104 h are due at 120 h: the latest is notified, the earlier two skipped as one range.
        assertThat(report.reEscalations()).isEqualTo(1);
        assertThat(report.stepsSkipped()).isEqualTo(2);
        assertThat(world.stepKeys(AuditType.RE_ESCALATED)).containsExactly("PO-1/0/RE_ESCALATION/3");
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .filteredOn(e -> e.occurredAt().equals(world.clock.now()))
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("firstSkipped", "PO-1/0/RE_ESCALATION/1")
                        .containsEntry("lastSkipped", "PO-1/0/RE_ESCALATION/2")
                        .containsEntry("skipped", "2"));
    }
}
