package dev.escalation.core.calendars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.RelativeDeadline;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.testing.HostileDefaultZone;
import dev.escalation.core.time.ManualClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deadline by business days (issue #20): "end of the Nth business day" and "next business day at 10:00"
 * in the calendar's zone, to the minute, across weekends, holidays and DST changes in Europe/Berlin and
 * America/New_York, whatever the JVM's default zone.
 */
class RelativeDeadlineEscalationTest {

    @RegisterExtension
    final HostileDefaultZone hostile = new HostileDefaultZone(HostileDefaultZone.EAST);

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    private static final BusinessCalendar NEW_YORK_OFFICE = BusinessCalendar.builder(NEW_YORK)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);
    private final RecordingNotifier notifier = new RecordingNotifier();

    private static Instant at(ZoneId zone, int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone).toInstant();
    }

    private static BusinessCalendar allDay(ZoneId zone) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            b.workingHours(day, LocalTime.MIDNIGHT, LocalTime.MAX);
        }
        return b.build();
    }

    private EscalationEngine engine(SlaPolicy policy) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(notifier)
                .build();
    }

    private static SlaPolicy.Builder policy(BusinessCalendar calendar, RelativeDeadline deadline) {
        return SlaPolicy.builder("Invoice Approval")
                .calendar(calendar)
                .deadline(deadline)
                .escalateTo(EscalationTarget.user("fiona"));
    }

    /** Opens the task at {@code start}, runs once there, and returns the deadline the run recorded. */
    private Instant open(EscalationEngine engine, Instant start) {
        clock.set(start);
        tasks.open(NewTask.of("INV-1", "invoice", "Approval", "alice", start));
        engine.runOnce();
        return tasks.find("INV-1").orElseThrow().escalation().deadline().orElseThrow();
    }

    private int escalationsAt(EscalationEngine engine, Instant now) {
        clock.set(now);
        return engine.runOnce().escalations();
    }

    @Test
    void end_of_the_2nd_business_day_from_thursday_escalates_at_monday_17_00_and_not_a_minute_before() {
        EscalationEngine engine = engine(
                policy(BERLIN_OFFICE, RelativeDeadline.endOfBusinessDay(2)).build());

        Instant deadline = open(engine, at(BERLIN, 2026, 3, 5, 10, 0));

        assertThat(deadline).isEqualTo(at(BERLIN, 2026, 3, 9, 17, 0));
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 9, 16, 59))).isZero();
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 9, 17, 0))).isEqualTo(1);
    }

    @Test
    void the_start_date_never_counts_so_a_task_opened_before_opening_time_is_due_at_the_next_day_close() {
        EscalationEngine engine = engine(
                policy(BERLIN_OFFICE, RelativeDeadline.endOfBusinessDay(1)).build());

        Instant deadline = open(engine, at(BERLIN, 2026, 3, 5, 7, 30));

        assertThat(deadline).isEqualTo(at(BERLIN, 2026, 3, 6, 17, 0));
    }

    @Test
    void a_holiday_monday_moves_the_end_of_the_1st_business_day_from_friday_to_tuesday_17_00() {
        BusinessCalendar withHoliday = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 3, 9), "company day")
                .build();
        EscalationEngine engine =
                engine(policy(withHoliday, RelativeDeadline.endOfBusinessDay(1)).build());

        Instant deadline = open(engine, at(BERLIN, 2026, 3, 6, 11, 0));

        assertThat(deadline).isEqualTo(at(BERLIN, 2026, 3, 10, 17, 0));
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 10, 16, 59))).isZero();
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 10, 17, 0))).isEqualTo(1);
    }

    @Test
    void next_business_day_at_10_00_from_friday_evening_escalates_at_monday_10_00_and_not_a_minute_before() {
        EscalationEngine engine = engine(policy(BERLIN_OFFICE, RelativeDeadline.nextBusinessDayAt(LocalTime.of(10, 0)))
                .build());

        Instant deadline = open(engine, at(BERLIN, 2026, 3, 6, 17, 30));

        assertThat(deadline).isEqualTo(at(BERLIN, 2026, 3, 9, 10, 0));
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 9, 9, 59))).isZero();
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 9, 10, 0))).isEqualTo(1);
    }

    @Test
    void a_warning_at_75_percent_counts_the_business_time_from_the_start_to_the_relative_deadline() {
        // Thursday 12:00 to Friday 17:00 is 5 + 8 = 13 business hours; 75 % of them, 9 h 45 min, ends Friday 13:45.
        EscalationEngine engine = engine(policy(BERLIN_OFFICE, RelativeDeadline.endOfBusinessDay(1))
                .warnAt(0.75)
                .build());
        open(engine, at(BERLIN, 2026, 3, 5, 12, 0));

        clock.set(at(BERLIN, 2026, 3, 6, 13, 44));
        assertThat(engine.runOnce().warnings()).isZero();
        clock.set(at(BERLIN, 2026, 3, 6, 13, 45));
        RunReport report = engine.runOnce();

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(tasks.find("INV-1").orElseThrow().escalation().warningAt()).contains(at(BERLIN, 2026, 3, 6, 13, 45));
    }

    @Test
    void a_warning_2_business_hours_before_a_relative_deadline_falls_2_business_hours_before_it() {
        EscalationEngine engine = engine(policy(BERLIN_OFFICE, RelativeDeadline.endOfBusinessDay(2))
                .warnBefore(Duration.ofHours(2))
                .build());

        open(engine, at(BERLIN, 2026, 3, 5, 10, 0));

        assertThat(tasks.find("INV-1").orElseThrow().escalation().warningAt()).contains(at(BERLIN, 2026, 3, 9, 15, 0));
    }

    @Test
    void a_warning_window_longer_than_a_task_s_sla_warns_at_its_start_and_escalates_at_the_deadline() {
        // Friday 16:30 to Monday 10:00 is 30 min + 1 h of business time, less than the 2-hour window.
        EscalationEngine engine = engine(policy(BERLIN_OFFICE, RelativeDeadline.nextBusinessDayAt(LocalTime.of(10, 0)))
                .warnBefore(Duration.ofHours(2))
                .build());
        clock.set(at(BERLIN, 2026, 3, 6, 16, 30));
        tasks.open(NewTask.of("INV-1", "invoice", "Approval", "alice", clock.now()));

        assertThat(engine.runOnce().warnings()).isEqualTo(1);
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 9, 9, 59))).isZero();
        assertThat(escalationsAt(engine, at(BERLIN, 2026, 3, 9, 10, 0))).isEqualTo(1);
    }

    @Test
    void a_hold_pushes_a_relative_deadline_by_the_business_time_it_paused() {
        EscalationEngine engine = engine(
                policy(BERLIN_OFFICE, RelativeDeadline.endOfBusinessDay(1)).build());
        open(engine, at(BERLIN, 2026, 3, 5, 10, 0));
        clock.set(at(BERLIN, 2026, 3, 5, 11, 0));
        tasks.hold("INV-1");
        clock.set(at(BERLIN, 2026, 3, 5, 14, 0));
        tasks.resume("INV-1");

        engine.runOnce();

        // Three business hours on hold: Friday 17:00 moves to Monday 12:00.
        assertThat(tasks.find("INV-1").orElseThrow().escalation().deadline()).contains(at(BERLIN, 2026, 3, 9, 12, 0));
    }

    @Test
    void in_berlin_the_end_of_the_spring_forward_sunday_is_its_midnight_and_the_day_has_23_hours() {
        // 24/7 in Berlin: Saturday 12:00 CET to Monday 00:00 CEST is 12 + 23 = 35 hours; half of it is Sunday 06:30.
        EscalationEngine engine = engine(policy(allDay(BERLIN), RelativeDeadline.endOfBusinessDay(1))
                .warnAt(0.5)
                .build());

        Instant deadline = open(engine, at(BERLIN, 2026, 3, 28, 12, 0));

        assertThat(deadline).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(tasks.find("INV-1").orElseThrow().escalation().warningAt()).contains(at(BERLIN, 2026, 3, 29, 6, 30));
        assertThat(escalationsAt(engine, Instant.parse("2026-03-29T21:59:00Z"))).isZero();
        assertThat(escalationsAt(engine, Instant.parse("2026-03-29T22:00:00Z"))).isEqualTo(1);
    }

    @Test
    void in_berlin_next_business_day_at_02_30_on_the_spring_forward_day_moves_forward_to_03_30() {
        EscalationEngine engine = engine(policy(allDay(BERLIN), RelativeDeadline.nextBusinessDayAt(LocalTime.of(2, 30)))
                .build());

        Instant deadline = open(engine, at(BERLIN, 2026, 3, 28, 12, 0));

        assertThat(deadline).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    }

    @Test
    void in_berlin_the_end_of_the_fall_back_sunday_comes_after_its_25_hours() {
        EscalationEngine engine = engine(policy(allDay(BERLIN), RelativeDeadline.endOfBusinessDay(1))
                .warnAt(0.5)
                .build());

        Instant deadline = open(engine, at(BERLIN, 2026, 10, 24, 12, 0));

        // Saturday 12:00 CEST (10:00Z) to Monday 00:00 CET (Sunday 23:00Z): 12 + 25 = 37 hours, half is 18 h 30 min.
        assertThat(deadline).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(tasks.find("INV-1").orElseThrow().escalation().warningAt())
                .contains(Instant.parse("2026-10-25T04:30:00Z"));
    }

    @Test
    void in_new_york_the_monday_after_spring_forward_closes_at_21_00_utc_not_22_00() {
        EscalationEngine engine = engine(
                policy(NEW_YORK_OFFICE, RelativeDeadline.endOfBusinessDay(1)).build());

        Instant deadline = open(engine, at(NEW_YORK, 2026, 3, 6, 15, 0));

        assertThat(deadline).isEqualTo(Instant.parse("2026-03-09T21:00:00Z")); // 17:00 EDT
        assertThat(escalationsAt(engine, Instant.parse("2026-03-09T20:59:00Z"))).isZero();
        assertThat(escalationsAt(engine, Instant.parse("2026-03-09T21:00:00Z"))).isEqualTo(1);
    }

    @Test
    void in_new_york_next_business_day_at_02_30_on_the_spring_forward_sunday_moves_forward_to_03_30_edt() {
        EscalationEngine engine =
                engine(policy(allDay(NEW_YORK), RelativeDeadline.nextBusinessDayAt(LocalTime.of(2, 30)))
                        .build());

        Instant deadline = open(engine, at(NEW_YORK, 2026, 3, 7, 12, 0));

        assertThat(deadline).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void in_new_york_next_business_day_at_01_30_on_the_fall_back_sunday_is_the_first_01_30_edt() {
        EscalationEngine engine =
                engine(policy(allDay(NEW_YORK), RelativeDeadline.nextBusinessDayAt(LocalTime.of(1, 30)))
                        .build());

        Instant deadline = open(engine, at(NEW_YORK, 2026, 10, 31, 12, 0));

        assertThat(deadline).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(escalationsAt(engine, Instant.parse("2026-11-01T05:29:00Z"))).isZero();
        assertThat(escalationsAt(engine, Instant.parse("2026-11-01T05:30:00Z"))).isEqualTo(1);
    }

    @Test
    void in_new_york_the_end_of_the_fall_back_sunday_comes_after_its_25_hours() {
        EscalationEngine engine = engine(
                policy(allDay(NEW_YORK), RelativeDeadline.endOfBusinessDay(1)).build());

        Instant deadline = open(engine, at(NEW_YORK, 2026, 10, 31, 12, 0));

        assertThat(deadline).isEqualTo(Instant.parse("2026-11-02T05:00:00Z")); // Monday 00:00 EST
    }
}
