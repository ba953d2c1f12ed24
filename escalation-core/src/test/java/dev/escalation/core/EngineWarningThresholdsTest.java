package dev.escalation.core;

import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.task.EscalationState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy with several warning thresholds sends each once per cycle as a step of its own
 * ({@code WARNING/1}, {@code WARNING/2}, ...) in the order they fall due, with its own notification
 * type and recipient; a late run sends only the latest due threshold and audits the others as skipped.
 */
class EngineWarningThresholdsTest {

    private final EngineFixture world = new EngineFixture();

    /** SLA 8 h from 09:00: thresholds at 13:00 (50 %), 15:00 (75 %), 16:12 (90 %) and 16:30 (30 min before). */
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(8))
            .warnings(List.of(
                    WarningThreshold.of(Warning.at(0.75)),
                    WarningThreshold.of(Warning.at(0.5)),
                    WarningThreshold.of(Warning.before(minutes(30)))
                            .notifying(NotificationType.REMINDER, EscalationTarget.role("department_head")),
                    WarningThreshold.of(Warning.at(0.9))))
            .escalateTo(EscalationTarget.role("director"))
            .build();

    private final EscalationEngine engine = world.engine(policy).build();

    @Test
    void each_threshold_is_sent_once_at_its_own_minute_in_the_order_they_fall_due() {
        world.open("PO-1");

        for (long minute = 0; minute <= 8 * 60; minute++) {
            world.at(minutes(minute));
            engine.runOnce();
        }

        assertThat(world.entries(AuditType.WARNING_SENT))
                .extracting(e -> e.stepKey().orElseThrow(), e -> e.occurredAt())
                .containsExactly(
                        tuple("PO-1/0/WARNING/1", Instant.parse("2026-01-05T13:00:00Z")),
                        tuple("PO-1/0/WARNING/2", Instant.parse("2026-01-05T15:00:00Z")),
                        tuple("PO-1/0/WARNING/3", Instant.parse("2026-01-05T16:12:00Z")),
                        tuple("PO-1/0/WARNING/4", Instant.parse("2026-01-05T16:30:00Z")));
        assertThat(world.entries(AuditType.STEP_SKIPPED)).isEmpty();
    }

    @Test
    void a_threshold_is_not_sent_a_minute_before_its_point() {
        world.open("PO-1");
        world.at(minutes(4 * 60 - 1));

        engine.runOnce();

        assertThat(world.notifier.delivered()).isEmpty();
        assertThat(world.task("PO-1").escalation().nextCheckAt()).contains(Instant.parse("2026-01-05T13:00:00Z"));
    }

    @Test
    void each_threshold_sends_its_own_notification_type_to_its_own_recipient() {
        world.open("PO-1");
        world.at(hours(4));
        engine.runOnce();
        world.at(minutes(7 * 60 + 30));
        engine.runOnce();

        assertThat(world.notifier.delivered())
                .extracting(Notification::idempotencyKey, Notification::type, Notification::recipient)
                .containsExactly(
                        tuple("PO-1/0/WARNING/1/assignee", NotificationType.WARNING, "alice"),
                        tuple("PO-1/0/WARNING/4/threshold-recipient", NotificationType.REMINDER, "dora"));
    }

    @Test
    void a_late_run_sends_only_the_latest_due_threshold_and_audits_the_others_as_skipped() {
        world.open("PO-1");
        world.at(minutes(7 * 60 + 15));

        engine.runOnce();

        assertThat(world.deliveredKeys()).containsExactly("PO-1/0/WARNING/3/assignee");
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .extracting(
                        e -> e.details().get("firstSkipped"),
                        e -> e.stepKey().orElseThrow(),
                        e -> e.details().get("skipped"))
                .containsExactly(tuple("PO-1/0/WARNING/1", "PO-1/0/WARNING/2", "2"));
        assertThat(world.task("PO-1").escalation().warningsSent()).isEqualTo(3);
    }

    @Test
    void a_second_run_at_the_same_instant_changes_nothing() {
        world.open("PO-1");
        world.at(hours(5));
        engine.runOnce();
        EscalationState after = world.task("PO-1").escalation();
        int delivered = world.notifier.delivered().size();

        RunReport second = engine.runOnce();

        assertThat(second.warnings()).isZero();
        assertThat(world.task("PO-1").escalation()).isEqualTo(after);
        assertThat(world.notifier.delivered()).hasSize(delivered);
    }

    @Test
    void the_first_threshold_starts_the_warning_state_and_the_reminders() {
        SlaPolicy withReminders = policy.toBuilder().remindEvery(hours(1)).build();
        EscalationEngine reminding = world.engine(withReminders).build();
        world.open("PO-1");
        world.at(hours(5));

        reminding.runOnce();

        assertThat(world.stepKeys(AuditType.REMINDER_SENT)).containsExactly("PO-1/0/REMINDER/1");
        assertThat(world.task("PO-1").escalation().warnedAt()).isPresent();
        assertThat(world.task("PO-1").escalation().warningAt()).contains(Instant.parse("2026-01-05T13:00:00Z"));
    }

    @Test
    void fractions_are_business_time_across_a_holiday_and_the_spring_forward_to_the_minute() {
        // Berlin, 09:00-17:00 on weekdays; Monday 2026-03-30 is a holiday, and clocks go forward on the Sunday before.
        BusinessCalendar office = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 3, 30), "company day")
                .build();
        SlaPolicy onCalendar = policy.toBuilder()
                .calendar(office)
                .sla(hours(16))
                .warnings(List.of(WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.at(0.9))))
                .build();
        EscalationEngine engineOnCalendar = world.engine(onCalendar).build();
        // Friday 13:00 CET: 4 h that Friday, none on the weekend or the holiday, 8 h on Tuesday, the rest Wednesday.
        world.clock.set(Instant.parse("2026-03-27T12:00:00Z"));
        world.open("PO-5");

        for (Instant at = world.clock.now();
                !at.isAfter(Instant.parse("2026-04-01T12:00:00Z"));
                at = at.plus(minutes(1))) {
            world.clock.set(at);
            engineOnCalendar.runOnce();
        }

        assertThat(world.entries(AuditType.WARNING_SENT))
                .extracting(e -> e.stepKey().orElseThrow(), e -> e.occurredAt())
                .containsExactly(
                        // 8 business hours in: Tuesday 13:00 CEST.
                        tuple("PO-5/0/WARNING/1", Instant.parse("2026-03-31T11:00:00Z")),
                        // 14 h 24 min in: Wednesday 11:24 CEST.
                        tuple("PO-5/0/WARNING/2", Instant.parse("2026-04-01T09:24:00Z")));
        assertThat(world.task("PO-5").escalation().deadline()).contains(Instant.parse("2026-04-01T11:00:00Z"));
    }

    @Test
    void the_thresholds_follow_each_priority_s_own_sla() {
        SlaPolicy byPriority = policy.toBuilder().slaForPriority("P1", hours(2)).build();
        EscalationEngine engineByPriority = world.engine(byPriority).build();
        world.tasks.open(dev.escalation.core.task.NewTask.of(
                        "PO-9", "purchase-order", "Manager Approval", "alice", world.clock.now())
                .withPriority("P1"));

        // P1's 2 h SLA: 50 % at 10:00, 75 % at 10:30, 30 min before at 10:30 too, 90 % at 10:48.
        world.at(hours(1));
        engineByPriority.runOnce();

        assertThat(world.stepKeys(AuditType.WARNING_SENT)).containsExactly("PO-9/0/WARNING/1");
    }
}
