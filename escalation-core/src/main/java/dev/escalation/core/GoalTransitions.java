package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.GoalEvent;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SkippedSteps;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.sla.StepPlan;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.Attention;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.GoalBook;
import dev.escalation.core.task.GoalProgress;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Plans a task of a policy with named goals: each open goal is planned as a task of one goal would
 * be (its own progress, its own schedule, the same planner), with its step keys carrying the goal
 * ({@code PO-1/0/response/ESCALATION/1}), and the goals' transitions are joined into the task's one
 * compare-and-swap. Goals are planned in the policy's order; an escalation of one goal reassigns the
 * task, and the goals after it see the new assignee. The task's own state summarises its goals: the
 * earliest deadline and next check of the open goals (so the run's cost still follows due work),
 * the highest level, the first breach.
 */
final class GoalTransitions {

    private GoalTransitions() {}

    static PlannedTask steps(TransitionFactory transitions, WorkflowTask task, SlaPolicy policy, RunScope scope)
            throws TransitionFactory.UnresolvedTarget {
        EscalationState state = task.escalation();
        GoalBook book = state.goals();
        Optional<PolicyVersion> recorded = state.policy();
        boolean sameVersion = recorded.isEmpty() || recorded.get().equals(policy.policyVersion());
        List<AuditEntry> audit = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        List<AppliedStep> steps = new ArrayList<>();
        long skipped = 0;
        boolean breachedNow = false;
        String assignee = task.assignee();
        Attention attention = state.attention();
        for (Goal goal : policy.goals()) {
            GoalProgress progress = book.progress(goal.name());
            if (!progress.met()) {
                Optional<MetBy> event = metBy(goal, book, state);
                if (event.isPresent()) {
                    progress = progress.metAt(event.get().at());
                    audit.add(goalMet(
                            task,
                            policy,
                            goal,
                            scope,
                            event.get().by(),
                            event.get().at()));
                }
            }
            if (progress.met()) {
                book = book.with(goal.name(), progress);
                continue;
            }
            // A goal's steps are planned under the goal's own schedule; the version recorded for it is that
            // schedule's while the policy's version stands, so that only a real version change is audited.
            Optional<PolicyVersion> goalRecorded = recorded.isEmpty()
                    ? Optional.empty()
                    : sameVersion ? Optional.of(goal.schedule().policyVersion()) : recorded;
            // Every open goal sees the task's acknowledgement and snooze: they hold each goal's steps alike.
            WorkflowTask goalTask = task.toBuilder()
                    .assignee(assignee)
                    .escalation(progress.asState(state.cycle(), goalRecorded).withAttention(state.attention()))
                    .build();
            StepPlan plan = ofGoal(SlaEvaluator.plan(goal.schedule(), goalTask, scope.now()), goal.name());
            PlannedTask planned = transitions.steps(goalTask, goal.schedule(), plan, scope);
            planned.transition().auditEntries().forEach(entry -> audit.add(withGoal(entry, policy, goal)));
            notifications.addAll(planned.transition().notifications());
            steps.addAll(planned.steps());
            skipped += planned.skippedSteps();
            breachedNow |= planned.breachedNow();
            assignee = planned.transition().assignee();
            if (!planned.transition().state().attention().equals(state.attention())) {
                // The acknowledgement's window passed: each open goal owed its next step, the task's ends.
                attention = planned.transition().state().attention();
            }
            book = book.with(goal.name(), GoalProgress.of(planned.transition().state(), Optional.empty()));
        }
        EscalationState summary = summary(state.cycle(), book, policy, attention);
        return new PlannedTask(
                new StepTransition(task.id(), task.version(), assignee, summary, audit, notifications),
                steps,
                skipped,
                breachedNow);
    }

    /** The task's own state: what repositories count and claim by, over its goals. */
    private static EscalationState summary(int cycle, GoalBook book, SlaPolicy policy, Attention attention) {
        List<GoalProgress> all =
                policy.goals().stream().map(goal -> book.progress(goal.name())).toList();
        List<GoalProgress> open = all.stream().filter(p -> !p.met()).toList();
        return new EscalationState(
                cycle,
                earliest(all, GoalProgress::warnedAt),
                all.stream().mapToInt(GoalProgress::remindersSent).max().orElse(0),
                all.stream().mapToInt(GoalProgress::level).max().orElse(0),
                all.stream().flatMap(p -> p.lastEscalatedAt().stream()).max(Comparator.naturalOrder()),
                all.stream().mapToInt(GoalProgress::reEscalations).max().orElse(0),
                earliest(all, GoalProgress::breachedAt),
                earliest(open, GoalProgress::warningAt),
                earliest(open, GoalProgress::deadline),
                earliest(open, GoalProgress::nextCheckAt),
                Optional.of(policy.policyVersion()),
                attention,
                book);
    }

    /** A host event that met a goal: its JSON name and when it happened. */
    private record MetBy(String by, Instant at) {}

    /** The earliest event of the goal's {@code met_by} that has happened in this cycle, if any. */
    private static Optional<MetBy> metBy(Goal goal, GoalBook book, EscalationState state) {
        List<MetBy> happened = new ArrayList<>();
        if (goal.metBy().contains(GoalEvent.REASSIGNMENT)) {
            book.reassignedAt().ifPresent(at -> happened.add(new MetBy("reassignment", at)));
        }
        if (goal.metBy().contains(GoalEvent.ACKNOWLEDGEMENT)) {
            state.attention().acknowledgedAt().ifPresent(at -> happened.add(new MetBy("acknowledgement", at)));
        }
        return happened.stream().min(Comparator.comparing(MetBy::at));
    }

    private static Optional<Instant> earliest(List<GoalProgress> goals, Function<GoalProgress, Optional<Instant>> at) {
        return goals.stream().flatMap(p -> at.apply(p).stream()).min(Comparator.naturalOrder());
    }

    private static StepPlan ofGoal(StepPlan plan, String goal) {
        return new StepPlan(
                plan.assessment(),
                plan.notified().map(key -> key.ofGoal(goal)),
                plan.skipped().stream()
                        .map(range -> new SkippedSteps(
                                range.first().ofGoal(goal), range.last().ofGoal(goal)))
                        .toList(),
                plan.newLevel(),
                plan.breachedNow(),
                plan.state());
    }

    /** The goal's entry as the task's: the policy (not the goal's schedule) governs, and the goal is named. */
    private static AuditEntry withGoal(AuditEntry entry, SlaPolicy policy, Goal goal) {
        Map<String, String> details = new LinkedHashMap<>(entry.details());
        details.put("policy", policy.name());
        details.put("policyVersion", policy.version());
        details.put("goal", goal.name());
        return new AuditEntry(
                entry.id(),
                entry.type(),
                entry.taskId(),
                entry.tenant(),
                entry.occurredAt(),
                entry.actor(),
                entry.level(),
                entry.fromAssignee(),
                entry.toAssignee(),
                entry.stepKey(),
                details);
    }

    private static AuditEntry goalMet(
            WorkflowTask task, SlaPolicy policy, Goal goal, RunScope scope, String by, Instant metAt) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("policy", policy.name());
        details.put("policyVersion", policy.version());
        details.put("goal", goal.name());
        details.put("by", by);
        details.put("metAt", metAt.toString());
        return new AuditEntry(
                AuditEntry.newId(scope.now()),
                AuditType.GOAL_MET,
                task.id(),
                task.tenant(),
                scope.now(),
                scope.runId(),
                task.escalation().level(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                details);
    }

    /** Whether the notification belongs to a goal the task has met since it was queued. */
    static Optional<String> metGoal(Notification notification, WorkflowTask task) {
        String[] parts = notification.idempotencyKey().split("/", -1);
        if (parts.length < 6) {
            return Optional.empty();
        }
        String goal = parts[parts.length - 4];
        return Stream.of(goal)
                .filter(name -> task.escalation().goals().goals().containsKey(name))
                .filter(name -> task.escalation().goals().progress(name).met())
                .findFirst();
    }
}
