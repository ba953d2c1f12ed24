package dev.escalation.core.sla;

import dev.escalation.core.Require;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity of one step of one task: at most one step with a given key ever happens. It is the
 * stem of every notification's idempotency key, so receivers can drop duplicates.
 *
 * @param taskId  the task
 * @param cycle   the task's escalation cycle (it changes when the host restarts escalation)
 * @param kind    warning, reminder, escalation or re-escalation
 * @param ordinal 1 for the warning; the reminder number, level, or re-escalation number otherwise
 * @param goal    the named goal the step belongs to; empty for a policy without goals
 */
public record StepKey(String taskId, int cycle, StepKind kind, int ordinal, Optional<String> goal) {

    /**
     * Validates the key.
     *
     * @param taskId  the task
     * @param cycle   the task's escalation cycle (it changes when the host restarts escalation)
     * @param kind    warning, reminder, escalation or re-escalation
     * @param ordinal 1 for the warning; the reminder number, level, or re-escalation number otherwise
     * @param goal    the named goal the step belongs to; empty for a policy without goals
     * @throws IllegalArgumentException when the task id is blank, the cycle negative or the ordinal not positive
     */
    public StepKey {
        Objects.requireNonNull(goal, "goal");
        Require.text("taskId", taskId);
        Objects.requireNonNull(kind, "kind");
        Require.notNegative("cycle", cycle);
        Require.positive("ordinal", ordinal);
    }

    /**
     * The key of a step of a policy without goals.
     *
     * @param taskId  the task
     * @param cycle   the task's escalation cycle (it changes when the host restarts escalation)
     * @param kind    warning, reminder, escalation or re-escalation
     * @param ordinal 1 for the warning; the reminder number, level, or re-escalation number otherwise
     * @throws IllegalArgumentException when the task id is blank, the cycle negative or the ordinal not positive
     */
    public StepKey(String taskId, int cycle, StepKind kind, int ordinal) {
        this(taskId, cycle, kind, ordinal, Optional.empty());
    }

    /**
     * This key as the step of {@code goalName}.
     *
     * @param goalName the goal
     * @return the key with that goal
     */
    public StepKey ofGoal(String goalName) {
        return new StepKey(taskId, cycle, kind, ordinal, Optional.of(goalName));
    }

    /**
     * {@code taskId/cycle/KIND/ordinal}, e.g. {@code PO-1042/0/ESCALATION/2}; a goal's step has the
     * goal before the kind: {@code PO-1042/0/response/ESCALATION/2}.
     */
    @Override
    public String toString() {
        return taskId + "/" + cycle + "/" + goal.map(g -> g + "/").orElse("") + kind + "/" + ordinal;
    }
}
