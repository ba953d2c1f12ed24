package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.InvalidPolicyException;
import dev.escalation.core.policy.PolicyChange;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Policy versions and what a changed policy does to open tasks, on the in-memory repository (issue #16). */
class EnginePolicyChangeTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    final SlaPolicy day = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    EscalationEngine engine(PolicyResolver policies) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policies(policies)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    @Test
    void the_same_definition_has_the_same_version_and_any_planning_change_another() {
        SlaPolicy again = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        BusinessCalendar withHoliday = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.parse("2026-12-24"))
                .build();
        BusinessCalendar without = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();

        assertThat(again.version()).isEqualTo(day.version()).hasSize(12);
        assertThat(day.id()).isEqualTo("Manager Approval");
        assertThat(day.toBuilder().onChange(PolicyChange.PIN).build().version()).isEqualTo(day.version());
        assertThat(List.of(
                        day.toBuilder().sla(Duration.ofHours(8)).build(),
                        day.toBuilder()
                                .slaForPriority("P1", Duration.ofHours(4))
                                .build(),
                        day.toBuilder().warnBefore(Duration.ofHours(3)).build(),
                        day.toBuilder().holdsPauseSla(false).build(),
                        day.toBuilder().calendar(withHoliday).build(),
                        day.toBuilder().calendar(without).build()))
                .extracting(SlaPolicy::version)
                .doesNotHaveDuplicates()
                .doesNotContain(day.version());
    }

    @Test
    void a_policy_version_names_its_policy_and_refuses_blank_parts() {
        PolicyVersion version = day.policyVersion();

        assertThat(version).hasToString("policy 'Manager Approval' v" + day.version());
        assertThat(version.unregistered()).hasToString("policy 'Manager Approval' unregistered");
        assertThat(version.unregistered().isUnregistered()).isTrue();
        assertThatThrownBy(() -> new PolicyVersion(" ", "abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policyId");
        assertThatThrownBy(() -> day.toBuilder().onChange(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("onChange");
    }

    @Test
    void a_registry_serves_a_retained_version_only_beside_a_pinning_policy() {
        SlaPolicy shorter = day.toBuilder().sla(Duration.ofHours(8)).build();

        PolicyRegistry replanning = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), shorter)
                .retain(day)
                .build();
        PolicyRegistry pinning = PolicyRegistry.builder()
                .register(
                        PolicyKey.stage("Manager Approval"),
                        shorter.toBuilder().onChange(PolicyChange.PIN).build())
                .retain(day)
                .build();

        assertThat(replanning.policies()).extracting(SlaPolicy::version).containsExactly(shorter.version());
        assertThat(pinning.policies())
                .extracting(SlaPolicy::version)
                .containsExactlyInAnyOrder(shorter.version(), day.version());
    }

    @Test
    void a_task_whose_policy_disappeared_is_audited_once_and_taken_over_at_its_retry_by_a_policy_that_governs_it() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine(PolicyRegistry.builder().defaultPolicy(day).build()).runOnce();
        SlaPolicy finance = SlaPolicy.builder("Finance Review")
                .sla(Duration.ofHours(4))
                .escalationEnabled(false)
                .build();
        EscalationEngine engine = engine(PolicyRegistry.builder()
                .register(PolicyKey.stage("Finance Review"), finance)
                .build());

        clock.set(START.plus(Duration.ofHours(1)));
        RunReport first = engine.runOnce();
        clock.set(START.plus(Duration.ofHours(2)));
        RunReport second = engine.runOnce();
        SlaPolicy successor = SlaPolicy.builder("Approval v2")
                .sla(Duration.ofHours(1))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        engine.updatePolicies(PolicyRegistry.builder().defaultPolicy(successor).build());
        clock.set(START.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(5))); // its retry, after the retry delay
        RunReport third = engine.runOnce();

        assertThat(first.tasksSkipped()).isEqualTo(1);
        assertThat(second.tasksSkipped()).isEqualTo(1);
        assertThat(third.escalations()).isEqualTo(1);
        List<AuditEntry> trail = tasks.auditTrail().entriesFor("PO-1");
        assertThat(trail).filteredOn(e -> e.type() == AuditType.TASK_SKIPPED).hasSize(1);
        assertThat(trail)
                .filteredOn(e -> e.type() == AuditType.DEADLINE_CHANGED)
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason"))
                        .startsWith("policy 'Manager Approval' unregistered -> policy 'Approval v2' v"));
    }

    @Test
    void an_engine_whose_resolver_cannot_list_its_policies_re_plans_a_task_at_its_next_check() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine(task -> Optional.of(day)).runOnce();
        SlaPolicy shorter = day.toBuilder().sla(Duration.ofHours(8)).build();
        EscalationEngine engine = engine(task -> Optional.of(shorter));

        clock.set(START.plus(Duration.ofHours(9)));
        RunReport early = engine.runOnce();
        clock.set(START.plus(Duration.ofHours(24)));
        RunReport atTheOldCheck = engine.runOnce();

        assertThat(early.tasksChecked()).isZero();
        assertThat(atTheOldCheck.escalations()).isEqualTo(1);
        assertThat(tasks.auditTrail().entriesOf(AuditType.DEADLINE_CHANGED)).hasSize(1);
    }

    @Test
    void a_paused_policy_s_open_tasks_are_re_planned_only_once_it_is_resumed() {
        // given a task planned under the day policy, which an operator then pauses
        EscalationEngine engine =
                engine(PolicyRegistry.builder().defaultPolicy(day).build());
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine.runOnce();
        tasks.pausePolicy("Manager Approval", "olga");
        SlaPolicy eightHours = day.toBuilder().sla(Duration.ofHours(8)).build();

        // when the policy is shortened while paused, nothing is re-planned or escalated
        engine.updatePolicies(PolicyRegistry.builder().defaultPolicy(eightHours).build());
        clock.set(START.plus(Duration.ofHours(9)));
        engine.runOnce();
        assertThat(types()).doesNotContain(AuditType.DEADLINE_CHANGED, AuditType.ESCALATED);

        // then the first run after the resumption re-plans it once and escalates it like a late run
        tasks.resumePolicy("Manager Approval", "olga");
        engine.runOnce();
        assertThat(types()).containsOnlyOnce(AuditType.DEADLINE_CHANGED, AuditType.ESCALATED);
        assertThat(tasks.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
    }

    private List<AuditType> types() {
        return tasks.auditTrail().entriesFor("PO-1").stream()
                .map(AuditEntry::type)
                .toList();
    }

    @Test
    void updating_policies_refuses_null_and_a_closed_engine() {
        EscalationEngine engine =
                engine(PolicyRegistry.builder().defaultPolicy(day).build());

        assertThatThrownBy(() -> engine.updatePolicies(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policies");
        engine.close();
        assertThatThrownBy(() -> engine.updatePolicies(PolicyRegistry.builder().build()))
                .isInstanceOf(IllegalStateException.class);
    }
}
