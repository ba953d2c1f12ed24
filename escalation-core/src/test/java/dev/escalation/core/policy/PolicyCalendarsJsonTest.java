package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JSON of relative deadlines ({@code deadline}) and per-task calendars ({@code calendar_from}), issue #20:
 * what they read as, how they are written back, and each refusal with the JSON path and the value.
 */
class PolicyCalendarsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "{\"stage_name\": \"A\", \"escalation_to\": \"head\"";
    private static final String BERLIN =
            "{\"zone\": \"Europe/Berlin\", \"working_hours\": {\"MONDAY\": [\"09:00-17:00\"], \"FRIDAY\": [\"09:00-17:00\"]}}";
    private static final String NEW_YORK =
            "{\"zone\": \"America/New_York\", \"working_hours\": {\"MONDAY\": [\"09:00-12:00\", \"13:00-17:00\"]}}";

    private static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();

    private static SlaPolicy read(String fields) throws Exception {
        return MAPPER.readValue(BASE + fields + "}", PolicyDefinition.class).toPolicy();
    }

    private static String regions(String extra) {
        return ", \"calendar_from\": {\"attribute\": \"region\", \"calendars\": {\"EU\": " + BERLIN + ", \"US\": "
                + NEW_YORK + "}" + extra + "}";
    }

    @Test
    void end_of_business_day_reads_as_a_relative_deadline() throws Exception {
        SlaPolicy policy = read(", \"deadline\": {\"end_of_business_day\": 2}");

        assertThat(policy.relativeDeadline()).contains(RelativeDeadline.endOfBusinessDay(2));
    }

    @Test
    void next_business_day_at_reads_as_a_relative_deadline() throws Exception {
        SlaPolicy policy = read(", \"deadline\": {\"next_business_day_at\": \"10:00\"}");

        assertThat(policy.relativeDeadline()).contains(RelativeDeadline.nextBusinessDayAt(LocalTime.of(10, 0)));
    }

    @Test
    void calendar_from_reads_the_attribute_the_calendars_and_the_default() throws Exception {
        SlaPolicy policy = read(", \"sla\": \"PT8H\"" + regions(", \"default\": \"EU\""));

        assertThat(policy.calendarFrom()).hasValueSatisfying(choice -> {
            assertThat(choice).isInstanceOf(CalendarChoice.ByAttribute.class);
            CalendarChoice.ByAttribute by = (CalendarChoice.ByAttribute) choice;
            assertThat(by.attribute()).isEqualTo("region");
            assertThat(by.calendars()).containsOnlyKeys("EU", "US");
            assertThat(by.calendars().get("EU").zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(by.defaultName()).contains("EU");
        });
    }

    @Test
    void a_policy_with_both_written_from_code_reads_back_equal_with_the_same_version() throws Exception {
        SlaPolicy policy = read(", \"deadline\": {\"end_of_business_day\": 3}" + regions(""));

        SlaPolicy again = MAPPER.readValue(MAPPER.writeValueAsString(policy), SlaPolicy.class);

        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }

    @Test
    void a_definition_is_written_back_as_it_was_read() throws Exception {
        String json = BASE + ", \"deadline\": {\"next_business_day_at\": \"10:00\"}, \"calendar_from\": {\"tenant\":"
                + " true, \"calendars\": {\"acme\": " + BERLIN + "}, \"default\": \"acme\"}}";

        PolicyDefinition definition = MAPPER.readValue(json, PolicyDefinition.class);
        PolicyDefinition again = MAPPER.readValue(MAPPER.writeValueAsString(definition), PolicyDefinition.class);

        assertThat(again).isEqualTo(definition);
        assertThat(MAPPER.writeValueAsString(definition))
                .contains("\"deadline\":{\"next_business_day_at\":\"10:00\"}")
                .contains("\"tenant\":true");
    }

    @Test
    void a_policy_that_uses_neither_keeps_its_version() {
        SlaPolicy plain = SlaPolicy.builder("A")
                .sla(Duration.ofHours(8))
                .escalateTo(EscalationTarget.role("head"))
                .build();

        assertThat(PolicyFingerprint.canonicalText(plain))
                .doesNotContain("deadline")
                .doesNotContain("calendarFrom");
        // The version this policy had before relative deadlines and per-task calendars existed.
        assertThat(plain.version()).isEqualTo(PLAIN_VERSION);
    }

    /** Computed on main before issue #20's calendars: a plain policy must keep it. */
    private static final String PLAIN_VERSION = "b6c4d050237c";

    @Test
    void each_of_them_is_part_of_the_version_when_used() {
        SlaPolicy.Builder base = SlaPolicy.builder("A").noWarning().escalateTo(EscalationTarget.role("head"));
        String oneDay =
                base.deadline(RelativeDeadline.endOfBusinessDay(1)).build().version();
        String twoDays =
                base.deadline(RelativeDeadline.endOfBusinessDay(2)).build().version();
        String tenTo = base.deadline(RelativeDeadline.nextBusinessDayAt(LocalTime.of(10, 0)))
                .build()
                .version();
        BusinessCalendar berlin = BERLIN_OFFICE;
        String byTenant = base.calendarFrom(CalendarChoice.tenant(Map.of("acme", berlin)))
                .build()
                .version();

        assertThat(java.util.Set.of(oneDay, twoDays, tenTo, byTenant)).hasSize(4);
        assertThat(SlaPolicy.builder("A")
                        .sla(Duration.ofDays(1))
                        .noWarning()
                        .escalateTo(EscalationTarget.role("head"))
                        .build()
                        .version())
                .isNotEqualTo(oneDay);
    }

    private static void refused(String fields, String message) {
        assertThatThrownBy(() -> read(fields))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }

    private static void refusedWhileReading(String fields, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(BASE + fields + "}", PolicyDefinition.class))
                .isInstanceOf(ValueInstantiationException.class)
                .rootCause()
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }

    @Test
    void a_deadline_beside_an_sla_is_refused() {
        refused(
                ", \"sla_hours\": 8, \"deadline\": {\"end_of_business_day\": 1}",
                "$.deadline: must not be given beside $.sla_hours, but was {\"end_of_business_day\": 1}");
    }

    @Test
    void a_deadline_with_both_kinds_or_neither_is_refused() {
        refused(
                ", \"deadline\": {\"end_of_business_day\": 1, \"next_business_day_at\": \"10:00\"}",
                "$.deadline: must hold one of end_of_business_day or next_business_day_at, but was"
                        + " {\"end_of_business_day\": 1, \"next_business_day_at\": \"10:00\"}");
        refused(
                ", \"deadline\": {}",
                "$.deadline: must hold one of end_of_business_day or next_business_day_at, but was {}");
    }

    @Test
    void zero_business_days_are_refused() {
        refused(
                ", \"deadline\": {\"end_of_business_day\": 0}",
                "$.deadline.end_of_business_day: must be a whole number of business days from 1 to 500, but was 0");
    }

    @Test
    void a_time_that_is_not_hh_mm_is_refused() {
        refused(
                ", \"deadline\": {\"next_business_day_at\": \"25:00\"}",
                "$.deadline.next_business_day_at: must be a time of day in whole minutes such as 10:00, but was '25:00'");
        refused(
                ", \"deadline\": {\"next_business_day_at\": \"10am\"}",
                "$.deadline.next_business_day_at: must be a time of day in whole minutes such as 10:00, but was '10am'");
    }

    @Test
    void a_time_outside_the_working_hours_of_one_region_is_refused_naming_that_calendar() {
        refused(
                ", \"deadline\": {\"next_business_day_at\": \"12:30\"}" + regions(""),
                "$.deadline.next_business_day_at: must lie after an opening and no later than a closing on every"
                        + " working day of the calendar at $.calendar_from.calendars.US (not so on MONDAY), but was"
                        + " '12:30'");
    }

    @Test
    void a_time_at_the_opening_is_refused_but_one_at_the_closing_is_not() throws Exception {
        refused(
                ", \"deadline\": {\"next_business_day_at\": \"09:00\"}, \"calendar\": " + BERLIN,
                "$.deadline.next_business_day_at: must lie after an opening and no later than a closing on every"
                        + " working day of the calendar at $.calendar (not so on MONDAY), but was '09:00'");
        assertThat(read(", \"deadline\": {\"next_business_day_at\": \"17:00\"}, \"calendar\": " + BERLIN)
                        .relativeDeadline())
                .isPresent();
    }

    @Test
    void an_unknown_field_of_a_deadline_is_refused_while_reading() {
        refusedWhileReading(
                ", \"deadline\": {\"end_of_business_days\": 2}",
                "$.deadline.end_of_business_days: is not a field of a deadline, but was 2");
    }

    @Test
    void calendar_from_beside_calendar_is_refused() {
        assertThatThrownBy(() -> read(", \"sla\": \"PT8H\", \"calendar\": " + BERLIN + regions("")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("$.calendar_from: must not be given beside $.calendar, but was ");
    }

    @Test
    void a_default_that_names_no_calendar_is_refused() {
        refused(
                ", \"sla\": \"PT8H\"" + regions(", \"default\": \"APAC\""),
                "$.calendar_from.default: must name one of the calendars at $.calendar_from.calendars, but was"
                        + " 'APAC'");
    }

    @Test
    void an_attribute_without_calendars_is_refused() {
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {\"attribute\": \"region\"}",
                "$.calendar_from.calendars: is required; give an object of calendars by name");
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {\"attribute\": \"region\", \"calendars\": {}}",
                "$.calendar_from.calendars: must name at least one calendar, but was {}");
    }

    @Test
    void attribute_beside_tenant_and_tenant_false_are_refused() {
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {\"attribute\": \"region\", \"tenant\": true, \"calendars\":"
                        + " {\"EU\": " + BERLIN + "}}",
                "$.calendar_from.tenant: must not be given beside $.calendar_from.attribute, but was true");
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {\"tenant\": false, \"calendars\": {\"EU\": " + BERLIN + "}}",
                "$.calendar_from.tenant: must be true; give attribute to pick the calendar by a task attribute, but"
                        + " was false");
    }

    @Test
    void a_blank_attribute_or_calendar_name_is_refused() {
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {\"attribute\": \" \", \"calendars\": {\"EU\": " + BERLIN
                        + "}}",
                "$.calendar_from.attribute: must not be blank, but was ' '");
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {\"attribute\": \"region\", \"calendars\": {\" \": " + BERLIN
                        + "}}",
                "$.calendar_from.calendars[' ']: must not be blank, but was ' '");
    }

    @Test
    void an_invalid_calendar_is_refused_while_reading_naming_its_path() {
        assertThatThrownBy(() -> MAPPER.readValue(
                        BASE + ", \"sla\": \"PT8H\", \"calendar_from\": {\"attribute\": \"region\", \"calendars\":"
                                + " {\"MARS\": {\"zone\": \"Mars/Olympus\"}}}}",
                        PolicyDefinition.class))
                .rootCause()
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("$.calendar_from.calendars.MARS: is not a valid calendar: ")
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void a_resolver_choice_without_a_registry_resolver_is_refused() {
        refused(
                ", \"sla\": \"PT8H\", \"calendar_from\": {}",
                "$.calendar_from: needs the host's CalendarResolver; define the policy with"
                        + " PolicyRegistry.builder().calendarResolver(...), but was {}");
    }

    @Test
    void a_registry_resolver_serves_a_json_policy_with_the_default_it_names() throws Exception {
        PolicyDefinition definition = MAPPER.readValue(
                BASE + ", \"sla\": \"PT8H\", \"calendar_from\": {\"calendars\": {\"EU\": " + BERLIN
                        + "}, \"default\": \"EU\"}}",
                PolicyDefinition.class);

        PolicyRegistry registry = PolicyRegistry.builder()
                .calendarResolver(task -> Optional.empty())
                .define(definition)
                .build();

        assertThat(registry.policies())
                .singleElement()
                .satisfies(policy -> assertThat(policy.calendarFrom())
                        .hasValueSatisfying(
                                choice -> assertThat(choice).isInstanceOf(CalendarChoice.ByResolver.class)));
    }

    @Test
    void in_code_a_time_outside_the_working_hours_is_refused_at_build_naming_the_day() {
        BusinessCalendar office = BusinessCalendar.fromJson(MAPPER.convertValue(
                Map.of("zone", "Europe/Berlin", "working_hours", Map.of("MONDAY", java.util.List.of("09:00-17:00"))),
                Map.class));

        assertThatThrownBy(() -> SlaPolicy.builder("A")
                        .calendar(office)
                        .deadline(RelativeDeadline.nextBusinessDayAt(LocalTime.of(8, 0)))
                        .escalateTo(EscalationTarget.role("head"))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("policy 'A': deadline nextBusinessDayAt must lie after an opening")
                .hasMessageContaining("08:00")
                .hasMessageContaining("MONDAY");
    }

    @Test
    void in_code_sla_and_deadline_together_are_refused() {
        assertThatThrownBy(() -> SlaPolicy.builder("A")
                        .sla(Duration.ofHours(8))
                        .deadline(RelativeDeadline.endOfBusinessDay(1))
                        .escalateTo(EscalationTarget.role("head"))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'A': set either sla (PT8H) or deadline (end of business day 1), not both");
    }

    @Test
    void in_code_a_default_that_names_no_calendar_is_refused() {
        BusinessCalendar berlin = BERLIN_OFFICE;

        assertThatThrownBy(() ->
                        CalendarChoice.attribute("region", Map.of("EU", berlin)).orDefault("US"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("calendarFrom default must name one of the calendars [EU], but was 'US'");
    }

    @Test
    void in_code_more_than_500_business_days_are_refused() {
        assertThatThrownBy(() -> RelativeDeadline.endOfBusinessDay(501))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("endOfBusinessDay must count 1 to 500 business days, but was 501");
    }
}
