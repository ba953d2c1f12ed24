package dev.escalation.core.preview;

import dev.escalation.core.Require;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.sla.StepKind;
import dev.escalation.core.sla.StepPlan;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Previews what replacing the current policies with candidate ones would do to the open tasks,
 * changing nothing: it pages through the repository's open tasks ({@link WorkflowRepository#openTasks})
 * and, for each, compares the deadline under the current policy with the one under the candidate,
 * and plans the candidate's steps at the preview's instant with the pure planner
 * ({@link SlaEvaluator#plan}) on the task's stored state, exactly as the first run after the change
 * would: steps the task had stay had, levels never go down, and a late task gets one notification.
 *
 * <pre>{@code
 * PolicyImpact impact = new PolicyChangePreview(repository, currentPolicies).preview(candidatePolicies);
 * System.out.println(impact.toJsonText());
 * }</pre>
 *
 * <p>Per task: the deadline shift is measured when both policies give the task a deadline (a task
 * no current policy governs has none to compare with; it still counts under its candidate policy).
 * Tasks on hold count for the shift (measured as if they resumed at the preview's instant) but not
 * for the first run's steps or breaches, since runs do not check tasks on hold. Memory: one page of tasks, plus 8 bytes per open task for the exact
 * median shift.
 */
public final class PolicyChangePreview {

    /** Tasks read per page unless told otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 1_000;

    /** Example task ids kept per effect unless told otherwise. */
    public static final int DEFAULT_EXAMPLES = 10;

    private final WorkflowRepository repository;
    private final PolicyResolver current;
    private final Set<String> tenants;
    private final int pageSize;
    private final int examples;

    /**
     * A preview over every tenant's tasks, with the default page size and example count.
     *
     * @param repository where the open tasks are read
     * @param current    the policies in force now
     * @throws IllegalArgumentException when a value is missing
     */
    public PolicyChangePreview(WorkflowRepository repository, PolicyResolver current) {
        this(repository, current, Set.of(), DEFAULT_PAGE_SIZE, DEFAULT_EXAMPLES);
    }

    /**
     * A preview over the tasks of {@code tenants}.
     *
     * @param repository where the open tasks are read
     * @param current    the policies in force now
     * @param tenants    whose tasks to read; empty for all
     * @param pageSize   tasks read per page, positive
     * @param examples   example task ids kept per effect and stage, not negative
     * @throws IllegalArgumentException when a value is missing or out of range
     */
    public PolicyChangePreview(
            WorkflowRepository repository, PolicyResolver current, Set<String> tenants, int pageSize, int examples) {
        this.repository = Require.present("repository", repository);
        this.current = Require.present("current", current);
        this.tenants = Set.copyOf(Require.present("tenants", tenants));
        this.pageSize = Require.positive("pageSize", pageSize);
        this.examples = Require.notNegative("examples", examples);
    }

    /**
     * What replacing the current policies with {@code candidates} would do, measured at the
     * repository clock's instant. Reads only.
     *
     * @param candidates the policies that would replace the current ones
     * @return the impact report
     * @throws IllegalArgumentException when {@code candidates} is missing
     * @throws UnsupportedOperationException when the repository cannot page through its open tasks
     */
    public PolicyImpact preview(PolicyResolver candidates) {
        Require.present("candidates", candidates);
        Instant now = repository.clock().now();
        RunScope scope = new RunScope("policy-preview", now, now, tenants);
        Map<String, ImpactTally> tallies = new TreeMap<>();
        long ungoverned = 0;
        List<String> ungovernedIds = new ArrayList<>();
        long read = 0;
        Optional<String> after = Optional.empty();
        List<WorkflowTask> page;
        do {
            page = repository.openTasks(scope, after, pageSize);
            for (WorkflowTask task : page) {
                read++;
                Optional<SlaPolicy> candidate = candidates.policyFor(task);
                if (candidate.isEmpty()) {
                    ungoverned++;
                    if (ungovernedIds.size() < examples) {
                        ungovernedIds.add(task.id());
                    }
                } else {
                    String key = candidate.get().name() + '\u0000' + task.stage();
                    ImpactTally tally = tallies.computeIfAbsent(
                            key, k -> new ImpactTally(candidate.get().name(), task.stage(), examples));
                    measure(task, candidate.get(), now, tally);
                }
            }
            if (!page.isEmpty()) {
                after = Optional.of(page.get(page.size() - 1).id());
            }
        } while (page.size() == pageSize);
        List<StageImpact> stages = new ArrayList<>(tallies.size());
        tallies.values().forEach(tally -> stages.add(tally.impact()));
        return new PolicyImpact(now, read, stages, ungoverned, ungovernedIds);
    }

    private static WorkflowTask resumedAt(WorkflowTask task, Instant now) {
        List<Hold> holds = new ArrayList<>(task.holds());
        holds.add(holds.remove(holds.size() - 1).endedAt(now));
        return task.toBuilder().status(TaskStatus.OPEN).holds(holds).build();
    }

    private void measure(WorkflowTask task, SlaPolicy candidate, Instant now, ImpactTally tally) {
        tally.task();
        // A task on hold has no deadline until it resumes: its shift is measured as if it resumed now.
        WorkflowTask measured = task.isOnHold() ? resumedAt(task, now) : task;
        Optional<Instant> before = current.policyFor(task)
                .map(policy -> SlaEvaluator.assess(policy, measured, now).deadline());
        if (task.isOnHold()) {
            Instant after = SlaEvaluator.assess(candidate, measured, now).deadline();
            before.ifPresent(from -> tally.shift(task.id(), Duration.between(from, after)));
            return; // runs do not check tasks on hold
        }
        StepPlan plan = SlaEvaluator.plan(candidate, task, now);
        before.ifPresent(from ->
                tally.shift(task.id(), Duration.between(from, plan.assessment().deadline())));
        if (plan.breachedNow()) {
            tally.add(Effect.BREACHED_AT_ONCE, task.id());
        }
        plan.notified().ifPresent(step -> {
            tally.add(Effect.NOTIFIED, task.id());
            if (step.kind() == StepKind.ESCALATION || step.kind() == StepKind.RE_ESCALATION) {
                tally.add(Effect.ESCALATED, task.id());
            }
        });
    }
}
