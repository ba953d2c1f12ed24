package dev.escalation.core;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides whether a queued notification is still true of its task as stored now; the one place
 * that says which changes withdraw which notification. A notice that is no longer true is worse
 * than none: "escalated to you" after the task was approved sends a manager to a finished task.
 *
 * <ul>
 *   <li>Every notification is withdrawn when its task is completed, cancelled, no longer stored,
 *       or in another stage than the one the notification names.
 *   <li>A notification addressed to whoever held the task when it was queued ({@code WARNING},
 *       {@code REMINDER}, {@code ESCALATION} to the new assignee, {@code RE_ESCALATION}) is withdrawn
 *       when the host reassigned the task since: every host reassignment starts a new escalation
 *       cycle, and the cycle is part of the notification's key, so a reassignment away and back to
 *       the same person withdraws it too (the new cycle sends its own steps).
 *   <li>An {@code ESCALATION_NOTICE} tells the previous assignee the task was taken away from them;
 *       that stays true after later reassignments, so only completion, cancellation and a stage
 *       change withdraw it.
 *   <li>The engine's own later steps withdraw nothing: a reminder after a warning, or the next
 *       escalation level after the first. Each was true when it was recorded, each has its own key,
 *       and the later one tells its recipients what changed; withdrawing the earlier one would only
 *       make two racing runners disagree about what was said.
 *   <li>A hold withdraws nothing: the task is still the recipient's.
 * </ul>
 * Internal: may change at any time.
 */
final class Withdrawal {

    private Withdrawal() {}

    /** Why {@code notification} must not be sent now, or empty when it is still true of {@code task}. */
    static Optional<String> reason(Notification notification, Optional<WorkflowTask> stored) {
        if (stored.isEmpty()) {
            return Optional.of("task " + notification.taskId() + " is no longer stored");
        }
        WorkflowTask task = stored.get();
        if (task.status() == TaskStatus.COMPLETED) {
            return Optional.of("task " + task.id() + " was completed");
        }
        if (task.status() == TaskStatus.CANCELLED) {
            return Optional.of("task " + task.id() + " was cancelled");
        }
        if (!task.stage().equals(notification.stage())) {
            return Optional.of(
                    "task " + task.id() + " moved from stage '" + notification.stage() + "' to '" + task.stage() + "'");
        }
        if (notification.type() == NotificationType.ESCALATION_NOTICE) {
            return Optional.empty();
        }
        Optional<String> metGoal = GoalTransitions.metGoal(notification, task);
        if (metGoal.isPresent()) {
            return Optional.of("goal '" + metGoal.get() + "' of task " + task.id() + " was met");
        }
        OptionalInt cycle = cycleOf(notification);
        if (cycle.isPresent() && cycle.getAsInt() != task.escalation().cycle()) {
            return Optional.of("task " + task.id() + " was reassigned to " + task.assignee()
                    + " since (escalation cycle " + cycle.getAsInt() + " is now "
                    + task.escalation().cycle()
                    + ")");
        }
        if (cycle.isEmpty() && !task.assignee().equals(notification.recipient())) {
            // A key of another shape: the assignee is the best sign of a reassignment there is.
            return Optional.of("task " + task.id() + " is now assigned to " + task.assignee() + ", not to "
                    + notification.recipient());
        }
        return Optional.empty();
    }

    /**
     * The escalation cycle a notification was queued in, read from its idempotency key
     * ({@code taskId/cycle/KIND/ordinal/role}, the task id possibly holding slashes itself); empty
     * for a key of another shape.
     */
    static OptionalInt cycleOf(Notification notification) {
        String[] parts = notification.idempotencyKey().split("/", -1);
        if (parts.length < 5) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(parts[parts.length - 4]));
        } catch (NumberFormatException e) {
            if (parts.length >= 6 && dev.escalation.core.policy.Goal.isValidName(parts[parts.length - 4])) {
                // A goal's step: task/cycle/goal/KIND/ordinal/role.
                try {
                    return OptionalInt.of(Integer.parseInt(parts[parts.length - 5]));
                } catch (NumberFormatException notAGoalKey) {
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.empty();
        }
    }
}
