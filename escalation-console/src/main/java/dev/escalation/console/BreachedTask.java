package dev.escalation.console;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An open task past its deadline, as the breached worklist shows it.
 *
 * @param taskId       the task
 * @param workflowType its workflow type
 * @param stage        its stage
 * @param tenant       its tenant, if any
 * @param assignee     who holds it now
 * @param deadline     the deadline it missed
 * @param level        its escalation level (0 before the first escalation)
 */
public record BreachedTask(
        String taskId,
        String workflowType,
        String stage,
        Optional<String> tenant,
        String assignee,
        Instant deadline,
        int level) {

    /**
     * Validates the row.
     *
     * @param taskId       the task
     * @param workflowType its workflow type
     * @param stage        its stage
     * @param tenant       its tenant, if any
     * @param assignee     who holds it now
     * @param deadline     the deadline it missed
     * @param level        its escalation level
     * @throws IllegalArgumentException when a value is missing or blank, or the level is negative
     */
    public BreachedTask {
        Require.text("taskId", taskId);
        Require.text("workflowType", workflowType);
        Require.text("stage", stage);
        Objects.requireNonNull(tenant, "tenant");
        Require.text("assignee", assignee);
        Require.present("deadline", deadline);
        Require.notNegative("level", level);
    }
}
