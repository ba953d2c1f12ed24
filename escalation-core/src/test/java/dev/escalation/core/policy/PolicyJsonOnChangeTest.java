package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code on_change} in a JSON policy: what a new version of the policy does to the open tasks
 * planned under an older one (issue #16), {@code "replan"} (the default) or {@code "pin"}.
 */
class PolicyJsonOnChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String POLICY =
            "{\"stage_name\": \"Manager Approval\", \"sla_hours\": 24," + " \"escalation_to\": \"department_head\"";

    @Test
    void a_policy_that_says_pin_keeps_open_tasks_on_their_version() throws Exception {
        SlaPolicy policy = read(POLICY + ", \"on_change\": \"pin\"}").toPolicy();

        assertThat(policy.onChange()).isEqualTo(PolicyChange.PIN);
    }

    @Test
    void a_policy_that_says_replan_re_plans_open_tasks() throws Exception {
        SlaPolicy policy = read(POLICY + ", \"on_change\": \"replan\"}").toPolicy();

        assertThat(policy.onChange()).isEqualTo(PolicyChange.REPLAN);
    }

    @Test
    void a_policy_that_says_nothing_re_plans_open_tasks_as_one_built_in_code_does() throws Exception {
        PolicyDefinition definition = read(POLICY + "}");

        assertThat(definition.onChange()).isNull();
        assertThat(definition.toPolicy().onChange()).isEqualTo(PolicyChange.REPLAN);
    }

    @Test
    void an_unknown_change_is_refused_naming_the_path_and_the_value_as_written() {
        assertThatThrownBy(() -> read(POLICY + ", \"on_change\": \"PIN\"}").toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("$.on_change: must be 'replan' or 'pin', but was 'PIN'");
    }

    @Test
    void a_change_that_is_not_text_is_refused_while_reading() {
        assertThatThrownBy(() -> read(POLICY + ", \"on_change\": true}"))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidPolicyException.class)
                .hasRootCauseMessage("$.on_change: must be a string, but was true");
    }

    @Test
    void a_bad_change_in_a_file_of_policies_names_the_policy_s_place_in_the_file() {
        assertThatThrownBy(() -> PolicyRegistry.builder()
                        .define(MAPPER.readValue(
                                "[" + POLICY
                                        + "}, {\"stage_name\": \"Legal\", \"sla_hours\": 8, \"escalation_to\": \"boss\","
                                        + " \"on_change\": \"keep\"}]",
                                PolicyDefinition[].class))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("$[1].on_change: must be 'replan' or 'pin', but was 'keep'");
    }

    @Test
    void a_definition_writes_its_change_back_as_it_was_written() throws Exception {
        for (String change : new String[] {"pin", "replan"}) {
            PolicyDefinition definition = read(POLICY + ", \"on_change\": \"" + change + "\"}");

            String written = MAPPER.writeValueAsString(definition);

            assertThat(written).endsWith(",\"on_change\":\"" + change + "\"}");
            assertThat(read(written)).isEqualTo(definition);
        }
    }

    @Test
    void a_pinning_policy_writes_pin_and_one_that_re_plans_leaves_the_default_out() throws Exception {
        SlaPolicy replan = read(POLICY + "}").toPolicy();
        SlaPolicy pin = replan.toBuilder().onChange(PolicyChange.PIN).build();

        assertThat(MAPPER.writeValueAsString(pin)).contains("\"on_change\":\"pin\"");
        assertThat(MAPPER.writeValueAsString(replan)).doesNotContain("on_change");
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(pin), SlaPolicy.class))
                .isEqualTo(pin);
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(replan), SlaPolicy.class))
                .isEqualTo(replan);
    }

    @Test
    void on_change_is_not_part_of_the_version_for_it_does_not_change_how_a_task_is_planned() throws Exception {
        SlaPolicy replan = read(POLICY + ", \"on_change\": \"replan\"}").toPolicy();
        SlaPolicy pin = read(POLICY + ", \"on_change\": \"pin\"}").toPolicy();
        SlaPolicy shorter = read("{\"stage_name\": \"Manager Approval\", \"sla_hours\": 8,"
                        + " \"escalation_to\": \"department_head\", \"on_change\": \"pin\"}")
                .toPolicy();

        assertThat(pin.version()).isEqualTo(replan.version());
        assertThat(pin).isNotEqualTo(replan);
        assertThat(shorter.sla()).isEqualTo(Duration.ofHours(8));
        assertThat(shorter.version()).isNotEqualTo(pin.version());
    }

    private static PolicyDefinition read(String json) throws Exception {
        return MAPPER.readValue(json, PolicyDefinition.class);
    }
}
