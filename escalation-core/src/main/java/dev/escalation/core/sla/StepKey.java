package dev.escalation.core.sla;

import dev.escalation.core.Require;
import java.util.Objects;

/**
 * The identity of one step of one task: at most one step with a given key ever happens. It is the
 * stem of every notification's idempotency key, so receivers can drop duplicates.
 *
 * @param taskId  the task
 * @param cycle   the task's escalation cycle (it changes when the host restarts escalation)
 * @param kind    warning, reminder, escalation or re-escalation
 * @param ordinal 1 for the warning; the reminder number, level, or re-escalation number otherwise
 */
public record StepKey(String taskId, int cycle, StepKind kind, int ordinal) {

    /**
     * Validates the key.
     *
     * @param taskId  the task
     * @param cycle   the task's escalation cycle (it changes when the host restarts escalation)
     * @param kind    warning, reminder, escalation or re-escalation
     * @param ordinal 1 for the warning; the reminder number, level, or re-escalation number otherwise
     * @throws IllegalArgumentException when the task id is blank, the cycle negative or the ordinal not positive
     */
    public StepKey {
        Require.text("taskId", taskId);
        Objects.requireNonNull(kind, "kind");
        Require.notNegative("cycle", cycle);
        Require.positive("ordinal", ordinal);
    }

    /** {@code taskId/cycle/KIND/ordinal}, e.g. {@code PO-1042/0/ESCALATION/2}. */
    @Override
    public String toString() {
        return taskId + "/" + cycle + "/" + kind + "/" + ordinal;
    }
}
