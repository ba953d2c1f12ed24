package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Goals count business time on the policy's calendar, each to its own deadline: a request opened
 * Friday 16:00 in Berlin must be answered within 4 business hours (Monday 12:00) and resolved within
 * 3 business days of 8 hours (Wednesday 16:00); a holiday on Monday moves both by a day.
 */
class GoalsBusinessTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Friday 2026-03-06 16:00 in Berlin. */
    private static final Instant FRIDAY_16 = berlin(2026, 3, 6, 16, 0);

    private final ManualClock clock = ManualClock.at(FRIDAY_16);
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);

    private static Instant berlin(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    private static SlaPolicy serviceRequest(BusinessCalendar calendar) {
        return SlaPolicy.builder("Service Request")
                .calendar(calendar)
                .goal(new Goal(
                        "response",
                        SlaPolicy.builder("response")
                                .sla(Duration.ofHours(4))
                                .noWarning()
                                .escalateTo(EscalationTarget.user("tina"))
                                .build()))
                .goal(new Goal(
                        "resolution",
                        SlaPolicy.builder("resolution")
                                .sla(Duration.ofHours(24))
                                .noWarning()
                                .escalateTo(EscalationTarget.user("dora"))
                                .build()))
                .build();
    }

    private EscalationEngine engine(SlaPolicy policy) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(new RecordingNotifier())
                .build();
    }

    @Test
    void response_escalates_at_monday_12_00_and_resolution_at_wednesday_16_00_not_a_minute_before() {
        BusinessCalendar office = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
        EscalationEngine engine = engine(serviceRequest(office));
        tasks.open(NewTask.of("SR-1", "service-request", "Triage", "alice", FRIDAY_16));
        engine.runOnce();

        clock.set(berlin(2026, 3, 9, 11, 59));
        assertThat(engine.runOnce().escalations()).isZero();
        clock.set(berlin(2026, 3, 9, 12, 0));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);
        clock.set(berlin(2026, 3, 11, 15, 59));
        assertThat(engine.runOnce().escalations()).isZero();
        clock.set(berlin(2026, 3, 11, 16, 0));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);

        assertThat(audit.entriesOf(AuditType.ESCALATED))
                .extracting(e -> e.stepKey().orElseThrow(), e -> e.details().get("deadline"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "SR-1/0/response/ESCALATION/1",
                                berlin(2026, 3, 9, 12, 0).toString()),
                        org.assertj.core.groups.Tuple.tuple(
                                "SR-1/0/resolution/ESCALATION/1",
                                berlin(2026, 3, 11, 16, 0).toString()));
    }

    @Test
    void a_holiday_on_monday_moves_each_goals_deadline_by_a_working_day() {
        BusinessCalendar office = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 3, 9), "closed")
                .build();
        EscalationEngine engine = engine(serviceRequest(office));
        tasks.open(NewTask.of("SR-1", "service-request", "Triage", "alice", FRIDAY_16));

        engine.runOnce();

        assertThat(tasks.find("SR-1")
                        .orElseThrow()
                        .escalation()
                        .goals()
                        .progress("response")
                        .deadline())
                .contains(berlin(2026, 3, 10, 12, 0));
        assertThat(tasks.find("SR-1")
                        .orElseThrow()
                        .escalation()
                        .goals()
                        .progress("resolution")
                        .deadline())
                .contains(berlin(2026, 3, 12, 16, 0));
        assertThat(tasks.find("SR-1").orElseThrow().escalation().nextCheckAt()).contains(berlin(2026, 3, 10, 12, 0));
    }
}
