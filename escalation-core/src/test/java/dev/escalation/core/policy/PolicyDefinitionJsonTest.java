package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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

        assertThat(definition.scope().stageName()).isEqualTo("Manager Approval");
        assertThat(definition.sla().target()).isEqualTo(JsonDuration.hours(24));
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
    void a_duration_field_takes_a_number_of_hours_as_well_as_iso_8601() throws Exception {
        SlaPolicy policy = read("""
                {"stage_name": "Quick", "sla": 36, "warn_before": 1.5, "levels": [{"target": "boss", "after": "PT2H"}]}""");

        assertThat(policy.sla()).isEqualTo(Duration.ofHours(36));
        assertThat(policy.warningWindow()).contains(Duration.ofMinutes(90));
        assertThat(policy.levels().get(0).afterDeadline()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void a_definition_is_written_back_as_it_was_read() throws Exception {
        String json = "{\"name\":\"A\",\"stage_name\":\"A\",\"sla_hours\":24,\"warn_before\":1.5,"
                + "\"levels\":[{\"target\":\"boss\",\"after_hours\":0},{\"target\":\"user:cleo\",\"after\":\"PT8H\"}],"
                + "\"re_escalate_every\":\"P1D\",\"sla_hours_by_priority\":{\"P1\":4}}";

        PolicyDefinition definition = mapper.readValue(json, PolicyDefinition.class);

        assertThat(mapper.writeValueAsString(definition)).isEqualTo(json);
        assertThat(mapper.readValue(mapper.writeValueAsString(definition), PolicyDefinition.class))
                .isEqualTo(definition);
    }

    @Test
    void a_definition_says_which_tasks_it_governs_or_that_it_is_the_default() throws Exception {
        PolicyDefinition stage = mapper.readValue(SEED, PolicyDefinition.class);
        PolicyDefinition fallback = mapper.readValue(
                "{\"default\": true, \"sla_hours\": 48, \"escalation_to\": \"ops\"}", PolicyDefinition.class);

        assertThat(stage.key()).isEqualTo(PolicyKey.stage("Manager Approval"));
        assertThat(stage.isDefault()).isFalse();
        assertThat(fallback.isDefault()).isTrue();
    }

    @Test
    void a_warning_fraction_and_disabled_warnings_are_read() throws Exception {
        assertThat(read("""
                {"stage_name": "A", "sla_hours": 24, "warn_at": 0.75, "escalation_to": "department_head"}""").warningWindow()).contains(Duration.ofHours(6));
        assertThat(read("""
                {"stage_name": "A", "sla_hours": 24, "warning_enabled": false, "escalation_to": "department_head"}""").warning()).isSameAs(Warning.None.INSTANCE);
    }

    @Test
    void a_definition_without_a_name_or_stage_is_called_default() throws Exception {
        assertThat(read("{\"sla_hours\": 24, \"escalation_to\": \"department_head\"}")
                        .name())
                .isEqualTo("default");
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

    private static WorkflowTask task(String stage) {
        return WorkflowTask.builder("PO-1")
                .workflowType("purchase-order")
                .stage(stage)
                .assignee("alice")
                .slaStart(Instant.parse("2026-01-05T09:00:00Z"))
                .build();
    }
}
