package dev.escalation.notify.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.notify.Notifications;
import dev.escalation.notify.directory.InMemoryRecipientDirectory;
import dev.escalation.notify.directory.Recipient;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
            .put(Recipient.withEmail("lena", "lena@example.com", Locale.ENGLISH, LOS_ANGELES))
            .put(Recipient.withEmail("ravi", "ravi@example.in", Locale.ENGLISH, KOLKATA))
            .put(Recipient.withEmail("jonas", "jonas@example.de", Locale.GERMAN, BERLIN));
    private final QuietHours quiet = QuietHours.builder(directory).build();

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private Instant earliest(NotificationType type, String recipient, Instant now) {
        Notification n = Notifications.of(type, recipient);
        return quiet.earliestDelivery(n, now);
    }

    @Test
    void a_reminder_due_at_three_in_the_morning_in_los_angeles_waits_for_nine_there() {
        Instant threeAm = local("2026-12-08T03:00", LOS_ANGELES); // a Tuesday

        assertThat(earliest(NotificationType.REMINDER, "lena", threeAm))
                .isEqualTo(local("2026-12-08T09:00", LOS_ANGELES));
    }

    @Test
    void the_same_instant_is_working_time_in_kolkata_and_goes_out_at_once() {
        Instant threeAmInLosAngeles = local("2026-12-08T03:00", LOS_ANGELES); // 16:30 in Kolkata

        assertThat(earliest(NotificationType.REMINDER, "ravi", threeAmInLosAngeles))
                .isEqualTo(threeAmInLosAngeles);
    }

    @Test
    void a_warning_after_hours_in_kolkata_waits_for_the_half_hour_offset_morning() {
        Instant evening = local("2026-12-08T18:45", KOLKATA);

        assertThat(earliest(NotificationType.WARNING, "ravi", evening))
                .isEqualTo(local("2026-12-09T09:00", KOLKATA))
                .isEqualTo(Instant.parse("2026-12-09T03:30:00Z"));
    }

    @Test
    void a_warning_on_friday_evening_waits_for_monday_morning() {
        Instant friday = local("2026-12-11T17:00", BERLIN); // closing time is not working time

        assertThat(earliest(NotificationType.WARNING, "jonas", friday)).isEqualTo(local("2026-12-14T09:00", BERLIN));
    }

    @Test
    void a_reminder_on_a_sunday_waits_for_monday_morning() {
        assertThat(earliest(NotificationType.REMINDER, "lena", local("2026-12-13T14:00", LOS_ANGELES)))
                .isEqualTo(local("2026-12-14T09:00", LOS_ANGELES));
    }

    @Test
    void escalations_are_exempt_by_default() {
        Instant threeAm = local("2026-12-08T03:00", LOS_ANGELES);

        for (NotificationType type : new NotificationType[] {
            NotificationType.ESCALATION, NotificationType.ESCALATION_NOTICE, NotificationType.RE_ESCALATION
        }) {
            assertThat(earliest(type, "lena", threeAm)).as(type.name()).isEqualTo(threeAm);
        }
        assertThat(quiet.heldTypes()).containsExactlyInAnyOrder(NotificationType.WARNING, NotificationType.REMINDER);
    }

    @Test
    void the_held_types_are_configurable() {
        QuietHours escalationsToo = QuietHours.builder(directory)
                .hold(NotificationType.ESCALATION, NotificationType.RE_ESCALATION)
                .build();
        Instant threeAm = local("2026-12-08T03:00", LOS_ANGELES);

        assertThat(escalationsToo.earliestDelivery(Notifications.of(NotificationType.ESCALATION, "lena"), threeAm))
                .isEqualTo(local("2026-12-08T09:00", LOS_ANGELES));
        assertThat(escalationsToo.earliestDelivery(Notifications.of(NotificationType.REMINDER, "lena"), threeAm))
                .isEqualTo(threeAm);
        assertThat(QuietHours.builder(directory).hold().build().heldTypes()).isEmpty();
    }

    @Test
    void a_reminder_in_working_hours_goes_out_at_once() {
        Instant tenAm = local("2026-12-08T10:00", LOS_ANGELES);

        assertThat(earliest(NotificationType.REMINDER, "lena", tenAm)).isEqualTo(tenAm);
        assertThat(earliest(NotificationType.REMINDER, "lena", local("2026-12-08T09:00", LOS_ANGELES)))
                .isEqualTo(local("2026-12-08T09:00", LOS_ANGELES));
    }

    @Test
    void across_the_spring_forward_night_the_morning_is_nine_local_time_in_the_new_offset() {
        // Los Angeles springs forward on Sunday 2027-03-14 at 02:00; Monday 09:00 is then UTC-7.
        Instant saturdayNight = local("2027-03-13T23:00", LOS_ANGELES);

        assertThat(earliest(NotificationType.REMINDER, "lena", saturdayNight))
                .isEqualTo(Instant.parse("2027-03-15T16:00:00Z"));
    }

    @Test
    void across_the_fall_back_night_in_berlin_the_morning_is_nine_local_time_in_winter_offset() {
        // Berlin falls back on Sunday 2026-10-25 at 03:00; Monday 09:00 is then UTC+1.
        Instant fridayEvening = local("2026-10-23T20:00", BERLIN);

        assertThat(earliest(NotificationType.WARNING, "jonas", fridayEvening))
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void a_recipients_own_working_hours_and_holidays_are_used() {
        BusinessCalendar lateShift = BusinessCalendar.builder(KOLKATA)
                .workingHours(DayOfWeek.TUESDAY, LocalTime.of(14, 0), LocalTime.of(22, 0))
                .workingHours(DayOfWeek.WEDNESDAY, LocalTime.of(14, 0), LocalTime.of(22, 0))
                .holiday(java.time.LocalDate.parse("2026-12-08"))
                .build();
        directory.put(Recipient.withEmail("meera", "meera@example.in", Locale.ENGLISH, KOLKATA)
                .withWorkingHours(lateShift));

        assertThat(earliest(NotificationType.REMINDER, "meera", local("2026-12-08T15:00", KOLKATA)))
                .isEqualTo(local("2026-12-09T14:00", KOLKATA));
    }

    @Test
    void a_recipient_the_directory_does_not_know_or_a_failing_directory_never_holds() {
        Instant threeAm = local("2026-12-08T03:00", LOS_ANGELES);
        QuietHours broken = QuietHours.builder(id -> {
                    throw new IllegalStateException("directory down");
                })
                .build();

        assertThat(earliest(NotificationType.REMINDER, "stranger", threeAm)).isEqualTo(threeAm);
        assertThat(broken.earliestDelivery(Notifications.of(NotificationType.REMINDER, "lena"), threeAm))
                .isEqualTo(threeAm);
    }

    @Test
    void next_working_instant_of_a_twenty_four_seven_calendar_is_now() {
        Instant now = Instant.parse("2026-12-13T03:00:00Z");

        assertThat(QuietHours.nextWorkingInstant(BusinessCalendar.twentyFourSeven(), now))
                .isEqualTo(now);
    }
}
