package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.RelativeDeadline;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * A goal's deadline may be named by business days (issue #20): a request opened Friday 16:00 in Berlin is
 * answered by the next business day at 10:00 (Monday 10:00) and resolved by the end of the 2nd business day
 * (Tuesday 17:00), each goal escalating at its own deadline and not a minute before.
 */
class GoalsRelativeDeadlineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant FRIDAY_16 = berlin(6, 16, 0);

    private final ManualClock clock = ManualClock.at(FRIDAY_16);
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);

    /** An instant of March 2026 in Berlin. */
    private static Instant berlin(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 3, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    private EscalationEngine engine() {
        BusinessCalendar office = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
        SlaPolicy policy = SlaPolicy.builder("Service Request")
                .calendar(office)
                .goal(new Goal(
                        "response",
                        SlaPolicy.builder("response")
                                .deadline(RelativeDeadline.nextBusinessDayAt(LocalTime.of(10, 0)))
                                .noWarning()
                                .escalateTo(EscalationTarget.user("tina"))
                                .build()))
                .goal(new Goal(
                        "resolution",
                        SlaPolicy.builder("resolution")
                                .deadline(RelativeDeadline.endOfBusinessDay(2))
                                .noWarning()
                                .escalateTo(EscalationTarget.user("dora"))
                                .build()))
                .build();
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(new RecordingNotifier())
                .build();
    }

    @Test
    void each_goal_plans_its_relative_deadline_on_the_policys_calendar() {
        EscalationEngine engine = engine();
        tasks.open(NewTask.of("SR-1", "service-request", "Triage", "alice", FRIDAY_16));

        engine.runOnce();

        var goals = tasks.find("SR-1").orElseThrow().escalation().goals();
        assertThat(goals.progress("response").deadline()).contains(berlin(9, 10, 0));
        assertThat(goals.progress("resolution").deadline()).contains(berlin(10, 17, 0));
    }

    @Test
    void response_escalates_monday_at_10_00_and_resolution_tuesday_at_17_00_not_a_minute_before() {
        EscalationEngine engine = engine();
        tasks.open(NewTask.of("SR-1", "service-request", "Triage", "alice", FRIDAY_16));
        engine.runOnce();

        clock.set(berlin(9, 9, 59));
        assertThat(engine.runOnce().escalations()).isZero();
        clock.set(berlin(9, 10, 0));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);
        clock.set(berlin(10, 16, 59));
        assertThat(engine.runOnce().escalations()).isZero();
        clock.set(berlin(10, 17, 0));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);

        assertThat(audit.entriesOf(AuditType.ESCALATED))
                .extracting(e -> e.stepKey().orElseThrow())
                .containsExactly("SR-1/0/response/ESCALATION/1", "SR-1/0/resolution/ESCALATION/1");
    }

    @Test
    void a_goal_with_a_relative_deadline_keeps_it_when_the_policy_puts_it_on_its_calendar() {
        SlaPolicy policy = SlaPolicy.builder("Service Request")
                .calendar(BusinessCalendar.builder(BERLIN)
                        .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .goal(new Goal(
                        "resolution",
                        SlaPolicy.builder("resolution")
                                .deadline(RelativeDeadline.endOfBusinessDay(2))
                                .escalateTo(EscalationTarget.user("dora"))
                                .build()))
                .build();

        SlaPolicy resolution = policy.goal("resolution").orElseThrow().schedule();
        assertThat(resolution.relativeDeadline()).contains(RelativeDeadline.endOfBusinessDay(2));
        assertThat(resolution.calendar()).isEqualTo(policy.calendar());
        assertThat(policy.sla()).isEqualTo(resolution.sla()).isGreaterThan(Duration.ZERO);
    }
}
