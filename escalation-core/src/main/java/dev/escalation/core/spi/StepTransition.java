package dev.escalation.core.spi;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.internal.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.task.EscalationState;
import java.time.Instant;
import java.util.List;

/**
 * "Task {@code taskId} moves from version {@code expectedVersion} to this assignee and state, with
 * these audit entries and these notifications." A repository applies it only if the task is still
 * at {@code expectedVersion} and still open; otherwise another runner (or the host) got there
 * first, which is normal and not an error.
 *
 * @param taskId          the task
 * @param expectedVersion the version the engine read
 * @param assignee        the assignee afterwards (changed by escalations)
 * @param state           the escalation state afterwards, including the next check instant
 * @param auditEntries    the audit entries of the steps, to store with the change when the repository {@link WorkflowRepository#storesStepAudit() can}
 * @param notifications   the notifications to put in the outbox with the change
 * @param redeliverAfter  the outbox entries stay with this run until then; if it has reported no outcome by then, another run delivers them
 */
public record StepTransition(
        String taskId,
        long expectedVersion,
        String assignee,
        EscalationState state,
        List<AuditEntry> auditEntries,
        List<Notification> notifications,
        Instant redeliverAfter) {

    /**
     * Validates the transition and copies its lists.
     *
     * @param taskId          the task
     * @param expectedVersion the version the engine read
     * @param assignee        the assignee afterwards (changed by escalations)
     * @param state           the escalation state afterwards, including the next check instant
     * @param auditEntries    the audit entries of the steps, to store with the change when the repository {@link WorkflowRepository#storesStepAudit() can}
     * @param notifications   the notifications to put in the outbox with the change
     * @param redeliverAfter  the outbox entries stay with this run until then; if it has reported no outcome by then, another run delivers them
     * @throws IllegalArgumentException when a value is null or blank
     */
    public StepTransition {
        Require.text("taskId", taskId);
        Require.text("assignee", assignee);
        Require.present("state", state);
        auditEntries = List.copyOf(Require.present("auditEntries", auditEntries));
        notifications = List.copyOf(Require.present("notifications", notifications));
        Require.present("redeliverAfter", redeliverAfter);
    }
}
