package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task gets the policy of the most specific matching key: tenant, then stage, then workflow type, then priority. */
class PolicyRegistryTest {

    private final SlaPolicy anyApproval = policy("any approval", 24);
    private final SlaPolicy poApproval = policy("PO approval", 12);
    private final SlaPolicy urgentApproval = policy("urgent approval", 4);
    private final SlaPolicy acmeApproval = policy("acme approval", 8);
    private final SlaPolicy fallback = policy("fallback", 48);

    @Test
    void a_stage_key_matches_that_stage_in_any_workflow() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), anyApproval)
                .build();

        assertThat(registry.policyFor(task("invoice", "Manager Approval", "normal", null)))
                .contains(anyApproval);
        assertThat(registry.policyFor(task("invoice", "Finance Review", "normal", null)))
                .isEmpty();
    }

    @Test
    void a_workflow_type_and_stage_beat_the_stage_alone_whatever_the_registration_order() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), anyApproval)
                .register(PolicyKey.stage("purchase-order", "Manager Approval"), poApproval)
                .build();

        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "normal", null)))
                .contains(poApproval);
        assertThat(registry.policyFor(task("invoice", "Manager Approval", "normal", null)))
                .contains(anyApproval);
    }

    @Test
    void a_priority_narrows_a_key() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval").withPriority("P1"), urgentApproval)
                .register(PolicyKey.stage("Manager Approval"), anyApproval)
                .build();

        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "P1", null)))
                .contains(urgentApproval);
        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "P2", null)))
                .contains(anyApproval);
    }

    @Test
    void the_workflow_type_outweighs_the_priority() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval").withPriority("P1"), urgentApproval)
                .register(PolicyKey.stage("purchase-order", "Manager Approval"), poApproval)
                .build();

        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "P1", null)))
                .contains(poApproval);
    }

    @Test
    void a_tenant_outweighs_everything_else_and_matches_only_its_tenant() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("purchase-order", "Manager Approval").withPriority("P1"), urgentApproval)
                .register(PolicyKey.stage("Manager Approval").withTenant("acme"), acmeApproval)
                .build();

        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "P1", "acme")))
                .contains(acmeApproval);
        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "P1", "globex")))
                .contains(urgentApproval);
        assertThat(registry.policyFor(task("purchase-order", "Manager Approval", "P1", null)))
                .contains(urgentApproval);
    }

    @Test
    void the_default_policy_governs_tasks_that_match_no_key() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), anyApproval)
                .defaultPolicy(fallback)
                .build();

        assertThat(registry.policyFor(task("invoice", "Legal Review", "normal", null)))
                .contains(fallback);
        assertThat(registry.defaultPolicy()).contains(fallback);
    }

    @Test
    void without_a_default_a_task_matching_no_key_has_no_policy() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), anyApproval)
                .build();

        assertThat(registry.policyFor(task("invoice", "Legal Review", "normal", null)))
                .isEmpty();
        assertThat(registry.defaultPolicy()).isEmpty();
    }

    @Test
    void registering_a_key_twice_is_rejected() {
        PolicyRegistry.Builder builder =
                PolicyRegistry.builder().register(PolicyKey.stage("Manager Approval"), anyApproval);

        assertThatThrownBy(() -> builder.register(PolicyKey.stage("Manager Approval"), poApproval))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("policy key " + PolicyKey.stage("Manager Approval") + " is registered twice");
    }

    @Test
    void setting_the_default_twice_is_rejected() {
        PolicyRegistry.Builder builder = PolicyRegistry.builder().defaultPolicy(fallback);

        assertThatThrownBy(() -> builder.defaultPolicy(anyApproval))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("default policy is set twice: fallback and any approval");
    }

    @Test
    void a_definition_that_says_default_becomes_the_default() {
        PolicyDefinition general = general(new PolicyDefinition.Scope(null, null, null, true));

        PolicyRegistry registry = PolicyRegistry.builder().define(general).build();

        assertThat(registry.defaultPolicy())
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("general"));
        assertThat(registry.entries()).isEmpty();
    }

    @Test
    void a_definition_without_workflow_type_stage_or_priority_that_does_not_say_default_is_refused() {
        PolicyDefinition general = general(null);

        assertThatThrownBy(() -> PolicyRegistry.builder().define(general))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("$: must name the tasks it governs with stage_name, workflow_type or priority,"
                        + " or say \"default\": true");
    }

    /** A 48-hour policy named "general" that escalates to the department head, for {@code scope}. */
    private static PolicyDefinition general(PolicyDefinition.Scope scope) {
        return new PolicyDefinition(
                "general",
                scope,
                new PolicyDefinition.Sla(JsonDuration.iso("PT48H"), null),
                null,
                null,
                new PolicyDefinition.ChainDefinition(null, "department_head", null, null, null),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void entries_list_the_most_specific_key_first() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), anyApproval)
                .register(PolicyKey.stage("Manager Approval").withTenant("acme"), acmeApproval)
                .register(PolicyKey.stage("purchase-order", "Manager Approval"), poApproval)
                .build();

        assertThat(registry.entries())
                .extracting(PolicyRegistry.Entry::policy)
                .containsExactly(acmeApproval, poApproval, anyApproval);
    }

    @Test
    void a_key_part_that_is_empty_matches_any_value() {
        PolicyKey any = new PolicyKey(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        PolicyRegistry registry =
                PolicyRegistry.builder().register(any, fallback).build();

        assertThat(registry.policyFor(task("x", "y", "z", "t"))).contains(fallback);
    }

    private static SlaPolicy policy(String name, int slaHours) {
        return SlaPolicy.builder(name)
                .sla(Duration.ofHours(slaHours))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
    }

    private static WorkflowTask task(String workflowType, String stage, String priority, String tenant) {
        return WorkflowTask.builder("T-1")
                .workflowType(workflowType)
                .stage(stage)
                .priority(priority)
                .tenant(tenant)
                .assignee("alice")
                .slaStart(Instant.parse("2026-01-05T09:00:00Z"))
                .build();
    }
}
