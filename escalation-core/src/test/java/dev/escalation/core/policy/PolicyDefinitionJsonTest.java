package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Policies read from and written to JSON with a plain {@code new ObjectMapper()}, no modules. */
class PolicyDefinitionJsonTest {

    private static final String SEED = """
            {"stage_name": "Manager Approval", "sla_hours": 24, "escalation_enabled": true, "escalation_to": "department_head"}""";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void the_original_stage_definition_loads_as_it_is() throws Exception {
        PolicyDefinition definition = mapper.readValue(SEED, PolicyDefinition.class);

        SlaPolicy policy = definition.toPolicy();

        assertThat(definition.stageName()).isEqualTo("Manager Approval");
        assertThat(definition.slaHours()).isEqualTo(24.0);
        assertThat(policy.name()).isEqualTo("Manager Approval");
        assertThat(policy.sla()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.warningWindow()).contains(Duration.ofHours(2));
        assertThat(policy.escalationEnabled()).isTrue();
        assertThat(policy.levels())
                .containsExactly(new EscalationLevel(1, EscalationTarget.role("department_head"), Duration.ZERO));
        assertThat(policy.reEscalateEvery()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void the_original_stage_definition_loads_straight_into_a_policy() throws Exception {
        SlaPolicy policy = mapper.readValue(SEED, SlaPolicy.class);

        assertThat(policy)
                .isEqualTo(mapper.readValue(SEED, PolicyDefinition.class).toPolicy());
    }

    @Test
    void a_file_of_stage_definitions_becomes_a_registry_keyed_by_stage() throws Exception {
        String file = """
                [{"stage_name": "Manager Approval", "sla_hours": 24, "escalation_enabled": true, "escalation_to": "department_head"},
                 {"stage_name": "Finance Review", "sla_hours": 48, "escalation_enabled": true, "escalation_to": "user:fiona"},
                 {"stage_name": "Archive", "sla_hours": 72, "escalation_enabled": false}]""";

        PolicyRegistry registry = PolicyRegistry.builder()
                .define(mapper.readValue(file, PolicyDefinition[].class))
                .build();

        assertThat(registry.policyFor(task("Manager Approval")))
                .hasValueSatisfying(p -> assertThat(p.sla()).isEqualTo(Duration.ofHours(24)));
        assertThat(registry.policyFor(task("Finance Review")))
                .hasValueSatisfying(p -> assertThat(p.levels())
                        .extracting(EscalationLevel::target)
                        .containsExactly(EscalationTarget.user("fiona")));
        assertThat(registry.policyFor(task("Archive")))
                .hasValueSatisfying(p -> assertThat(p.escalationEnabled()).isFalse());
        assertThat(registry.policyFor(task("Legal Review"))).isEmpty();
    }

    @Test
    void the_full_shape_sets_every_part_of_a_policy() throws Exception {
        String json = """
                {"name": "PO manager approval", "workflow_type": "purchase-order", "stage_name": "Manager Approval", "priority": "P1",
                 "sla": "PT24H", "warn_before": "PT3H", "remind_every": "PT4H", "max_reminders": 2,
                 "levels": [{"target": "role:department_head", "after": "PT0S"}, {"target": "role:director", "after_hours": 8}],
                 "re_escalate_every": "PT12H", "max_re_escalations": 2}""";

        PolicyDefinition definition = mapper.readValue(json, PolicyDefinition.class);
        SlaPolicy policy = definition.toPolicy();

        assertThat(definition.key())
                .isEqualTo(PolicyKey.stage("purchase-order", "Manager Approval").withPriority("P1"));
        assertThat(policy)
                .isEqualTo(SlaPolicy.builder("PO manager approval")
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(3))
                        .remindEvery(Duration.ofHours(4))
                        .maxReminders(2)
                        .escalateTo(EscalationTarget.role("department_head"), Duration.ZERO)
                        .escalateTo(EscalationTarget.role("director"), Duration.ofHours(8))
                        .reEscalateEvery(Duration.ofHours(12))
                        .maxReEscalations(2)
                        .build());
    }

    @Test
    void hours_may_be_fractional() throws Exception {
        SlaPolicy policy = read("""
                {"stage_name": "Quick", "sla_hours": 1.5, "warn_before_hours": 0.25, "escalation_to": "department_head"}""");

        assertThat(policy.sla()).isEqualTo(Duration.ofMinutes(90));
        assertThat(policy.warningWindow()).contains(Duration.ofMinutes(15));
    }

    @Test
    void a_warning_fraction_and_disabled_warnings_are_read() throws Exception {
        assertThat(read("""
                {"stage_name": "A", "sla_hours": 24, "warn_at": 0.75, "escalation_to": "department_head"}""").warningWindow()).contains(Duration.ofHours(6));
        assertThat(read("""
                {"stage_name": "A", "sla_hours": 24, "warning_enabled": false, "escalation_to": "department_head"}""").warningEnabled()).isFalse();
    }

    @Test
    void a_definition_without_a_name_or_stage_is_called_default() throws Exception {
        assertThat(read("{\"sla_hours\": 24, \"escalation_to\": \"department_head\"}")
                        .name())
                .isEqualTo("default");
    }

    @Test
    void a_negative_sla_is_rejected_naming_the_policy_the_field_and_the_value() {
        assertInvalid(
                "{\"stage_name\": \"Manager Approval\", \"sla_hours\": -5, \"escalation_to\": \"department_head\"}",
                "policy 'Manager Approval': sla must be positive, but was PT-5H");
    }

    @Test
    void a_duration_that_is_not_iso_8601_is_rejected_naming_the_field() {
        assertInvalid(
                "{\"stage_name\": \"Manager Approval\", \"sla\": \"24 hours\", \"escalation_to\": \"department_head\"}",
                "policy 'Manager Approval': sla must be an ISO-8601 duration such as PT24H, but was '24 hours'");
    }

    @Test
    void a_missing_sla_is_rejected() {
        assertInvalid(
                "{\"stage_name\": \"Manager Approval\", \"escalation_to\": \"department_head\"}",
                "policy 'Manager Approval': sla or sla_hours is required, but neither was given");
    }

    @Test
    void a_duration_given_twice_is_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla\": \"PT24H\", \"sla_hours\": 24, \"escalation_to\": \"department_head\"}",
                "policy 'A': give sla or sla_hours, not both");
    }

    @Test
    void an_absurd_number_of_hours_is_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 1e12, \"escalation_to\": \"department_head\"}",
                "policy 'A': sla_hours must be a finite number of hours, but was 1.0E12");
    }

    @Test
    void the_default_warning_longer_than_a_short_sla_is_rejected_with_advice() {
        assertInvalid(
                "{\"stage_name\": \"Quick\", \"sla_hours\": 1, \"escalation_to\": \"department_head\"}",
                "policy 'Quick': warnBefore must be shorter than sla PT1H, but was PT2H (the default; set warnBefore, warnAt or noWarning())");
    }

    @Test
    void a_warning_fraction_outside_zero_and_one_is_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"warn_at\": 1.5, \"escalation_to\": \"department_head\"}",
                "policy 'A': warnAt must be a fraction strictly between 0 and 1, but was 1.5");
    }

    /** Found by PolicyJsonFuzzTest on 3be7b26: the conflict was an IllegalStateException that no document named. */
    @Test
    void a_warning_window_beside_a_warning_fraction_is_rejected_as_an_invalid_policy() {
        assertInvalid(
                "{\"name\": \"Finance Review\", \"sla\": \"PT8H\", \"warn_at\": 0.75, \"warn_before_hours\": 2,"
                        + " \"escalation_to\": \"controller\"}",
                "policy 'Finance Review': set either warnBefore (PT2H) or warnAt (0.75), not both");
    }

    @Test
    void a_negative_reminder_cap_is_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"remind_every_hours\": 4, \"max_reminders\": -1, "
                        + "\"escalation_to\": \"department_head\"}",
                "policy 'A': maxReminders must not be negative, but was -1");
    }

    @Test
    void an_unknown_kind_of_target_is_rejected_naming_the_field() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"escalation_to\": \"group:finance\"}",
                "policy 'A': escalation_to is invalid: escalation target must be 'user:NAME', 'role:NAME' or a role name,"
                        + " but was 'group:finance'");
    }

    @Test
    void a_blank_level_target_is_rejected_naming_the_level() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"levels\": [{\"target\": \"department_head\"}, {\"target\": \" \"}]}",
                "policy 'A': levels[1].target is invalid: escalation target must not be blank, but was ' '");
    }

    @Test
    void a_level_delay_that_is_not_iso_8601_is_rejected_naming_the_level() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"levels\": [{\"target\": \"department_head\", \"after\": \"soon\"}]}",
                "policy 'A': levels[0].after must be an ISO-8601 duration such as PT24H, but was 'soon'");
    }

    @Test
    void an_empty_level_is_rejected_naming_it() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"levels\": [null]}",
                "policy 'A': levels[0] must not be null");
    }

    @Test
    void levels_going_backwards_are_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"levels\": [{\"target\": \"department_head\", \"after_hours\": 4},"
                        + " {\"target\": \"director\", \"after_hours\": 2}]}",
                "policy 'A': escalation level 2 afterDeadline must be later than level 1's PT4H, but was PT2H");
    }

    @Test
    void a_shorthand_target_and_a_chain_together_are_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"escalation_to\": \"department_head\", "
                        + "\"levels\": [{\"target\": \"director\"}]}",
                "policy 'A': give escalation_to or levels, not both");
    }

    @Test
    void escalation_enabled_without_a_target_is_rejected() {
        assertInvalid(
                "{\"stage_name\": \"A\", \"sla_hours\": 24, \"escalation_enabled\": true}",
                "policy 'A': escalation levels must not be empty while escalation is enabled, but was []");
    }

    @Test
    void a_value_of_the_wrong_type_is_rejected_naming_the_field() {
        assertThatThrownBy(() ->
                        mapper.readValue("{\"stage_name\": \"A\", \"sla_hours\": \"a day\"}", PolicyDefinition.class))
                .hasMessageContaining("sla_hours")
                .hasMessageContaining("a day");
    }

    @Test
    void a_misspelt_field_is_rejected_rather_than_ignored() {
        assertThatThrownBy(() -> mapper.readValue("{\"stage_name\": \"A\", \"sla_hourz\": 24}", PolicyDefinition.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("sla_hourz");
    }

    @Test
    void reading_a_bad_policy_directly_fails_with_the_policy_message_as_the_cause() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"stage_name\": \"A\", \"sla_hours\": 0, \"escalation_to\": \"x\"}", SlaPolicy.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidPolicyException.class)
                .hasRootCauseMessage("policy 'A': sla must be positive, but was PT0S");
    }

    @Test
    void a_policy_is_written_in_the_full_shape() throws Exception {
        SlaPolicy policy = SlaPolicy.builder("minimal")
                .sla(Duration.ofHours(24))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();

        assertThat(mapper.writeValueAsString(policy))
                .isEqualTo("{\"name\":\"minimal\",\"sla\":\"PT24H\",\"warn_before\":\"PT2H\","
                        + "\"escalation_enabled\":true,\"levels\":[{\"target\":\"role:department_head\",\"after\":\"PT0S\"}],"
                        + "\"re_escalate_every\":\"PT24H\"}");
    }

    @Test
    void a_full_policy_round_trips() throws Exception {
        SlaPolicy policy = SlaPolicy.builder("full")
                .sla(Duration.ofHours(36))
                .warnAt(0.8)
                .remindEvery(Duration.ofMinutes(90))
                .maxReminders(4)
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.user("dirk"), Duration.ofHours(8))
                .escalateTo(EscalationTarget.role("ceo"))
                .reEscalateEvery(Duration.ofHours(12))
                .maxReEscalations(5)
                .build();

        assertThat(roundTrip(policy)).isEqualTo(policy);
    }

    @Test
    void a_minimal_policy_round_trips() throws Exception {
        SlaPolicy policy = SlaPolicy.builder("minimal")
                .sla(Duration.ofHours(24))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();

        assertThat(roundTrip(policy)).isEqualTo(policy);
    }

    @Test
    void a_policy_without_warning_round_trips() throws Exception {
        SlaPolicy policy = SlaPolicy.builder("silent")
                .sla(Duration.ofHours(1))
                .noWarning()
                .escalateTo(EscalationTarget.user("dora"))
                .build();

        assertThat(roundTrip(policy)).isEqualTo(policy);
    }

    @Test
    void a_policy_with_escalation_disabled_round_trips_with_its_chain() throws Exception {
        SlaPolicy policy = SlaPolicy.builder("paused")
                .sla(Duration.ofHours(24))
                .escalateTo(EscalationTarget.role("department_head"))
                .escalationEnabled(false)
                .build();

        SlaPolicy read = roundTrip(policy);

        assertThat(read).isEqualTo(policy);
        assertThat(read.toBuilder().escalationEnabled(true).build().levels()).hasSize(1);
    }

    private SlaPolicy roundTrip(SlaPolicy policy) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(policy), SlaPolicy.class);
    }

    private SlaPolicy read(String json) throws Exception {
        return mapper.readValue(json, PolicyDefinition.class).toPolicy();
    }

    private void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }

    private static WorkflowTask task(String stage) {
        return WorkflowTask.builder("PO-1")
                .workflowType("purchase-order")
                .stage(stage)
                .assignee("alice")
                .slaStart(Instant.parse("2026-01-05T09:00:00Z"))
                .build();
    }
}
