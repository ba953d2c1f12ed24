package dev.escalation.core.operations;

import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.Objects;

/**
 * Where an open task stands against its SLA at an instant, as an operator's worklist groups it.
 * Computed from the deadline and warning point that the engine's last evaluation stored on the task
 * ({@link dev.escalation.core.task.EscalationState#deadline()}, {@code warningAt()}), exactly as
 * {@link dev.escalation.core.spi.SlaCounts} counts them, so that a worklist and the counts agree.
 */
public enum SlaStanding {
    /** Open, before its warning point and its deadline (or not evaluated yet). */
    FINE,
    /** Open, at or past its warning point but before its deadline. */
    NEAR_BREACH,
    /** Open, at or past its deadline. */
    BREACHED,
    /** On hold: its SLA clock is paused. */
    ON_HOLD;

    /**
     * Where {@code task}, which must be active (open or on hold), stands at {@code at}.
     *
     * @param task an active task
     * @param at   the instant to judge at
     * @return its standing
     * @throws IllegalArgumentException when the task is finished
     */
    public static SlaStanding of(WorkflowTask task, Instant at) {
        Objects.requireNonNull(at, "at");
        if (!task.status().isActive()) {
            throw new IllegalArgumentException(
                    "task must be open or on hold, but was " + task.status() + " (task '" + task.id() + "')");
        }
        if (task.status() == TaskStatus.ON_HOLD) {
            return ON_HOLD;
        }
        if (task.escalation().deadline().map(d -> !d.isAfter(at)).orElse(false)) {
            return BREACHED;
        }
        if (task.escalation().warningAt().map(w -> !w.isAfter(at)).orElse(false)) {
            return NEAR_BREACH;
        }
        return FINE;
    }
}
