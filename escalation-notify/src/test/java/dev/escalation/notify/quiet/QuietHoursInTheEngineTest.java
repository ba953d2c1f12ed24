package dev.escalation.notify.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.notify.directory.InMemoryRecipientDirectory;
import dev.escalation.notify.directory.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours end to end (issue #15's "done when"): the engine asks {@link QuietHours} before each
 * attempt, so a reminder whose step falls at 03:00 in the recipient's zone is recorded on time but
 * reaches the recipient at the start of their working day, with the hold audited.
 */
class QuietHoursInTheEngineTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    /** Monday 2026-12-07, 09:00 in Los Angeles. */
    private static final Instant OPENED = local("2026-12-07T09:00");
    /** Warning 42 h before a 48 h deadline: Monday 15:00; the one reminder 12 h later: Tuesday 03:00. */
    private static final Instant REMINDER_DUE = local("2026-12-08T03:00");

    private static final Instant WORKING_DAY_STARTS = local("2026-12-08T09:00");

    private final ManualClock clock = ManualClock.at(OPENED);
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(tasks)
            .policy(SlaPolicy.builder("Manager Approval")
                    .sla(Duration.ofHours(48))
                    .warnBefore(Duration.ofHours(42))
                    .remindEvery(Duration.ofHours(12))
                    .maxReminders(1)
                    .escalateTo(EscalationTarget.user("dora"))
                    .build())
            .notifier(notifier)
            .deliveryWindow(QuietHours.builder(new InMemoryRecipientDirectory()
                            .put(Recipient.withEmail("lena", "lena@example.com", Locale.ENGLISH, LOS_ANGELES)))
                    .build())
            .build();

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(LOS_ANGELES).toInstant();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void a_reminder_due_at_three_in_the_morning_is_delivered_when_the_recipients_working_day_starts() {
        // given a task of lena's in Los Angeles, warned during her working day
        tasks.open(NewTask.of("PO-7", "purchase-order", "Manager Approval", "lena", OPENED));
        clock.set(local("2026-12-07T15:00"));
        engine.runOnce();
        assertThat(notifier.delivered(NotificationType.WARNING)).hasSize(1);

        // when the reminder falls due at 03:00 her time
        clock.set(REMINDER_DUE);
        RunReport atThree = engine.runOnce();

        // then the step is recorded on time, but the notice waits for 09:00 and the hold is audited
        assertThat(atThree.reminders()).isEqualTo(1);
        assertThat(notifier.delivered(NotificationType.REMINDER)).isEmpty();
        assertThat(atThree.nextDueAt()).contains(WORKING_DAY_STARTS);
        assertThat(tasks.auditTrail().entriesOf(AuditType.NOTIFICATION_DEFERRED))
                .singleElement()
                .satisfies(held -> assertThat(held.details()).containsEntry("until", WORKING_DAY_STARTS.toString()));

        clock.set(WORKING_DAY_STARTS.minusSeconds(60));
        engine.runOnce();
        assertThat(notifier.delivered(NotificationType.REMINDER)).isEmpty();

        clock.set(WORKING_DAY_STARTS);
        engine.runOnce();
        assertThat(notifier.delivered(NotificationType.REMINDER))
                .singleElement()
                .satisfies(reminder -> assertThat(reminder.recipient()).isEqualTo("lena"));
        assertThat(tasks.auditTrail().entriesOf(AuditType.NOTIFICATION_DEFERRED))
                .hasSize(1);
    }

    @Test
    void an_escalation_in_the_night_is_not_held() {
        // given the same task, left alone until its deadline, which falls at 09:00 on Wednesday:
        // move the clock to 02:00 on Thursday, a breached, night-time escalation to dora
        tasks.open(NewTask.of("PO-8", "purchase-order", "Manager Approval", "lena", OPENED));
        clock.set(local("2026-12-10T02:00"));

        // when the engine runs
        engine.runOnce();

        // then the escalation goes out at once (escalations are exempt by default)
        assertThat(notifier.delivered(NotificationType.ESCALATION)).hasSize(1);
        assertThat(tasks.auditTrail().entriesOf(AuditType.NOTIFICATION_DEFERRED))
                .isEmpty();
    }
}
