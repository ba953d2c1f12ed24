package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyDefinition;
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

/** The engine counts SLA time on the policy's business calendar, pauses it on hold, and sets targets by priority. */
class BusinessTimeEscalationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Friday 2026-03-06 17:00 in Berlin. */
    private static final Instant FRIDAY_17 = berlin(2026, 3, 6, 17, 0);

    private static final BusinessCalendar OFFICE = BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();

    private final ManualClock clock = ManualClock.at(FRIDAY_17);
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);
    private final RecordingNotifier notifier = new RecordingNotifier();

    private static Instant berlin(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    private EscalationEngine engine(SlaPolicy policy) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(notifier)
                .build();
    }

    private static SlaPolicy.Builder eightBusinessHours(BusinessCalendar calendar) {
        return SlaPolicy.builder("Manager Approval")
                .calendar(calendar)
                .sla(Duration.ofHours(8))
                .warnBefore(Duration.ofHours(2))
                .escalateTo(EscalationTarget.user("dora"));
    }

    @Test
    void friday_17_00_plus_8_business_hours_escalates_at_monday_17_00_and_not_a_minute_before() {
        EscalationEngine engine = engine(eightBusinessHours(OFFICE).build());
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", FRIDAY_17));
        engine.runOnce();

        clock.set(berlin(2026, 3, 9, 16, 59));
        assertThat(engine.runOnce().escalations()).isZero();
        clock.set(berlin(2026, 3, 9, 17, 0));

        assertThat(engine.runOnce().escalations()).isEqualTo(1);
        assertThat(tasks.find("PO-1").orElseThrow().escalation().deadline()).contains(berlin(2026, 3, 9, 17, 0));
    }

    @Test
    void a_run_on_friday_evening_schedules_the_next_run_for_monday_warning_time() {
        EscalationEngine engine = engine(eightBusinessHours(OFFICE).build());
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", FRIDAY_17));

        RunReport report = engine.runOnce();

        assertThat(report.nextDueAt()).contains(berlin(2026, 3, 9, 15, 0));
    }

    @Test
    void a_holiday_monday_pushes_the_deadline_to_tuesday_17_00() {
        BusinessCalendar withHoliday = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 3, 9), "company day")
                .build();
        EscalationEngine engine = engine(eightBusinessHours(withHoliday).build());
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", FRIDAY_17));

        engine.runOnce();

        assertThat(tasks.find("PO-1").orElseThrow().escalation().deadline()).contains(berlin(2026, 3, 10, 17, 0));
    }

    @Test
    void a_task_paused_over_the_weekend_moves_its_deadline_by_the_time_on_hold() {
        SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .escalateTo(EscalationTarget.user("dora"))
                .build();
        EscalationEngine engine = engine(policy);
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", FRIDAY_17));
        engine.runOnce();
        tasks.hold("PO-1");

        clock.set(berlin(2026, 3, 7, 17, 0));
        assertThat(engine.runOnce().escalations())
                .as("nothing escalates on hold")
                .isZero();
        clock.set(berlin(2026, 3, 9, 9, 0));
        tasks.resume("PO-1");
        engine.runOnce();

        assertThat(tasks.find("PO-1").orElseThrow().escalation().deadline())
                .contains(berlin(2026, 3, 10, 9, 0)); // 24 h of SLA time, of which 0 ran before the 64 h hold
        assertThat(audit.entriesOf(AuditType.DEADLINE_CHANGED))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason")).contains("hold"));
    }

    @Test
    void p1_and_p3_tasks_under_one_policy_get_their_own_targets() {
        SlaPolicy policy = eightBusinessHours(OFFICE)
                .sla(Duration.ofHours(24))
                .slaForPriority("P1", Duration.ofHours(4))
                .build();
        EscalationEngine engine = engine(policy);
        Instant monday9 = berlin(2026, 3, 9, 9, 0);
        clock.set(monday9);
        tasks.open(NewTask.of("INC-1", "incident", "Approval", "alice", monday9).withPriority("P1"));
        tasks.open(NewTask.of("INC-3", "incident", "Approval", "alice", monday9).withPriority("P3"));

        engine.runOnce();

        assertThat(tasks.find("INC-1").orElseThrow().escalation().deadline()).contains(berlin(2026, 3, 9, 13, 0));
        assertThat(tasks.find("INC-3").orElseThrow().escalation().deadline()).contains(berlin(2026, 3, 11, 17, 0));
    }

    @Test
    void raising_the_priority_recomputes_the_deadline_from_the_original_start_and_audits_why() {
        SlaPolicy policy = eightBusinessHours(OFFICE)
                .sla(Duration.ofHours(24))
                .slaForPriority("P1", Duration.ofHours(4))
                .build();
        EscalationEngine engine = engine(policy);
        Instant monday9 = berlin(2026, 3, 9, 9, 0);
        clock.set(monday9);
        tasks.open(NewTask.of("INC-1", "incident", "Approval", "alice", monday9).withPriority("P3"));
        engine.runOnce();

        clock.set(berlin(2026, 3, 9, 14, 0));
        tasks.changePriority("INC-1", "P1");
        RunReport report = engine.runOnce();

        assertThat(report.escalations())
                .as("the new deadline, 13:00, has passed")
                .isEqualTo(1);
        assertThat(audit.entriesOf(AuditType.DEADLINE_CHANGED)).singleElement().satisfies(e -> {
            assertThat(e.details())
                    .containsEntry("from", berlin(2026, 3, 11, 17, 0).toString())
                    .containsEntry("to", berlin(2026, 3, 9, 13, 0).toString());
            assertThat(e.details().get("reason")).contains("'P1'");
        });
    }

    @Test
    void a_policy_with_calendar_priorities_and_pause_round_trips_through_plain_json() throws Exception {
        SlaPolicy policy = eightBusinessHours(OFFICE)
                .slaForPriority("P1", Duration.ofHours(4))
                .holdsPauseSla(false)
                .build();
        ObjectMapper json = new ObjectMapper();

        SlaPolicy read = json.readValue(json.writeValueAsString(policy), SlaPolicy.class);

        assertThat(read).isEqualTo(policy);
    }

    @Test
    void json_definitions_accept_calendar_and_per_priority_hours() throws Exception {
        String text = "{\"stage_name\":\"Approval\",\"sla_hours\":24,\"escalation_to\":\"user:dora\","
                + "\"sla_hours_by_priority\":{\"P1\":4,\"P2\":8},"
                + "\"calendar\":{\"zone\":\"Europe/Berlin\",\"working_hours\":{\"MONDAY\":[\"09:00-17:00\"]}}}";

        SlaPolicy policy =
                new ObjectMapper().readValue(text, PolicyDefinition.class).toPolicy();

        assertThat(policy.slaFor("P1")).isEqualTo(Duration.ofHours(4));
        assertThat(policy.slaFor("P9")).isEqualTo(Duration.ofHours(24));
        assertThat(policy.calendar().zone()).isEqualTo(BERLIN);
    }
}
