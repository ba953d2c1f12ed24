package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyChange;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy changes while tasks are open (issue #16): the repository records the policy version each
 * task was planned under, lists the recorded versions and claims the tasks of one version, so that an
 * engine that starts with (or is handed) a changed policy re-plans exactly the affected tasks, once.
 */
abstract class ChangingPoliciesContract extends ContractSupport {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final SlaPolicy day = approval(Duration.ofHours(24)).build();
    private final SlaPolicy eightHours = approval(Duration.ofHours(8)).build();

    private static SlaPolicy.Builder approval(Duration sla) {
        return SlaPolicy.builder("Manager Approval")
                .sla(sla)
                .warnBefore(Duration.ofHours(2))
                .escalateTo(EscalationTarget.role("department_head"));
    }

    private EscalationEngine engine(PolicyResolver policies) {
        return EscalationEngine.builder()
                .repository(repository)
                .policies(policies)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    private static PolicyRegistry only(SlaPolicy policy) {
        return PolicyRegistry.builder().defaultPolicy(policy).build();
    }

    private List<AuditEntry> deadlineChanges(String taskId) {
        return audit.entriesFor(taskId).stream()
                .filter(e -> e.type() == AuditType.DEADLINE_CHANGED)
                .toList();
    }

    private PolicyVersion recorded(String taskId) {
        return store.find(taskId).orElseThrow().escalation().policy().orElseThrow();
    }

    @Test
    void a_task_records_the_policy_version_it_was_planned_under() {
        open("PO-1");

        engine(only(day)).runOnce();

        assertThat(recorded("PO-1")).isEqualTo(new PolicyVersion("Manager Approval", day.version()));
    }

    @Test
    void a_policy_shortened_from_24_to_8_hours_escalates_at_the_first_run_after_8_hours_with_one_deadline_change() {
        // given a task planned under the 24 h policy, whose next check is the warning at 22 h
        open("PO-1");
        engine(only(day)).runOnce();

        // when every node restarts 9 h later with the policy shortened to 8 h
        clock.set(START.plus(Duration.ofHours(9)));
        RunReport run = engine(only(eightHours)).runOnce();

        // then that first run escalates, with one notification per recipient and no warning burst
        assertThat(run.escalations()).isEqualTo(1);
        assertThat(run.warnings()).isZero();
        assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactlyInAnyOrder("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
        List<AuditEntry> changes = deadlineChanges("PO-1");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).details())
                .containsEntry("from", START.plus(Duration.ofHours(24)).toString())
                .containsEntry("to", START.plus(Duration.ofHours(8)).toString())
                .containsEntry("fromPolicyVersion", day.version())
                .containsEntry("policyVersion", eightHours.version());
        assertThat(changes.get(0).details().get("reason"))
                .startsWith("policy 'Manager Approval' v" + day.version() + " -> v" + eightHours.version());
        assertThat(recorded("PO-1").version()).isEqualTo(eightHours.version());
    }

    @Test
    void a_re_planned_task_is_not_re_planned_again_by_later_runs_or_restarts() {
        open("PO-1");
        engine(only(day)).runOnce();
        clock.set(START.plus(Duration.ofHours(9)));
        engine(only(eightHours)).runOnce();

        clock.set(START.plus(Duration.ofHours(10)));
        RunReport again = engine(only(eightHours)).runOnce();

        assertThat(again.tasksChecked()).isZero();
        assertThat(deadlineChanges("PO-1")).hasSize(1);
    }

    @Test
    void a_policy_handed_to_a_running_engine_moves_the_next_check_before_the_old_one_falls_due() {
        open("PO-1");
        EscalationEngine engine = engine(only(day));
        engine.runOnce();

        clock.set(START.plus(Duration.ofHours(5)));
        engine.updatePolicies(only(eightHours));
        RunReport run = engine.runOnce();

        assertThat(run.tasksChecked()).isEqualTo(1);
        assertThat(run.stepsApplied()).isZero();
        WorkflowTask task = store.find("PO-1").orElseThrow();
        assertThat(task.escalation().deadline()).contains(START.plus(Duration.ofHours(8)));
        assertThat(task.escalation().nextCheckAt()).contains(START.plus(Duration.ofHours(6)));
        assertThat(deadlineChanges("PO-1")).hasSize(1);
    }

    @Test
    void a_pinning_policy_leaves_open_tasks_on_their_version_and_gives_new_tasks_the_new_one() {
        // given PO-1 planned under the 24 h policy
        open("PO-1");
        engine(only(day)).runOnce();

        // when the 8 h version pins open tasks and the registry retains the 24 h version
        SlaPolicy pinned = eightHours.toBuilder().onChange(PolicyChange.PIN).build();
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), pinned)
                .retain(day)
                .build();
        clock.set(START.plus(Duration.ofHours(1)));
        EscalationEngine engine = engine(registry);
        engine.runOnce();
        open("PO-2");
        engine.runOnce();

        // then PO-1 keeps 24 h, PO-2 gets 8 h, and no deadline changed
        clock.set(START.plus(Duration.ofHours(9)));
        RunReport run = engine.runOnce();
        assertThat(run.escalations()).isEqualTo(1);
        assertThat(store.find("PO-2").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("alice");
        assertThat(recorded("PO-1").version()).isEqualTo(day.version());
        assertThat(recorded("PO-2").version()).isEqualTo(pinned.version());
        assertThat(audit.entriesOf(AuditType.DEADLINE_CHANGED)).isEmpty();
        assertThat(audit.entriesFor("PO-2").stream()
                        .filter(e -> e.type() == AuditType.ESCALATED)
                        .map(e -> e.details().get("policyVersion")))
                .containsExactly(pinned.version());
    }

    @Test
    void a_task_whose_policy_disappeared_is_reported_in_every_run_and_audited_once() {
        SlaPolicy other = SlaPolicy.builder("Finance Review")
                .sla(Duration.ofHours(4))
                .escalationEnabled(false)
                .build();
        open("PO-1");
        engine(only(day)).runOnce();

        clock.set(START.plus(Duration.ofHours(1)));
        EscalationEngine engine = engine(PolicyRegistry.builder()
                .register(PolicyKey.stage("Finance Review"), other)
                .build());
        RunReport first = engine.runOnce();
        clock.set(START.plus(Duration.ofHours(2)));
        RunReport second = engine.runOnce();

        assertThat(first.failures()).extracting(TaskFailure::kind).containsExactly(TaskFailure.Kind.NO_POLICY);
        assertThat(first.failures().get(0).message()).contains("policy 'Manager Approval' v" + day.version());
        assertThat(second.failures()).extracting(TaskFailure::taskId).containsExactly("PO-1");
        assertThat(audit.entriesFor("PO-1").stream().filter(e -> e.type() == AuditType.TASK_SKIPPED))
                .hasSize(1);
        assertThat(recorded("PO-1").isUnregistered()).isTrue();
        assertThat(store.find("PO-1").orElseThrow().escalation().deadline()).contains(START.plus(Duration.ofHours(24)));
    }

    @Test
    void recorded_policy_versions_are_those_of_open_tasks() {
        open("PO-1");
        open("PO-2");
        engine(only(day)).runOnce();
        store.complete("PO-2");
        open("PO-3");

        assertThat(repository.recordedPolicyVersions(scope()))
                .containsExactly(new PolicyVersion("Manager Approval", day.version()));
        store.complete("PO-1");
        assertThat(repository.recordedPolicyVersions(scope())).isEmpty();
    }

    @Test
    void claiming_the_tasks_of_a_version_leases_them_like_a_due_claim() {
        open("PO-1");
        open("PO-2");
        engine(only(day)).runOnce();
        PolicyVersion version = day.policyVersion();

        List<WorkflowTask> first = repository.claimPlannedUnder(scope(), version, 1);
        List<WorkflowTask> second = repository.claimPlannedUnder(
                new RunScope("runner-b", clock.now(), clock.now().plus(LEASE), Set.of()), version, 10);
        List<WorkflowTask> otherVersion = repository.claimPlannedUnder(scope(), eightHours.policyVersion(), 10);

        assertThat(first).hasSize(1);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first)).hasSize(1);
        assertThat(otherVersion).isEmpty();
        assertThat(repository.claimPlannedUnder(scope(), version, 10)).isEmpty();
        assertThat(first.get(0).escalation().policy()).contains(version);
    }
}
