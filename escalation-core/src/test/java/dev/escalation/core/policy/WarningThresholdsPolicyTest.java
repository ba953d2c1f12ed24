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

    @Test
    void thresholds_beside_warn_before_are_refused_with_both_paths() {
        refused(
                HEAD + "\"warn_before_hours\": 1, \"warnings\": [{\"at\": 0.75}]}",
                "$.warn_before_hours: must not be given beside $.warnings, but was 1");
    }

    @Test
    void thresholds_beside_warning_enabled_are_refused_with_both_paths() {
        refused(
                HEAD + "\"warning_enabled\": false, \"warnings\": [{\"at\": 0.75}]}",
                "$.warning_enabled: must not be given beside $.warnings, but was false");
    }

    @Test
    void more_than_500_thresholds_are_refused() {
        String thresholds = String.join(", ", java.util.Collections.nCopies(501, "{\"at\": 0.5}"));
        refused(
                HEAD + "\"warnings\": [" + thresholds + "]}",
                "$.warnings: must hold at most 500 thresholds, but was 501");
    }

    @Test
    void a_blank_threshold_recipient_is_refused() {
        refused(
                HEAD + "\"warnings\": [{\"at\": 0.5, \"to\": \" \"}]}",
                "$.warnings[0].to: must not be blank, but was ' '");
    }

    @Test
    void a_threshold_window_as_long_as_the_sla_in_hours_is_refused_naming_sla_hours() {
        refused(
                "{\"stage_name\": \"A\", \"sla_hours\": 8, \"escalation_to\": \"boss\", \"warnings\": [{\"before\": \"PT8H\"}]}",
                "$.warnings[0].before: must be shorter than the SLA at $.sla_hours, but was 'PT8H'");
    }

    @Test
    void a_null_threshold_in_a_definition_built_in_code_is_refused() {
        PolicyDefinition definition = new PolicyDefinition(
                "A",
                null,
                new PolicyDefinition.Sla(JsonDuration.iso("PT8H"), null),
                null,
                null,
                new PolicyDefinition.ChainDefinition(null, "boss", null, null, null),
                null,
                null,
                null,
                null,
                null,
                java.util.Arrays.asList((ThresholdDefinition) null));

        assertThatThrownBy(definition::toPolicy)
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("$.warnings[0]: must not be null, but was null");
    }

    @Test
    void the_default_type_and_recipient_written_out_make_a_plain_threshold() throws Exception {
        SlaPolicy policy = MAPPER.readValue(
                        HEAD + "\"warnings\": [{\"at\": 0.5, \"type\": \"WARNING\", \"to\": \"assignee\"}]}",
                        PolicyDefinition.class)
                .toPolicy();

        assertThat(policy.version()).isEqualTo(review().warnAt(0.5).build().version());
        assertThat(policy.warningThresholds()).containsExactly(WarningThreshold.of(Warning.at(0.5)));
    }

    @Test
    void no_warning_is_no_threshold() {
        assertThatThrownBy(() -> WarningThreshold.of(Warning.none()))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "warning threshold must be a time before the deadline or a fraction of the SLA, but was none");
        assertThat(review().noWarning().build().warningThresholds()).isEmpty();
    }

    @Test
    void a_threshold_without_a_type_is_refused() {
        assertThatThrownBy(() -> new WarningThreshold(Warning.at(0.5), null, Optional.empty()))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("warning threshold type must not be null");
    }

    @Test
    void a_null_threshold_or_too_many_are_refused_in_code() {
        assertThatThrownBy(() -> review().warnings(java.util.Arrays.asList(WarningThreshold.of(Warning.at(0.5)), null)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Review': warnings threshold 2 must not be null");
        assertThatThrownBy(() ->
                        review().warnings(java.util.Collections.nCopies(501, WarningThreshold.of(Warning.at(0.5)))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Review': warnings must be at most 500 thresholds, but were 501");
    }

    @Test
    void a_threshold_window_longer_than_a_priority_s_sla_is_refused_in_code() {
        assertThatThrownBy(() -> review().slaForPriority("P1", Duration.ofHours(1))
                        .warnings(List.of(
                                WarningThreshold.of(Warning.at(0.5)),
                                WarningThreshold.of(Warning.before(Duration.ofHours(2)))))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "policy 'Review': warnings threshold 2 must be shorter than the sla PT1H of priority P1, but was PT2H");
    }

    @Test
    void a_threshold_reads_as_its_point_type_and_recipient() {
        assertThat(WarningThreshold.of(Warning.before(Duration.ofHours(1)))
                        .notifying(NotificationType.REMINDER, EscalationTarget.user("lena"))
                        .toString())
                .isEqualTo("before PT1H REMINDER user:lena");
        assertThat(new WarningThreshold(Warning.at(0.5), NotificationType.REMINDER, Optional.empty()).toString())
                .isEqualTo("at 0.5 REMINDER assignee");
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(json, PolicyDefinition.class).toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }
}
