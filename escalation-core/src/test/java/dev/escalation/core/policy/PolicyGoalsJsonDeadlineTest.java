package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** A goal's {@code deadline} by business days in JSON (issue #20): read, written back, faults named by path. */
class PolicyGoalsJsonDeadlineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CALENDAR = """
            "calendar": {"zone": "Europe/Berlin", "working_hours": {"MONDAY": ["09:00-17:00"],
               "TUESDAY": ["09:00-17:00"], "WEDNESDAY": ["09:00-17:00"], "THURSDAY": ["09:00-17:00"],
               "FRIDAY": ["09:00-17:00"]}},
            """;

    private static String policyWithGoals(String response, String resolution) {
        return "{\"name\": \"Service Request\", " + CALENDAR + " \"goals\": [" + response + ", " + resolution + "]}";
    }

    private static final String TWO_RELATIVE_GOALS = policyWithGoals(
            "{\"name\": \"response\", \"deadline\": {\"next_business_day_at\": \"10:00\"},"
                    + " \"escalation_to\": \"role:team_lead\"}",
            "{\"name\": \"resolution\", \"deadline\": {\"end_of_business_day\": 2}, \"warn_at\": 0.5,"
                    + " \"escalation_to\": \"role:department_head\"}");

    @Test
    void a_goals_deadline_is_read_by_business_days() throws Exception {
        SlaPolicy policy =
                MAPPER.readValue(TWO_RELATIVE_GOALS, PolicyDefinition.class).toPolicy();

        assertThat(policy.goal("response").orElseThrow().schedule().relativeDeadline())
                .contains(RelativeDeadline.nextBusinessDayAt(LocalTime.of(10, 0)));
        assertThat(policy.goal("resolution").orElseThrow().schedule().relativeDeadline())
                .contains(RelativeDeadline.endOfBusinessDay(2));
    }

    @Test
    void a_goals_deadline_is_written_back_and_read_again_equal() throws Exception {
        SlaPolicy policy =
                MAPPER.readValue(TWO_RELATIVE_GOALS, PolicyDefinition.class).toPolicy();

        String written = MAPPER.writeValueAsString(policy);
        SlaPolicy again = MAPPER.readValue(written, SlaPolicy.class);

        assertThat(written).contains("\"deadline\":{\"end_of_business_day\":2}");
        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }

    @Test
    void a_goals_deadline_out_of_range_is_refused_naming_its_path() {
        refused(
                policyWithGoals(
                        "{\"name\": \"response\", \"sla\": \"PT4H\", \"escalation_to\": \"lead\"}",
                        "{\"name\": \"resolution\", \"deadline\": {\"end_of_business_day\": 0},"
                                + " \"escalation_to\": \"lead\"}"),
                "$.goals[1].deadline.end_of_business_day: must be a whole number of business days from 1 to "
                        + RelativeDeadline.MAX_BUSINESS_DAYS + ", but was 0");
    }

    @Test
    void a_goal_with_both_sla_and_deadline_is_refused_naming_its_path() {
        assertThatThrownBy(() -> MAPPER.readValue(
                                policyWithGoals(
                                        "{\"name\": \"response\", \"sla\": \"PT4H\", \"escalation_to\": \"lead\"}",
                                        "{\"name\": \"resolution\", \"sla\": \"PT8H\","
                                                + " \"deadline\": {\"end_of_business_day\": 2},"
                                                + " \"escalation_to\": \"lead\"}"),
                                PolicyDefinition.class)
                        .toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("$.goals[1].deadline: ")
                .hasMessageContaining("$.goals[1].sla");
    }

    @Test
    void a_goals_next_business_day_time_outside_working_hours_is_refused_naming_its_path() {
        assertThatThrownBy(() -> MAPPER.readValue(
                                policyWithGoals(
                                        "{\"name\": \"response\", \"deadline\": {\"next_business_day_at\": \"08:00\"},"
                                                + " \"escalation_to\": \"lead\"}",
                                        "{\"name\": \"resolution\", \"sla\": \"PT8H\", \"escalation_to\": \"lead\"}"),
                                PolicyDefinition.class)
                        .toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("$.goals[0].deadline.next_business_day_at: must lie after an opening and no later than a"
                        + " closing on every working day of the calendar at $.calendar (not so on MONDAY),"
                        + " but was '08:00'");
    }

    @Test
    void a_goals_next_business_day_time_is_checked_on_each_calendar_of_calendar_from_naming_it() {
        String json = """
                {"name": "Support",
                 "calendar_from": {"attribute": "region", "calendars": {
                   "EU": {"zone": "Europe/Berlin", "working_hours": {"MONDAY": ["09:00-17:00"]}},
                   "US": {"zone": "America/New_York", "working_hours": {"MONDAY": ["10:00-18:00"]}}}},
                 "goals": [{"name": "response", "deadline": {"next_business_day_at": "09:30"},
                            "escalation_to": "lead"}]}
                """;

        refused(
                json,
                "$.goals[0].deadline.next_business_day_at: must lie after an opening and no later than a closing on"
                        + " every working day of the calendar at $.calendar_from.calendars.US (not so on MONDAY),"
                        + " but was '09:30'");
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(json, PolicyDefinition.class).toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }
}
