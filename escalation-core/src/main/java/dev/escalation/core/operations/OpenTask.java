package dev.escalation.core.operations;

import dev.escalation.core.task.WorkflowTask;
import java.util.Objects;

/**
 * An active task on an operator's worklist, with where it stands against its SLA.
 *
 * @param task     the task as stored
 * @param standing where it stands at the query's instant
 */
public record OpenTask(WorkflowTask task, SlaStanding standing) {

    /**
     * Validates the entry.
     *
     * @param task     the task as stored
     * @param standing where it stands at the query's instant
     * @throws NullPointerException when a value is null
     */
    public OpenTask {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(standing, "standing");
    }
}
