package dev.escalation.core.calendars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.CalendarChoice;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.PolicyDefinition;
import dev.escalation.core.policy.RelativeDeadline;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.GoalProgress;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Goals follow a calendar per task (issue #20): one policy, two regions; each goal of a Berlin task counts on
 * Berlin's office hours and holidays, each goal of a New York task on New York's. Opened Thursday 2026-04-02
 * 10:00 UTC (12:00 in Berlin, 06:00 in New York): the response (4 business hours) is due 16:00 in Berlin and
 * 13:00 in New York; the resolution (end of the 1st business day) Tuesday 17:00 in Berlin, after Good Friday
 * and Easter Monday, and Friday 17:00 in New York.
 */
class GoalsCalendarPerTaskTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BusinessCalendar EU = BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holiday(LocalDate.of(2026, 4, 3), "Good Friday")
            .holiday(LocalDate.of(2026, 4, 6), "Easter Monday")
            .build();
    private static final BusinessCalendar US = BusinessCalendar.builder(NEW_YORK)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    private static final Instant THURSDAY = Instant.parse("2026-04-02T10:00:00Z");

    private final ManualClock clock = ManualClock.at(THURSDAY);
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);

    private static Instant at(ZoneId zone, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, zone).toInstant();
    }

    private static SlaPolicy support() {
        return SlaPolicy.builder("Support")
                .calendarFrom(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US)))
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
                                .deadline(RelativeDeadline.endOfBusinessDay(1))
                                .noWarning()
                                .escalateTo(EscalationTarget.user("dora"))
                                .build()))
                .build();
    }

    private EscalationEngine engine() {
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(support())
                .notifier(new RecordingNotifier())
                .build();
    }

    private void openInBothRegions() {
        tasks.open(NewTask.of("EU-1", "ticket", "Support", "alice", THURSDAY).withAttributes(Map.of("region", "EU")));
        tasks.open(NewTask.of("US-1", "ticket", "Support", "alice", THURSDAY).withAttributes(Map.of("region", "US")));
    }

    private Optional<Instant> deadline(String task, String goal) {
        GoalProgress progress =
                tasks.find(task).orElseThrow().escalation().goals().progress(goal);
        return progress.deadline();
    }

    private List<String> escalatedAt(EscalationEngine engine, Instant now) {
        int before = audit.entriesOf(AuditType.ESCALATED).size();
        clock.set(now);
        engine.runOnce();
        return audit.entriesOf(AuditType.ESCALATED).stream()
                .skip(before)
                .map(entry -> entry.stepKey().orElseThrow())
                .toList();
    }

    @Test
    void each_goal_s_deadline_counts_on_the_calendar_of_the_task_s_region() {
        EscalationEngine engine = engine();
        openInBothRegions();

        engine.runOnce();

        assertThat(deadline("EU-1", "response")).contains(at(BERLIN, 4, 2, 16, 0));
        assertThat(deadline("US-1", "response")).contains(at(NEW_YORK, 4, 2, 13, 0));
        assertThat(deadline("EU-1", "resolution")).contains(at(BERLIN, 4, 7, 17, 0));
        assertThat(deadline("US-1", "resolution")).contains(at(NEW_YORK, 4, 3, 17, 0));
    }

    @Test
    void each_goal_escalates_at_its_own_region_s_deadline_and_not_a_minute_before() {
        EscalationEngine engine = engine();
        openInBothRegions();
        engine.runOnce();

        assertThat(escalatedAt(engine, at(BERLIN, 4, 2, 15, 59))).isEmpty();
        assertThat(escalatedAt(engine, at(BERLIN, 4, 2, 16, 0))).containsExactly("EU-1/0/response/ESCALATION/1");
        assertThat(escalatedAt(engine, at(NEW_YORK, 4, 2, 12, 59))).isEmpty();
        assertThat(escalatedAt(engine, at(NEW_YORK, 4, 2, 13, 0))).containsExactly("US-1/0/response/ESCALATION/1");
        assertThat(escalatedAt(engine, at(NEW_YORK, 4, 3, 16, 59))).isEmpty();
        assertThat(escalatedAt(engine, at(NEW_YORK, 4, 3, 17, 0))).containsExactly("US-1/0/resolution/ESCALATION/1");
        assertThat(escalatedAt(engine, at(BERLIN, 4, 7, 16, 59))).isEmpty();
        assertThat(escalatedAt(engine, at(BERLIN, 4, 7, 17, 0))).containsExactly("EU-1/0/resolution/ESCALATION/1");
    }

    @Test
    void each_goal_s_schedule_carries_the_policy_s_choice_of_calendar() {
        SlaPolicy policy = support();

        assertThat(policy.goals())
                .allSatisfy(goal -> assertThat(goal.schedule().calendarFrom()).isEqualTo(policy.calendarFrom()));
    }

    @Test
    void a_policy_with_goals_and_a_calendar_per_task_is_written_back_and_read_again_equal() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        SlaPolicy policy = support();

        SlaPolicy again = mapper.readValue(mapper.writeValueAsString(policy), PolicyDefinition.class)
                .toPolicy();

        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }
}
