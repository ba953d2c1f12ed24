package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JSON of acknowledgements and snoozes (issue #20): {@code acknowledge_timeout} and {@code max_snooze}. */
class PolicyAttentionJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "{\"stage_name\": \"A\", \"sla\": \"PT8H\", \"escalation_to\": \"head\"";

    private static SlaPolicy read(String fields) throws Exception {
        return MAPPER.readValue(BASE + fields + "}", PolicyDefinition.class).toPolicy();
    }

    @Test
    void acknowledge_timeout_and_max_snooze_are_read_as_durations() throws Exception {
        SlaPolicy policy = read(", \"acknowledge_timeout\": \"PT30M\", \"max_snooze_hours\": 4");

        assertThat(policy.acknowledgeTimeout()).contains(Duration.ofMinutes(30));
        assertThat(policy.maxSnooze()).contains(Duration.ofHours(4));
    }

    @Test
    void a_policy_without_them_holds_nothing_and_bounds_nothing() throws Exception {
        SlaPolicy policy = read("");

        assertThat(policy.acknowledgeTimeout()).isEmpty();
        assertThat(policy.maxSnooze()).isEmpty();
    }

    @Test
    void they_are_written_back_as_they_were_read() throws Exception {
        String json = BASE + ", \"acknowledge_timeout\": \"PT30M\", \"max_snooze_hours\": 4}";

        String written = MAPPER.writeValueAsString(MAPPER.readValue(json, PolicyDefinition.class));

        assertThat(written).contains("\"acknowledge_timeout\":\"PT30M\"").contains("\"max_snooze_hours\":4");
    }

    @Test
    void a_policy_written_from_code_reads_back_equal() throws Exception {
        SlaPolicy policy = read(", \"acknowledge_timeout\": \"PT30M\", \"max_snooze\": \"PT4H\"");

        SlaPolicy again = MAPPER.readValue(MAPPER.writeValueAsString(policy), SlaPolicy.class);

        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }

    @Test
    void a_negative_acknowledge_timeout_is_refused_naming_the_path_and_the_value() {
        assertThatThrownBy(() -> read(", \"acknowledge_timeout\": \"-PT30M\""))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("$.acknowledge_timeout: ")
                .hasMessageContaining("-PT30M");
    }

    @Test
    void a_max_snooze_in_hours_below_a_minute_is_refused_naming_the_path_and_the_value() {
        assertThatThrownBy(() -> read(", \"max_snooze_hours\": 0.001"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("$.max_snooze_hours: ")
                .hasMessageContaining("0.001");
    }

    @Test
    void a_max_snooze_that_is_not_a_duration_is_refused_while_reading() {
        assertThatThrownBy(() -> MAPPER.readValue(BASE + ", \"max_snooze\": true}", PolicyDefinition.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidPolicyException.class)
                .rootCause()
                .hasMessageStartingWith("$.max_snooze: ")
                .hasMessageContaining("true");
    }

    @Test
    void a_policy_that_does_not_use_them_keeps_its_version() {
        SlaPolicy plain = SlaPolicy.builder("A")
                .sla(Duration.ofHours(8))
                .escalateTo(EscalationTarget.role("head"))
                .build();

        assertThat(PolicyFingerprint.canonicalText(plain))
                .doesNotContain("acknowledge")
                .doesNotContain("snooze");
        assertThat(plain.toBuilder().build().version()).isEqualTo(plain.version());
    }

    @Test
    void each_of_them_is_part_of_the_version_when_set() {
        SlaPolicy.Builder plain =
                SlaPolicy.builder("A").sla(Duration.ofHours(8)).escalateTo(EscalationTarget.role("head"));
        String version = plain.build().version();

        assertThat(plain.acknowledgeTimeout(Duration.ofMinutes(30)).build().version())
                .isNotEqualTo(version);
        assertThat(SlaPolicy.builder("A")
                        .sla(Duration.ofHours(8))
                        .escalateTo(EscalationTarget.role("head"))
                        .maxSnooze(Duration.ofHours(4))
                        .build()
                        .version())
                .isNotEqualTo(version);
    }
}
