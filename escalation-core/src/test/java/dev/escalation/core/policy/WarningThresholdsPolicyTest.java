package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.escalation.core.notification.NotificationType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A policy's several warning thresholds (issue 20) in code and in JSON: checked with the field or
 * JSON path and the value, written back as read, and leaving every policy that does not use them
 * with the version it had.
 */
class WarningThresholdsPolicyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HEAD = "{\"stage_name\": \"A\", \"sla\": \"PT8H\", \"escalation_to\": \"boss\", ";

    private static SlaPolicy.Builder review() {
        return SlaPolicy.builder("Review").sla(Duration.ofHours(8)).escalateTo(EscalationTarget.role("boss"));
    }

    @Test
    void a_policy_with_one_plain_threshold_is_the_policy_with_its_single_warning_down_to_its_version() {
        SlaPolicy single = review().warnBefore(Duration.ofHours(2)).build();
        SlaPolicy threshold = review().warnings(List.of(WarningThreshold.of(Warning.before(Duration.ofHours(2)))))
                .build();

        assertThat(threshold).isEqualTo(single);
        assertThat(threshold.version()).isEqualTo(single.version());
    }

    @Test
    void a_policy_without_thresholds_keeps_the_version_it_had_before_them() {
        // The version this policy had before issue 20: it must not move, or every open task would be re-planned.
        assertThat(review().warnBefore(Duration.ofHours(2)).build().version()).isEqualTo("b1f5aa9a42dc");
    }

    @Test
    void a_second_threshold_changes_the_version() {
        SlaPolicy one = review().warnAt(0.5).build();
        SlaPolicy two = review().warnings(
                        List.of(WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.at(0.75))))
                .build();

        assertThat(two.version()).isNotEqualTo(one.version());
    }

    @Test
    void thresholds_are_ordered_by_when_they_fall_due_for_the_task_s_sla() {
        SlaPolicy policy = review().warnings(List.of(
                        WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.before(Duration.ofHours(3)))))
                .build();

        // 8 h: 3 h before is at 5 h, after 50 % at 4 h; 4 h: 3 h before is at 1 h, before 50 % at 2 h.
        assertThat(policy.warningThresholds(Duration.ofHours(8)))
                .extracting(WarningThreshold::toString)
                .containsExactly("at 0.5", "before PT3H");
        assertThat(policy.warningThresholds(Duration.ofHours(4)))
                .extracting(WarningThreshold::toString)
                .containsExactly("before PT3H", "at 0.5");
    }

    @Test
    void thresholds_set_after_warn_before_replace_it_so_a_copied_policy_can_add_thresholds() {
        List<WarningThreshold> thresholds =
                List.of(WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.at(0.75)));

        SlaPolicy policy = review().warnBefore(Duration.ofHours(1)).build().toBuilder()
                .warnings(thresholds)
                .build();

        assertThat(policy.warningThresholds()).isEqualTo(thresholds);
    }

    @Test
    void warn_before_set_after_thresholds_replaces_them() {
        SlaPolicy policy = review().warnings(
                        List.of(WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.at(0.75))))
                .warnBefore(Duration.ofHours(1))
                .build();

        assertThat(policy).isEqualTo(review().warnBefore(Duration.ofHours(1)).build());
    }

    @Test
    void a_threshold_window_as_long_as_the_sla_is_refused_in_code() {
        assertThatThrownBy(() -> review().warnings(List.of(
                                WarningThreshold.of(Warning.at(0.5)),
                                WarningThreshold.of(Warning.before(Duration.ofHours(8)))))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Review': warnings threshold 2 must be shorter than sla PT8H, but was PT8H");
    }

    @Test
    void an_empty_list_of_thresholds_is_refused_in_code() {
        assertThatThrownBy(() -> review().warnings(List.of()))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "policy 'Review': warnings must hold at least one threshold (noWarning() for none), but was []");
    }

    @Test
    void a_threshold_with_an_escalation_type_is_refused() {
        assertThatThrownBy(() -> WarningThreshold.of(Warning.at(0.5))
                        .notifying(NotificationType.ESCALATION, EscalationTarget.role("lead")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("warning threshold type must be WARNING or REMINDER, but was ESCALATION");
    }

    @Test
    void thresholds_read_from_json_with_their_types_and_recipients() throws Exception {
        SlaPolicy policy = MAPPER.readValue(
                        HEAD + "\"warnings\": [{\"at\": 0.5}, {\"before_hours\": 1, \"type\": \"REMINDER\","
                                + " \"to\": \"role:lead\"}]}",
                        PolicyDefinition.class)
                .toPolicy();

        assertThat(policy.warningThresholds())
                .containsExactly(
                        WarningThreshold.of(Warning.at(0.5)),
                        new WarningThreshold(
                                Warning.before(Duration.ofHours(1)),
                                NotificationType.REMINDER,
                                Optional.of(EscalationTarget.role("lead"))));
    }

    @Test
    void thresholds_write_back_as_they_were_read() throws Exception {
        String json = HEAD + "\"warnings\": [{\"at\": 0.5}, {\"before_hours\": 1, \"type\": \"REMINDER\","
                + " \"to\": \"role:lead\"}, {\"before\": \"PT30M\", \"to\": \"assignee\"}]}";
        PolicyDefinition read = MAPPER.readValue(json, PolicyDefinition.class);

        PolicyDefinition again = MAPPER.readValue(MAPPER.writeValueAsString(read), PolicyDefinition.class);

        assertThat(again).isEqualTo(read);
        assertThat(again.toPolicy()).isEqualTo(read.toPolicy());
    }

    @Test
    void a_policy_with_thresholds_writes_a_definition_that_builds_the_same_policy() throws Exception {
        SlaPolicy policy = review().warnings(List.of(
                        WarningThreshold.of(Warning.at(0.5)),
                        WarningThreshold.of(Warning.at(0.9))
                                .notifying(NotificationType.WARNING, EscalationTarget.user("lena"))))
                .build();

        SlaPolicy again = MAPPER.readValue(MAPPER.writeValueAsString(policy), SlaPolicy.class);

        assertThat(again).isEqualTo(policy);
        assertThat(again.version()).isEqualTo(policy.version());
    }

    @Test
    void thresholds_beside_warn_at_are_refused_with_both_paths() {
        refused(
                HEAD + "\"warn_at\": 0.5, \"warnings\": [{\"at\": 0.75}]}",
                "$.warn_at: must not be given beside $.warnings, but was 0.5");
    }

    @Test
    void an_empty_warnings_array_is_refused() {
        refused(
                HEAD + "\"warnings\": []}",
                "$.warnings: must hold at least one threshold; for no warning say \"warning_enabled\": false, but was []");
    }

    @Test
    void a_threshold_without_a_point_is_refused() {
        refused(
                HEAD + "\"warnings\": [{\"at\": 0.5}, {\"type\": \"REMINDER\"}]}",
                "$.warnings[1].before: is required; give before, before_hours or at");
    }

    @Test
    void a_threshold_with_both_points_is_refused() {
        refused(
                HEAD + "\"warnings\": [{\"before\": \"PT1H\", \"at\": 0.5}]}",
                "$.warnings[0].before: must not be given beside $.warnings[0].at, but was 'PT1H'");
    }

    @Test
    void a_threshold_fraction_of_one_is_refused() {
        refused(
                HEAD + "\"warnings\": [{\"at\": 1}]}",
                "$.warnings[0].at: must be a fraction strictly between 0 and 1, but was 1");
    }

    @Test
    void a_threshold_window_longer_than_a_priority_s_sla_is_refused() {
        refused(
                HEAD + "\"sla_by_priority\": {\"P1\": \"PT2H\"}, \"warnings\": [{\"before_hours\": 3}]}",
                "$.warnings[0].before_hours: must be shorter than the SLA at $.sla_by_priority.P1, but was 3");
    }

    @Test
    void an_unknown_threshold_type_is_refused() {
        refused(
                HEAD + "\"warnings\": [{\"at\": 0.5, \"type\": \"ESCALATION\"}]}",
                "$.warnings[0].type: must be 'WARNING' or 'REMINDER', but was 'ESCALATION'");
    }

    @Test
    void an_unknown_threshold_recipient_is_refused() {
        refused(
                HEAD + "\"warnings\": [{\"at\": 0.5, \"to\": \"group:finance\"}]}",
                "$.warnings[0].to: must be 'assignee', 'user:NAME', 'role:NAME' or a role name, but was 'group:finance'");
    }

    @Test
    void an_unknown_threshold_field_is_refused_while_reading() {
        assertThatThrownBy(() ->
                        MAPPER.readValue(HEAD + "\"warnings\": [{\"at\": 0.5, \"pct\": 50}]}", PolicyDefinition.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidPolicyException.class)
                .hasRootCauseMessage("$.warnings[0].pct: is not a field of a warning threshold, but was 50");
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(json, PolicyDefinition.class).toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }
}
