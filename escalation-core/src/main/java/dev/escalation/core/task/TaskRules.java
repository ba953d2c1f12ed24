package dev.escalation.core.task;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link TaskStore} accepts beyond what every task must satisfy: the priorities that exist
 * in the host's workflow. A task opened, or re-prioritised, with another priority is rejected with
 * an {@link IllegalArgumentException} that names the priority and the allowed ones, and nothing is stored.
 *
 * <pre>{@code
 * new InMemoryWorkflowRepository(clock, auditSink, TaskRules.priorities("P1", "P2", "P3"));
 * JdbcEscalationStore.builder(dataSource).taskRules(TaskRules.priorities("P1", "P2", "P3"));
 * }</pre>
 *
 * @param allowedPriorities the priorities a task may have; empty for any
 */
public record TaskRules(Set<String> allowedPriorities) {

    /**
     * Validates the rules and copies the priorities.
     *
     * @param allowedPriorities the priorities a task may have; empty for any
     * @throws IllegalArgumentException when a priority is blank or beyond the {@link InputLimits} of a name
     */
    public TaskRules {
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
