package dev.escalation.core.task;

import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link TaskStore} accepts beyond what every task must satisfy: the priorities that exist
 * in the host's workflow. A task opened, or re-prioritised, with another priority is rejected with
 * an {@link IllegalArgumentException} that names the priority and the allowed ones, and nothing is stored.
 * Rules that know the engine's policies ({@link #withPolicies}) also reject a snooze beyond the task's
 * policy's {@code max_snooze}.
 *
 * <pre>{@code
 * new InMemoryWorkflowRepository(clock, auditSink, TaskRules.priorities("P1", "P2", "P3"));
 * JdbcEscalationStore.builder(dataSource).taskRules(TaskRules.priorities("P1", "P2", "P3"));
 * }</pre>
 *
 * @param allowedPriorities the priorities a task may have; empty for any
 * @param policies          the engine's policies, to check snoozes against their {@code max_snooze}; empty for none
 */
public record TaskRules(Set<String> allowedPriorities, Optional<PolicyResolver> policies) {

    /**
     * Rules that know no policies.
     *
     * @param allowedPriorities the priorities a task may have; empty for any
     * @throws IllegalArgumentException when a priority is blank or beyond the {@link InputLimits} of a name
     */
    public TaskRules(Set<String> allowedPriorities) {
        this(allowedPriorities, Optional.empty());
    }

    /**
     * Validates the rules and copies the priorities.
     *
     * @param allowedPriorities the priorities a task may have; empty for any
     * @param policies          the engine's policies, to check snoozes against their {@code max_snooze}; empty for none
     * @throws IllegalArgumentException when a priority is blank or beyond the {@link InputLimits} of a name
     * @throws NullPointerException     when {@code policies} is null
     */
    public TaskRules {
        Objects.requireNonNull(policies, "policies");
        allowedPriorities = Set.copyOf(new TreeSet<>(Objects.requireNonNull(allowedPriorities, "allowedPriorities")));
        for (String priority : allowedPriorities) {
            if (priority.isBlank()) {
                throw new IllegalArgumentException(
                        "allowedPriorities must not contain a blank priority, but had '" + priority + "'");
            }
            InputLimits.name("allowedPriorities", priority);
        }
    }

    /**
     * Any priority.
     *
     * @return rules that allow any priority
     */
    public static TaskRules none() {
        return new TaskRules(Set.of());
    }

    /**
     * Only these priorities (remember {@value WorkflowTask#DEFAULT_PRIORITY}, the one tasks get when the host names none).
     *
     * @param allowed the allowed priorities
     * @return rules that allow only those
     */
    public static TaskRules priorities(String... allowed) {
        return new TaskRules(Set.copyOf(Arrays.asList(allowed)));
    }

    /**
     * These rules, also checking snoozes against the {@code max_snooze} of the policy that {@code value}
     * resolves for the task (give the store the resolver its engine is given).
     *
     * @param value the engine's policies
     * @return the rules
     */
    public TaskRules withPolicies(PolicyResolver value) {
        return new TaskRules(allowedPriorities, Optional.of(Objects.requireNonNull(value, "policies")));
    }

    /**
     * The longest snooze the task's policy allows, when these rules know the policies and the policy sets one.
     *
     * @param task the task to snooze
     * @return the policy's {@code max_snooze}; empty when unbounded or unknown
     */
    public Optional<Duration> maxSnooze(WorkflowTask task) {
        return policies.flatMap(resolver -> resolver.policyFor(task)).flatMap(SlaPolicy::maxSnooze);
    }

    /**
     * Checks that tasks may have this priority.
     *
     * @param priority the priority to check
     * @throws IllegalArgumentException when {@code priority} is not allowed
     */
    public void checkPriority(String priority) {
        if (!allowedPriorities.isEmpty() && !allowedPriorities.contains(priority)) {
            throw new IllegalArgumentException(
                    "priority must be one of " + new TreeSet<>(allowedPriorities) + ", but was '" + priority + "'");
        }
    }
}
