package dev.escalation.core.task;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.Goal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TaskStore#meet}: records a goal as met, and completes the task when no planned goal is
 * left open. The store knows no policies, so the goals it checks against are those the engine
 * recorded at the task's last plan ({@link GoalBook}); a task never planned accepts any goal name.
 */
final class GoalChanges {

    private GoalChanges() {}

    static void checkName(String goal) {
        if (!Goal.isValidName(goal)) {
            throw new IllegalArgumentException("goal must be a letter followed by at most "
                    + (Goal.MAX_NAME_LENGTH - 1) + " letters, digits, '_' or '-', but was "
                    + (goal == null ? "null" : "'" + goal + "'"));
        }
    }

    static Optional<TaskChanges.Change> meet(WorkflowTask task, String goal, Instant now) {
        EscalationState state = task.escalation();
        GoalBook book = state.goals();
        boolean planned = state.policy().isPresent();
        if (planned && !book.goals().containsKey(goal)) {
            throw new IllegalArgumentException("task '" + task.id() + "' has no goal '" + goal + "'"
                    + (book.goals().isEmpty()
                            ? ": its policy defines no goals"
                            : "; its goals are " + book.goals().keySet()));
        }
        if (book.progress(goal).met()) {
            return Optional.empty();
        }
        TaskChanges.requireActive(task, "meet a goal of");
        now = ChangeTime.of(task, now);
        GoalBook met = book.with(goal, book.progress(goal).metAt(now));
        boolean last = planned && met.goals().values().stream().allMatch(GoalProgress::met);
        WorkflowTask.Builder changed = task.toBuilder().version(task.version() + 1);
        if (last) {
            List<Hold> holds = new ArrayList<>(task.holds());
            if (task.isOnHold()) {
                holds.add(holds.remove(holds.size() - 1).endedAt(now));
            }
            changed.status(TaskStatus.COMPLETED)
                    .holds(holds)
                    .escalation(state.withGoals(met).withNextCheckAt(Optional.empty()));
        } else {
            // Due now: the engine re-plans the remaining goals, whose earliest step sets the next check.
            changed.escalation(
                    state.withGoals(met).withNextCheckAt(task.isOnHold() ? Optional.empty() : Optional.of(now)));
        }
        return Optional.of(TaskChanges.change(
                changed.build(),
                last ? AuditType.TASK_COMPLETED : AuditType.GOAL_MET,
                now,
                Optional.empty(),
                Optional.empty(),
                last ? Map.of("goal", goal, "reason", "its last open goal was met") : Map.of("goal", goal)));
    }
}
