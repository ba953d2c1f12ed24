package dev.escalation.core.calendars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.CalendarChoice;
import dev.escalation.core.policy.CalendarResolver;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyDefinition;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.RelativeDeadline;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.testing.HostileDefaultZone;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A calendar per task (issue #20): the policy picks it by an attribute, the tenant or the host's
 * {@link CalendarResolver}, and the deadline follows it; a task for which it finds none is reported and
 * audited, never silently given another calendar unless the policy names a default.
 */
class CalendarPerTaskEscalationTest {

    @RegisterExtension
    final HostileDefaultZone hostile = new HostileDefaultZone(HostileDefaultZone.WEST);

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Berlin office with Good Friday and Easter Monday 2026 off. */
    private static final BusinessCalendar EU = BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holiday(LocalDate.of(2026, 4, 3), "Good Friday")
            .holiday(LocalDate.of(2026, 4, 6), "Easter Monday")
            .build();

    private static final BusinessCalendar US = BusinessCalendar.builder(NEW_YORK)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    /** Thursday 2026-04-02 10:00 UTC: 12:00 in Berlin, 06:00 in New York. */
    private static final Instant THURSDAY = Instant.parse("2026-04-02T10:00:00Z");

    private final ManualClock clock = ManualClock.at(THURSDAY);
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);
    private final RecordingNotifier notifier = new RecordingNotifier();

    private static Instant at(ZoneId zone, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, zone).toInstant();
    }

    private EscalationEngine engine(SlaPolicy policy) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(notifier)
                .build();
    }

    private static SlaPolicy.Builder support(CalendarChoice choice) {
        return SlaPolicy.builder("Support")
                .calendarFrom(choice)
                .deadline(RelativeDeadline.endOfBusinessDay(1))
                .noWarning()
                .escalateTo(EscalationTarget.user("sam"));
    }

    private void open(String id, Map<String, String> attributes) {
        tasks.open(NewTask.of(id, "ticket", "Support", "alice", THURSDAY).withAttributes(attributes));
    }

    private Optional<Instant> deadlineOf(String id) {
        return tasks.find(id).orElseThrow().escalation().deadline();
    }

    private int escalationsAt(EscalationEngine engine, Instant now) {
        clock.set(now);
        return engine.runOnce().escalations();
    }

    @Test
    void two_regions_under_one_policy_each_get_the_close_of_their_own_next_business_day() {
        EscalationEngine engine = engine(support(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US)))
                .build());
        open("EU-1", Map.of("region", "EU"));
        open("US-1", Map.of("region", "US"));

        engine.runOnce();

        // Berlin: Good Friday, the weekend and Easter Monday are no business days; New York works on Friday.
        assertThat(deadlineOf("EU-1")).contains(at(BERLIN, 4, 7, 17, 0));
        assertThat(deadlineOf("US-1")).contains(at(NEW_YORK, 4, 3, 17, 0));
    }

    @Test
    void each_region_s_task_escalates_at_its_own_deadline_and_not_a_minute_before() {
        EscalationEngine engine = engine(support(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US)))
                .build());
        open("EU-1", Map.of("region", "EU"));
        open("US-1", Map.of("region", "US"));
        engine.runOnce();

        assertThat(escalationsAt(engine, Instant.parse("2026-04-03T20:59:00Z"))).isZero();
        assertThat(escalationsAt(engine, Instant.parse("2026-04-03T21:00:00Z"))).isEqualTo(1);
        assertThat(escalationsAt(engine, Instant.parse("2026-04-07T14:59:00Z"))).isZero();
        assertThat(escalationsAt(engine, Instant.parse("2026-04-07T15:00:00Z"))).isEqualTo(1);
    }

    @Test
    void a_duration_sla_counts_on_each_task_s_calendar_too() {
        EscalationEngine engine = engine(SlaPolicy.builder("Support")
                .calendarFrom(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US)))
                .sla(Duration.ofHours(8))
                .noWarning()
                .escalateTo(EscalationTarget.user("sam"))
                .build());
        open("EU-1", Map.of("region", "EU"));
        open("US-1", Map.of("region", "US"));

        engine.runOnce();

        // Berlin: 5 h on Thursday, 3 h on Tuesday; New York: 8 h on Thursday from 09:00 EDT.
        assertThat(deadlineOf("EU-1")).contains(at(BERLIN, 4, 7, 12, 0));
        assertThat(deadlineOf("US-1")).contains(at(NEW_YORK, 4, 2, 17, 0));
    }

    @Test
    void a_task_whose_attribute_names_no_calendar_is_reported_and_audited_not_planned_on_another_calendar() {
        EscalationEngine engine = engine(support(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US)))
                .build());
        open("APAC-1", Map.of("region", "APAC"));

        RunReport report = engine.runOnce();

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo("APAC-1");
            assertThat(f.kind()).isEqualTo(TaskFailure.Kind.EVALUATION_FAILED);
            assertThat(f.message()).contains("UnknownCalendarException", "'region'", "'APAC'", "[EU, US]");
        });
        assertThat(audit.entriesOf(AuditType.TASK_FAILED))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason")).contains("'APAC'"));
        assertThat(deadlineOf("APAC-1")).isEmpty();
    }

    @Test
    void a_task_without_the_attribute_is_reported_too() {
        EscalationEngine engine = engine(support(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US)))
                .build());
        open("X-1", Map.of());

        RunReport report = engine.runOnce();

        assertThat(report.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("has no attribute 'region'"));
    }

    @Test
    void a_task_whose_attribute_names_no_calendar_gets_the_default_the_policy_names() {
        EscalationEngine engine = engine(support(CalendarChoice.attribute("region", Map.of("EU", EU, "US", US))
                        .orDefault("US"))
                .build());
        open("APAC-1", Map.of("region", "APAC"));

        RunReport report = engine.runOnce();

        assertThat(report.failures()).isEmpty();
        assertThat(deadlineOf("APAC-1")).contains(at(NEW_YORK, 4, 3, 17, 0));
    }

    @Test
    void the_tenant_picks_the_calendar() {
        EscalationEngine engine = engine(support(CalendarChoice.tenant(Map.of("acme-eu", EU, "acme-us", US)))
                .build());
        tasks.open(NewTask.of("EU-1", "ticket", "Support", "alice", THURSDAY).withTenant("acme-eu"));
        tasks.open(NewTask.of("US-1", "ticket", "Support", "alice", THURSDAY).withTenant("acme-us"));

        engine.runOnce();

        assertThat(deadlineOf("EU-1")).contains(at(BERLIN, 4, 7, 17, 0));
        assertThat(deadlineOf("US-1")).contains(at(NEW_YORK, 4, 3, 17, 0));
    }

    @Test
    void the_host_resolver_picks_the_calendar_by_the_assignee_s_region_and_the_deadline_follows_its_answer() {
        Map<String, String> regionOfAssignee = new java.util.concurrent.ConcurrentHashMap<>(Map.of("alice", "US"));
        Map<String, BusinessCalendar> byRegion = Map.of("EU", EU, "US", US);
        CalendarResolver assigneeRegion = task ->
                Optional.ofNullable(regionOfAssignee.get(task.assignee())).map(byRegion::get);
        EscalationEngine engine =
                engine(support(CalendarChoice.resolver(assigneeRegion)).build());
        open("T-1", Map.of());
        engine.runOnce();
        assertThat(deadlineOf("T-1")).contains(at(NEW_YORK, 4, 3, 17, 0));

        regionOfAssignee.put("alice", "EU");
        tasks.changePriority("T-1", "P2"); // any host change makes the task due at once
        clock.set(THURSDAY.plus(Duration.ofMinutes(1)));
        engine.runOnce();

        assertThat(deadlineOf("T-1")).contains(at(BERLIN, 4, 7, 17, 0));
        assertThat(audit.entriesOf(AuditType.DEADLINE_CHANGED)).isNotEmpty();
    }

    @Test
    void a_resolver_that_knows_no_calendar_and_no_default_is_reported() {
        EscalationEngine engine = engine(
                support(CalendarChoice.resolver(task -> Optional.empty())).build());
        open("T-1", Map.of());

        RunReport report = engine.runOnce();

        assertThat(report.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("resolver knows none"));
    }

    @Test
    void a_resolver_that_knows_no_calendar_uses_the_default_it_was_given() {
        EscalationEngine engine =
                engine(support(CalendarChoice.resolver(task -> Optional.empty()).orDefault(EU))
                        .build());
        open("T-1", Map.of());

        engine.runOnce();

        assertThat(deadlineOf("T-1")).contains(at(BERLIN, 4, 7, 17, 0));
    }

    @Test
    void a_json_policy_names_its_calendars_by_region_and_a_registry_serves_it() throws Exception {
        String json = """
                [{"stage_name": "Support", "escalation_to": "user:sam", "warning_enabled": false,
                  "deadline": {"end_of_business_day": 1},
                  "calendar_from": {"attribute": "region", "default": "US", "calendars": {
                     "EU": {"zone": "Europe/Berlin", "working_hours": {"MONDAY": ["09:00-17:00"], "TUESDAY": ["09:00-17:00"],
                            "WEDNESDAY": ["09:00-17:00"], "THURSDAY": ["09:00-17:00"], "FRIDAY": ["09:00-17:00"]},
                            "holidays": {"2026-04-03": "Good Friday", "2026-04-06": "Easter Monday"}},
                     "US": {"zone": "America/New_York", "working_hours": {"MONDAY": ["09:00-17:00"], "TUESDAY": ["09:00-17:00"],
                            "WEDNESDAY": ["09:00-17:00"], "THURSDAY": ["09:00-17:00"], "FRIDAY": ["09:00-17:00"]}}}}}]
                """;
        PolicyRegistry registry = PolicyRegistry.builder()
                .define(new ObjectMapper().readValue(json, PolicyDefinition[].class))
                .build();
        EscalationEngine engine = EscalationEngine.builder()
                .repository(tasks)
                .policies(registry)
                .notifier(notifier)
                .build();
        open("EU-1", Map.of("region", "EU"));
        open("US-1", Map.of("region", "US"));

        engine.runOnce();

        assertThat(deadlineOf("EU-1")).contains(at(BERLIN, 4, 7, 17, 0));
        assertThat(deadlineOf("US-1")).contains(at(NEW_YORK, 4, 3, 17, 0));
    }

    @Test
    void a_json_policy_without_attribute_or_tenant_takes_the_registry_s_resolver() throws Exception {
        AtomicReference<BusinessCalendar> answer = new AtomicReference<>(EU);
        String json = "[{\"stage_name\": \"Support\", \"escalation_to\": \"role:lead\", \"warning_enabled\": false,"
                + " \"deadline\": {\"end_of_business_day\": 1}, \"calendar_from\": {}}]";
        PolicyRegistry registry = PolicyRegistry.builder()
                .calendarResolver(task -> Optional.of(answer.get()))
                .define(new ObjectMapper().readValue(json, PolicyDefinition[].class))
                .build();
        EscalationEngine engine = EscalationEngine.builder()
                .repository(tasks)
                .policies(registry)
                .notifier(notifier)
                .build();
        open("T-1", Map.of());

        engine.runOnce();

        assertThat(deadlineOf("T-1")).contains(at(BERLIN, 4, 7, 17, 0));
    }
}
