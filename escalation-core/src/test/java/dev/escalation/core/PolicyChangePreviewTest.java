package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.preview.Effect;
import dev.escalation.core.preview.PolicyChangePreview;
import dev.escalation.core.preview.PolicyImpact;
import dev.escalation.core.preview.ShiftSummary;
import dev.escalation.core.preview.StageImpact;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 24 h policy shortened to 8 h for "Manager Approval" and lengthened to 48 h for "Finance Review",
 * previewed 9 h after the first tasks opened: some completed, one on hold, one escalated long ago,
 * one in a stage the candidates do not govern.
 */
class PolicyChangePreviewTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy day = policy("day", hours(24));
    private final SlaPolicy eightHours = policy("eight hours", hours(8));
    private final SlaPolicy twoDays = policy("two days", hours(48));
    private final PolicyResolver candidates = task -> switch (task.stage()) {
        case "Manager Approval" -> Optional.of(eightHours);
        case "Finance Review" -> Optional.of(twoDays);
        default -> Optional.empty();
    };
    private EscalationEngine engine;

    private static SlaPolicy policy(String name, Duration sla) {
        return SlaPolicy.builder(name)
                .sla(sla)
                .warnBefore(hours(2))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
    }

    @BeforeEach
    void tasksRunUnderTheDayPolicyForNineHours() {
        engine = world.engine(day).build();
        world.open("PO-1");
        world.open("PO-2");
        world.open("PO-3");
        world.open("PO-4");
        // Opened 26 h before: the day policy escalated it at the first run.
        world.tasks.open(NewTask.of("PO-6", "purchase-order", "Manager Approval", "alice", START.minus(hours(26))));
        world.tasks.open(NewTask.of("FR-1", "purchase-order", "Finance Review", "fred", START));
        world.tasks.open(NewTask.of("LR-1", "purchase-order", "Legal Review", "lena", START));
        engine.runOnce();
        world.at(hours(1));
        world.tasks.hold("PO-4");
        world.tasks.complete("PO-3");
        world.at(hours(5));
        world.open("PO-5");
        engine.runOnce();
        world.at(hours(9));
    }

    @Test
    void counts_earlier_deadlines_breaches_notifications_and_escalations_per_policy_and_stage() {
        PolicyImpact impact = engine.preview(candidates);

        assertThat(impact.tasksRead()).isEqualTo(7);
        assertThat(impact.stages())
                .extracting(StageImpact::policy, StageImpact::stage, StageImpact::tasks)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("eight hours", "Manager Approval", 5L),
                        org.assertj.core.groups.Tuple.tuple("two days", "Finance Review", 1L));
        StageImpact manager = impact.stages().get(0);
        assertThat(manager.counts())
                .containsEntry(Effect.EARLIER, 5L)
                .containsEntry(Effect.LATER, 0L)
                .containsEntry(Effect.UNCHANGED, 0L)
                .containsEntry(Effect.BREACHED_AT_ONCE, 2L)
                .containsEntry(Effect.NOTIFIED, 3L)
                .containsEntry(Effect.ESCALATED, 3L);
        assertThat(manager.examples().get(Effect.BREACHED_AT_ONCE)).containsExactly("PO-1", "PO-2");
        // PO-6 was escalated and breached long ago: the shorter chain brings its re-escalation forward.
        assertThat(manager.examples().get(Effect.ESCALATED)).containsExactly("PO-1", "PO-2", "PO-6");
        // PO-4, on hold, counts as if it resumed now.
        assertThat(manager.examples().get(Effect.EARLIER)).contains("PO-4");
        assertThat(manager.shift()).contains(new ShiftSummary(5, hours(-16), hours(-16), hours(-16)));
    }

    @Test
    void counts_later_deadlines_and_tasks_the_candidates_leave_without_policy() {
        PolicyImpact impact = engine.preview(candidates);

        StageImpact finance = impact.stages().get(1);
        assertThat(finance.counts())
                .containsEntry(Effect.LATER, 1L)
                .containsEntry(Effect.NOTIFIED, 0L)
                .containsEntry(Effect.BREACHED_AT_ONCE, 0L);
        assertThat(finance.shift()).contains(new ShiftSummary(1, hours(24), hours(24), hours(24)));
        assertThat(impact.ungoverned()).isEqualTo(1);
        assertThat(impact.ungovernedIds()).containsExactly("LR-1");
    }

    @Test
    void median_shift_is_the_middle_of_the_shifts_of_a_policy_and_stage() {
        world.tasks.open(NewTask.of("FR-2", "purchase-order", "Finance Review", "fred", START.plus(hours(9)))
                .withPriority("high"));
        world.tasks.open(NewTask.of("FR-3", "purchase-order", "Finance Review", "fred", START.plus(hours(9)))
                .withPriority("urgent"));
        SlaPolicy byPriority = policy("by priority", hours(48)).toBuilder()
                .slaForPriority("high", hours(30))
                .slaForPriority("urgent", hours(24))
                .build();

        StageImpact finance = engine.preview(
                        task -> task.stage().equals("Finance Review") ? Optional.of(byPriority) : Optional.empty())
                .stages()
                .get(0);

        assertThat(finance.shift()).contains(new ShiftSummary(3, Duration.ZERO, hours(6), hours(24)));
        assertThat(finance.counts()).containsEntry(Effect.UNCHANGED, 1L).containsEntry(Effect.LATER, 2L);
    }

    @Test
    void a_preview_changes_no_task_no_audit_entry_and_no_notification() {
        List<WorkflowTask> tasksBefore = world.tasks.tasks();
        List<AuditEntry> auditBefore = world.tasks.auditTrail().entries();
        var outboxBefore = world.tasks.outbox();

        engine.preview(candidates);

        assertThat(world.tasks.tasks()).containsExactlyInAnyOrderElementsOf(tasksBefore);
        assertThat(world.tasks.auditTrail().entries()).isEqualTo(auditBefore);
        assertThat(world.tasks.outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void its_counts_are_what_an_engine_with_the_candidate_policies_does_at_its_first_run() {
        // Every open task due now, as the re-plan makes them (here through the host's own change).
        for (WorkflowTask task : world.tasks.tasks()) {
            if (task.status().isActive()) {
                world.tasks.changePriority(task.id(), task.priority());
            }
        }
        PolicyImpact impact =
                new PolicyChangePreview(world.tasks, task -> Optional.of(day), Set.of(), 2, 100).preview(candidates);
        int auditBefore = world.tasks.auditTrail().entries().size();

        EscalationEngine candidateEngine = EscalationEngine.builder()
                .repository(world.tasks)
                .policies(candidates)
                .notifier(world.notifier)
                .targets(TargetResolver.roles(EngineFixture.ORG_CHART))
                .build();
        candidateEngine.runOnce();

        List<AuditEntry> firstRun = world.tasks
                .auditTrail()
                .entries()
                .subList(auditBefore, world.tasks.auditTrail().entries().size());
        assertThat(examples(impact, Effect.BREACHED_AT_ONCE))
                .isEqualTo(taskIds(firstRun, EnumSet.of(AuditType.SLA_BREACHED)));
        assertThat(examples(impact, Effect.NOTIFIED))
                .isEqualTo(taskIds(
                        firstRun,
                        EnumSet.of(
                                AuditType.WARNING_SENT,
                                AuditType.REMINDER_SENT,
                                AuditType.ESCALATED,
                                AuditType.RE_ESCALATED)));
        assertThat(examples(impact, Effect.ESCALATED))
                .isEqualTo(taskIds(firstRun, EnumSet.of(AuditType.ESCALATED, AuditType.RE_ESCALATED)))
                .isNotEmpty();
        assertThat(impact.total(Effect.NOTIFIED))
                .isEqualTo(examples(impact, Effect.NOTIFIED).size());
    }

    @Test
    void its_counts_are_what_the_re_plan_does_when_the_engine_is_handed_the_candidates() {
        PolicyRegistry registry = PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), eightHours)
                .register(PolicyKey.stage("Finance Review"), twoDays)
                .build();
        PolicyImpact impact = engine.preview(registry);
        int auditBefore = world.tasks.auditTrail().entries().size();

        engine.updatePolicies(registry);
        engine.runOnce();

        List<AuditEntry> firstRun = world.tasks
                .auditTrail()
                .entries()
                .subList(auditBefore, world.tasks.auditTrail().entries().size());
        assertThat(taskIds(firstRun, EnumSet.of(AuditType.DEADLINE_CHANGED)))
                .as("every open task the candidates govern is re-planned")
                .containsExactlyInAnyOrder("PO-1", "PO-2", "PO-5", "PO-6", "FR-1");
        assertThat(examples(impact, Effect.BREACHED_AT_ONCE))
                .isEqualTo(taskIds(firstRun, EnumSet.of(AuditType.SLA_BREACHED)));
        assertThat(examples(impact, Effect.NOTIFIED))
                .isEqualTo(taskIds(
                        firstRun,
                        EnumSet.of(
                                AuditType.WARNING_SENT,
                                AuditType.REMINDER_SENT,
                                AuditType.ESCALATED,
                                AuditType.RE_ESCALATED)));
        assertThat(examples(impact, Effect.ESCALATED))
                .isEqualTo(taskIds(firstRun, EnumSet.of(AuditType.ESCALATED, AuditType.RE_ESCALATED)))
                .isNotEmpty();
    }

    private static Set<String> examples(PolicyImpact impact, Effect effect) {
        return impact.stages().stream()
                .flatMap(stage -> stage.examples().get(effect).stream())
                .collect(Collectors.toSet());
    }

    private static Set<String> taskIds(List<AuditEntry> entries, Set<AuditType> types) {
        return entries.stream()
                .filter(e -> types.contains(e.type()))
                .map(AuditEntry::taskId)
                .collect(Collectors.toSet());
    }
}
