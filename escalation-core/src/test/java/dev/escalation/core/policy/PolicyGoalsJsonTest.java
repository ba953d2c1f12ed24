package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code goals} of a policy in JSON: read, written back, and every fault named by path and value. */
class PolicyGoalsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TWO_GOALS = """
            {"name": "Service Request", "workflow_type": "service-request",
             "calendar": {"zone": "Europe/Berlin", "working_hours": {"MONDAY": ["09:00-17:00"],
               "TUESDAY": ["09:00-17:00"], "WEDNESDAY": ["09:00-17:00"], "THURSDAY": ["09:00-17:00"],
               "FRIDAY": ["09:00-17:00"]}},
             "goals": [
               {"name": "response", "sla": "PT4H", "warn_before": "PT1H", "escalation_to": "role:team_lead",
                "met_by": ["reassignment"]},
               {"name": "resolution", "sla_hours": 24, "remind_every": "PT4H",
                "levels": [{"target": "role:department_head"}, {"target": "role:director", "after": "PT8H"}]}
             ]}
            """;

    @Test
    void goals_are_read_with_their_own_schedules_on_the_policys_calendar() throws Exception {
        SlaPolicy policy = MAPPER.readValue(TWO_GOALS, PolicyDefinition.class).toPolicy();

        assertThat(policy.goals()).extracting(Goal::name).containsExactly("response", "resolution");
        Goal response = policy.goal("response").orElseThrow();
        assertThat(response.schedule().sla()).isEqualTo(Duration.ofHours(4));
        assertThat(response.schedule().warningWindow()).contains(Duration.ofHours(1));
        assertThat(response.metBy()).isEqualTo(Set.of(GoalEvent.REASSIGNMENT));
        assertThat(response.schedule().calendar()).isEqualTo(policy.calendar());
        Goal resolution = policy.goal("resolution").orElseThrow();
        assertThat(resolution.schedule().levels()).hasSize(2);
        assertThat(resolution.schedule().remindEvery()).contains(Duration.ofHours(4));
        assertThat(policy.sla()).as("the longest goal's").isEqualTo(Duration.ofHours(24));
    }

    @Test
    void a_policy_with_goals_is_written_back_as_it_was_read() throws Exception {
        SlaPolicy policy = MAPPER.readValue(TWO_GOALS, PolicyDefinition.class).toPolicy();

        String written = MAPPER.writeValueAsString(policy);
        SlaPolicy again = MAPPER.readValue(written, SlaPolicy.class);

        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }

    @Test
    void goals_change_the_policy_version_and_a_policy_without_goals_keeps_its_version() throws Exception {
        SlaPolicy plain = MAPPER.readValue(
                        "{\"name\": \"A\", \"sla\": \"PT4H\", \"escalation_to\": \"role:lead\"}",
                        PolicyDefinition.class)
                .toPolicy();
        SlaPolicy sameAgain = SlaPolicy.builder("A")
                .sla(Duration.ofHours(4))
                .escalateTo(EscalationTarget.role("lead"))
                .build();

        assertThat(PolicyFingerprint.canonicalText(plain)).doesNotContain("goal");
        assertThat(plain.version()).isEqualTo(sameAgain.version());
        assertThat(MAPPER.readValue(TWO_GOALS, PolicyDefinition.class)
                        .toPolicy()
                        .version())
                .isNotEqualTo(plain.version());
    }

    @Test
    void a_goal_without_a_name_is_refused() {
        refused(
                "{\"name\": \"S\", \"goals\": [{\"sla\": \"PT4H\", \"escalation_to\": \"lead\"}]}",
                "$.goals[0].name: is required; give the goal's name, e.g. \"response\"");
    }

    @Test
    void a_goal_name_with_a_space_is_refused() {
        refused(
                "{\"name\": \"S\", \"goals\": [{\"name\": \"first response\", \"sla\": \"PT4H\", \"escalation_to\": \"lead\"}]}",
                "$.goals[0].name: must be a letter followed by at most 39 letters, digits, '_' or '-',"
                        + " but was 'first response'");
    }

    @Test
    void a_goal_named_twice_is_refused() {
        refused(
                "{\"name\": \"S\", \"goals\": [{\"name\": \"response\", \"sla\": \"PT4H\", \"escalation_to\": \"lead\"},"
                        + " {\"name\": \"response\", \"sla\": \"PT8H\", \"escalation_to\": \"lead\"}]}",
                "$.goals[1].name: must not name a goal twice (also at $.goals[0].name), but was 'response'");
    }

    @Test
    void a_goal_schedule_fault_names_the_goals_path() {
        refused(
                "{\"name\": \"S\", \"goals\": [{\"name\": \"response\", \"sla\": \"PT4H\", \"escalation_to\": \"lead\"},"
                        + " {\"name\": \"resolution\", \"sla_hours\": -5, \"escalation_to\": \"lead\"}]}",
                "$.goals[1].sla_hours: must be positive, but was -5");
    }

    @Test
    void an_unknown_event_is_refused_naming_the_known_ones() {
        refused(
                "{\"name\": \"S\", \"goals\": [{\"name\": \"response\", \"sla\": \"PT4H\", \"escalation_to\": \"lead\","
                        + " \"met_by\": [\"acknowledgment\"]}]}",
                "$.goals[0].met_by[0]: must be one of 'reassignment', 'acknowledgement', but was 'acknowledgment'");
    }

    @Test
    void a_goal_keeps_its_several_warning_thresholds() {
        SlaPolicy severalWarnings = SlaPolicy.builder("response")
                .sla(Duration.ofHours(4))
                .escalateTo(EscalationTarget.role("team_lead"))
                .warnings(List.of(WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.at(0.75))))
                .build();

        SlaPolicy policy = SlaPolicy.builder("S")
                .goal(new Goal("response", severalWarnings))
                .build();

        assertThat(policy.goal("response").orElseThrow().schedule().warningThresholds())
                .isEqualTo(severalWarnings.warningThresholds());
    }

    @Test
    void a_goal_met_by_acknowledgement_is_read_and_written_back() throws Exception {
        SlaPolicy policy = MAPPER.readValue(
                        "{\"name\": \"S\", \"acknowledge_timeout\": \"PT30M\", \"goals\": [{\"name\": \"response\","
                                + " \"sla\": \"PT4H\", \"escalation_to\": \"lead\", \"met_by\": [\"acknowledgement\"]}]}",
                        PolicyDefinition.class)
                .toPolicy();

        assertThat(policy.goal("response").orElseThrow().metBy()).isEqualTo(Set.of(GoalEvent.ACKNOWLEDGEMENT));
        assertThat(policy.acknowledgeTimeout()).contains(Duration.ofMinutes(30));
        assertThat(MAPPER.writeValueAsString(policy)).contains("\"met_by\":[\"acknowledgement\"]");
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(policy), SlaPolicy.class))
                .isEqualTo(policy);
    }

    @Test
    void a_schedule_of_the_policys_own_beside_goals_is_refused() {
        refused(
                "{\"name\": \"S\", \"sla\": \"PT8H\", \"goals\": [{\"name\": \"response\", \"sla\": \"PT4H\","
                        + " \"escalation_to\": \"lead\"}]}",
                "$.sla: must not be given beside $.goals (give it in each goal), but was 'PT8H'");
    }

    @Test
    void a_scope_field_inside_a_goal_is_refused_while_reading() {
        String message = "$.goals[0].stage_name: is not a field of a goal, but was 'Triage'";
        assertThatThrownBy(() -> MAPPER.readValue(
                        "{\"name\": \"S\", \"goals\": [{\"name\": \"response\", \"sla\": \"PT4H\","
                                + " \"stage_name\": \"Triage\"}]}",
                        PolicyDefinition.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidPolicyException.class)
                .hasRootCauseMessage(message);
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(json, PolicyDefinition.class).toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }
}
