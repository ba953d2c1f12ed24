package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.notification.NotificationType;
import org.junit.jupiter.api.Test;

/** A goal's several {@code warnings} in JSON (issue #20): read, written back, faults named by path and value. */
class PolicyGoalsJsonWarningsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String goalWithWarnings(String warnings) {
        return "{\"name\": \"Service Request\", \"goals\": ["
                + "{\"name\": \"response\", \"sla\": \"PT4H\", \"escalation_to\": \"role:team_lead\"},"
                + "{\"name\": \"resolution\", \"sla\": \"PT24H\", \"escalation_to\": \"role:department_head\","
                + " \"warnings\": " + warnings + "}]}";
    }

    private static final String TWO_THRESHOLDS = goalWithWarnings(
            "[{\"at\": 0.5}, {\"at\": 0.75, \"type\": \"REMINDER\", \"to\": \"role:department_head\"}]");

    @Test
    void a_goals_warnings_are_read_as_its_thresholds() throws Exception {
        SlaPolicy policy =
                MAPPER.readValue(TWO_THRESHOLDS, PolicyDefinition.class).toPolicy();

        SlaPolicy resolution = policy.goal("resolution").orElseThrow().schedule();
        assertThat(resolution.warningThresholds())
                .containsExactly(
                        WarningThreshold.of(Warning.at(0.5)),
                        WarningThreshold.of(Warning.at(0.75))
                                .notifying(NotificationType.REMINDER, EscalationTarget.role("department_head")));
    }

    @Test
    void a_goals_warnings_are_written_back_and_read_again_equal() throws Exception {
        SlaPolicy policy =
                MAPPER.readValue(TWO_THRESHOLDS, PolicyDefinition.class).toPolicy();

        String written = MAPPER.writeValueAsString(policy);
        SlaPolicy again = MAPPER.readValue(written, SlaPolicy.class);

        assertThat(written).contains("\"warnings\":[");
        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }

    @Test
    void a_goals_threshold_out_of_range_is_refused_naming_its_path() {
        assertThatThrownBy(
                        () -> MAPPER.readValue(goalWithWarnings("[{\"at\": 0.5}, {\"at\": 1}]"), PolicyDefinition.class)
                                .toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("$.goals[1].warnings[1].at: must be a fraction strictly between 0 and 1, but was 1");
    }
}
