package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reminders: every {@code remindEvery} after the warning, at most {@code maxReminders} per cycle. */
class EngineReminderTest {

    private final EngineFixture world = new EngineFixture();

    /** Warning at 20 h, reminders at 21, 22 and 23 h, level 1 at 24 h. */
    private final SlaPolicy hourly = SlaPolicy.builder("hourly reminders")
            .sla(hours(24))
            .warnBefore(hours(4))
            .remindEvery(hours(1))
            .maxReminders(3)
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    @Test
    void reminders_follow_the_warning_at_their_interval() {
        EscalationEngine engine = world.engine(hourly).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, hours(30));

        assertThat(world.entries(AuditType.REMINDER_SENT))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(START.plus(hours(21)), START.plus(hours(22)), START.plus(hours(23)));
        assertThat(world.stepKeys(AuditType.REMINDER_SENT))
                .containsExactly("PO-1/0/REMINDER/1", "PO-1/0/REMINDER/2", "PO-1/0/REMINDER/3");
    }

    @Test
    void a_reminder_is_not_sent_a_minute_before_its_time() {
        EscalationEngine engine = world.engine(hourly).build();
        world.open("PO-1");
        world.at(hours(20));
        engine.runOnce();

        world.at(hours(21).minus(minutes(1)));
        assertThat(engine.runOnce().reminders()).isZero();
        world.at(hours(21));
        assertThat(engine.runOnce().reminders()).isEqualTo(1);
    }

    @Test
    void reminders_stop_at_the_cap_and_go_on_past_the_deadline_until_then() {
        SlaPolicy fiveReminders = SlaPolicy.builder("five reminders")
                .sla(hours(24))
                .warnBefore(hours(2))
                .remindEvery(hours(4))
                .maxReminders(5)
                .escalationEnabled(false)
                .build();
        EscalationEngine engine = world.engine(fiveReminders).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, Duration.ofDays(5));

        assertThat(world.entries(AuditType.REMINDER_SENT))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(
                        START.plus(hours(26)),
                        START.plus(hours(30)),
                        START.plus(hours(34)),
                        START.plus(hours(38)),
                        START.plus(hours(42)));
    }

    @Test
    void the_cap_defaults_to_three_reminders() {
        SlaPolicy uncapped = SlaPolicy.builder("default cap")
                .sla(hours(24))
                .remindEvery(hours(1))
                .escalationEnabled(false)
                .build();
        EscalationEngine engine = world.engine(uncapped).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, Duration.ofDays(3));

        assertThat(world.entries(AuditType.REMINDER_SENT)).hasSize(3);
    }

    @Test
    void a_cap_of_zero_sends_no_reminder() {
        SlaPolicy none = SlaPolicy.builder("no reminders")
                .sla(hours(24))
                .remindEvery(hours(1))
                .maxReminders(0)
                .escalationEnabled(false)
                .build();
        EscalationEngine engine = world.engine(none).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, Duration.ofDays(3));

        assertThat(world.entries(AuditType.REMINDER_SENT)).isEmpty();
        assertThat(world.entries(AuditType.WARNING_SENT)).hasSize(1);
    }

    @Test
    void without_a_warning_reminders_count_from_the_deadline() {
        SlaPolicy quiet = SlaPolicy.builder("quiet")
                .sla(hours(24))
                .noWarning()
                .remindEvery(hours(2))
                .maxReminders(2)
                .escalationEnabled(false)
                .build();
        EscalationEngine engine = world.engine(quiet).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, Duration.ofDays(2));

        assertThat(world.entries(AuditType.REMINDER_SENT))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(START.plus(hours(26)), START.plus(hours(28)));
    }

    @Test
    void a_reminder_after_an_escalation_goes_to_the_new_assignee() {
        SlaPolicy afterDeadline = SlaPolicy.builder("after deadline")
                .sla(hours(24))
                .warnBefore(hours(2))
                .remindEvery(hours(4))
                .maxReminders(3)
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        EscalationEngine engine = world.engine(afterDeadline).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, hours(27));

        assertThat(world.notifier.delivered(NotificationType.REMINDER))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.recipient()).isEqualTo("dora");
                    assertThat(n.idempotencyKey()).isEqualTo("PO-1/0/REMINDER/1/assignee");
                    assertThat(n.createdAt()).isEqualTo(START.plus(hours(26)));
                });
    }

    @Test
    void reminder_notifications_say_which_reminder_they_are() {
        EscalationEngine engine = world.engine(hourly).build();
        world.open("PO-1");

        runEveryTenMinutesUntil(engine, hours(23));

        assertThat(world.notifier.delivered(NotificationType.REMINDER))
                .extracting(Notification::message)
                .satisfiesExactly(
                        message -> assertThat(message).startsWith("Reminder 1: task PO-1 (Manager Approval) is due at"),
                        message -> assertThat(message).startsWith("Reminder 2:"),
                        message -> assertThat(message).startsWith("Reminder 3:"));
    }

    private void runEveryTenMinutesUntil(EscalationEngine engine, Duration end) {
        for (Instant at = START; !at.isAfter(START.plus(end)); at = at.plus(minutes(10))) {
            world.clock.set(at);
            engine.runOnce();
        }
    }
}
