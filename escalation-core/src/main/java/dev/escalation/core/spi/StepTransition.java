package dev.escalation.core.spi;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.task.EscalationState;
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
 * @param auditEntries    the audit entries of the steps, stored with the change
 * @param notifications   the notifications to put in the outbox with the change
 */
public record StepTransition(
        String taskId,
        long expectedVersion,
        String assignee,
        EscalationState state,
        List<AuditEntry> auditEntries,
        List<Notification> notifications) {

    /**
     * Checks and copies every component.
     *
     * @param taskId the task
     * @param expectedVersion the version the engine read
     * @param assignee the assignee afterwards
     * @param state the escalation state afterwards
     * @param auditEntries the audit entries of the steps
     * @param notifications the notifications for the outbox
     * @throws IllegalArgumentException when a component is missing or an id is blank
     */
    public StepTransition {
        Require.text("taskId", taskId);
        Require.text("assignee", assignee);
        Require.present("state", state);
        auditEntries = List.copyOf(Require.present("auditEntries", auditEntries));
        notifications = List.copyOf(Require.present("notifications", notifications));
    }
}
