package dev.escalation.core.internal;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The host-side task changes of {@link dev.escalation.core.task.TaskStore} as pure functions, so
 * that every store (in memory, JDBC, a host's own) validates and applies them alike. Each returns
 * the changed task, due for evaluation now, and the audit entry that records the change.
 * Internal: may change at any time.
 */
public final class TaskChanges {

    /** The actor named in audit entries of host-side changes. */
    public static final String HOST = "host";

    private TaskChanges() {
    }

    /** A changed task and the audit entry that records the change. */
    public record Change(WorkflowTask task, AuditEntry audit) {
    }

    /** Checks a task id that the host passed to the store: blank or null names no task. */
    public static String taskId(String taskId) {
        return Require.text("taskId", taskId);
    }

    public static Change open(NewTask t, Instant now) {
        return open(t, now, TaskRules.none());
    }

    public static Change open(NewTask t, Instant now, TaskRules rules) {
        Require.present("task", t);
        rules.checkPriority(t.priority());
        if (t.slaStart().isAfter(now)) {
            throw new IllegalArgumentException("slaStart must not be in the future (now " + now + "), but was " + t.slaStart()
                    + " for task '" + t.id() + "'");
        }
        WorkflowTask task = WorkflowTask.builder(t.id()).workflowType(t.workflowType()).stage(t.stage()).assignee(t.assignee())
                .priority(t.priority()).tenant(t.tenant().orElse(null)).slaStart(t.slaStart()).attributes(t.attributes())
                .escalation(EscalationState.initial(0, now)).version(1).build();
        return change(task, AuditType.TASK_OPENED, now, Optional.empty(), Optional.of(t.assignee()), Map.of("stage", t.stage()));
    }

    public static Optional<Change> complete(WorkflowTask task, Instant now) {
        return finish(task, TaskStatus.COMPLETED, AuditType.TASK_COMPLETED, now);
    }

    public static Optional<Change> cancel(WorkflowTask task, Instant now) {
        return finish(task, TaskStatus.CANCELLED, AuditType.TASK_CANCELLED, now);
    }

    public static Change reassign(WorkflowTask task, String assignee, Instant now) {
        Require.text("assignee", assignee);
        requireActive(task, "reassign");
        WorkflowTask changed = restarted(task, now).assignee(assignee).slaStart(now).build();
        return change(changed, AuditType.TASK_REASSIGNED, now, Optional.of(task.assignee()), Optional.of(assignee), Map.of());
    }

    public static Change changeStage(WorkflowTask task, String stage, String assignee, Instant enteredAt, Instant now) {
        Require.text("stage", stage);
        Require.text("assignee", assignee);
        Require.present("enteredAt", enteredAt);
        requireActive(task, "change the stage of");
        if (enteredAt.isAfter(now)) {
            throw new IllegalArgumentException("enteredAt must not be in the future (now " + now + "), but was " + enteredAt);
        }
        WorkflowTask changed = restarted(task, now).stage(stage).assignee(assignee).slaStart(enteredAt).build();
        return change(changed, AuditType.STAGE_CHANGED, now, Optional.of(task.assignee()), Optional.of(assignee),
                Map.of("fromStage", task.stage(), "toStage", stage));
    }

    public static Change changePriority(WorkflowTask task, String priority, Instant now) {
        return changePriority(task, priority, now, TaskRules.none());
    }

    public static Change changePriority(WorkflowTask task, String priority, Instant now, TaskRules rules) {
        Require.text("priority", priority);
        rules.checkPriority(priority);
        requireActive(task, "change the priority of");
        WorkflowTask changed = task.toBuilder().priority(priority).version(task.version() + 1)
                .escalation(dueNow(task, now)).build();
        return change(changed, AuditType.PRIORITY_CHANGED, now, Optional.empty(), Optional.empty(),
                Map.of("fromPriority", task.priority(), "toPriority", priority));
    }

    public static Change hold(WorkflowTask task, Instant now) {
        if (task.status() != TaskStatus.OPEN) {
            throw new IllegalStateException("task '" + task.id() + "' cannot be put on hold while " + task.status());
        }
        List<Hold> holds = new ArrayList<>(task.holds());
        holds.add(Hold.since(now));
        WorkflowTask changed = task.toBuilder().status(TaskStatus.ON_HOLD).holds(holds).version(task.version() + 1)
                .escalation(task.escalation().withNextCheckAt(Optional.empty())).build();
        return change(changed, AuditType.TASK_HELD, now, Optional.empty(), Optional.empty(), Map.of());
    }

    public static Change resume(WorkflowTask task, Instant now) {
        if (task.status() != TaskStatus.ON_HOLD) {
            throw new IllegalStateException("task '" + task.id() + "' cannot be resumed while " + task.status());
        }
        List<Hold> holds = new ArrayList<>(task.holds());
        Hold last = holds.remove(holds.size() - 1);
        holds.add(last.endedAt(now));
        WorkflowTask changed = task.toBuilder().status(TaskStatus.OPEN).holds(holds).version(task.version() + 1)
                .escalation(dueNow(task, now)).build();
        return change(changed, AuditType.TASK_RESUMED, now, Optional.empty(), Optional.empty(),
                Map.of("heldSince", last.from().toString()));
    }

    private static Optional<Change> finish(WorkflowTask task, TaskStatus status, AuditType type, Instant now) {
        if (task.status() == status) {
            return Optional.empty();
        }
        requireActive(task, type == AuditType.TASK_COMPLETED ? "complete" : "cancel");
        List<Hold> holds = new ArrayList<>(task.holds());
        if (task.isOnHold()) {
            holds.add(holds.remove(holds.size() - 1).endedAt(now));
        }
        WorkflowTask changed = task.toBuilder().status(status).holds(holds).version(task.version() + 1)
                .escalation(task.escalation().withNextCheckAt(Optional.empty())).build();
        return Optional.of(change(changed, type, now, Optional.empty(), Optional.empty(), Map.of()));
    }

    private static WorkflowTask.Builder restarted(WorkflowTask task, Instant now) {
        return task.toBuilder().status(TaskStatus.OPEN).holds(List.of()).version(task.version() + 1)
                .escalation(EscalationState.initial(task.escalation().cycle() + 1, now));
    }

    private static EscalationState dueNow(WorkflowTask task, Instant now) {
        return task.escalation().withNextCheckAt(Optional.of(now));
    }

    private static void requireActive(WorkflowTask task, String action) {
        if (!task.status().isActive()) {
            throw new IllegalStateException("cannot " + action + " task '" + task.id() + "': it is " + task.status());
        }
    }

    private static Change change(WorkflowTask task, AuditType type, Instant now, Optional<String> from, Optional<String> to,
            Map<String, String> details) {
        AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), type, task.id(), task.tenant(), now, HOST,
                task.escalation().level(), from, to, Optional.empty(), details);
        return new Change(task, entry);
    }
}
