package dev.escalation.core.preview;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the host's changes recorded in an audit trail to a task store, as the host made them.
 * Opening entries written before issue #16 lack the workflow type, priority and SLA start; those
 * fall back to {@link #UNKNOWN_WORKFLOW}, the default priority and the entry's instant. Attributes are
 * never in the trail (they may be sensitive), so replayed tasks have none.
 */
final class HistoryEvents {

    /** The workflow type of a task whose opening entry does not name one. */
    static final String UNKNOWN_WORKFLOW = "unknown";

    /** The entry types that record a host's change. */
    static final Set<AuditType> HOST_CHANGES = EnumSet.of(
            AuditType.TASK_OPENED,
            AuditType.TASK_COMPLETED,
            AuditType.TASK_CANCELLED,
            AuditType.TASK_REASSIGNED,
            AuditType.STAGE_CHANGED,
            AuditType.PRIORITY_CHANGED,
            AuditType.TASK_HELD,
            AuditType.TASK_RESUMED,
            AuditType.TASK_ACKNOWLEDGED,
            AuditType.TASK_SNOOZED);

    private HistoryEvents() {}

    /** Applies {@code e}, a host change, to {@code store} (whose clock stands at the entry's instant). */
    static void apply(TaskStore store, AuditEntry e) {
        Map<String, String> d = e.details();
        String id = e.taskId();
        switch (e.type()) {
            case TASK_OPENED -> {
                NewTask task = new NewTask(
                        id,
                        d.getOrDefault("workflowType", UNKNOWN_WORKFLOW),
                        required(e, "stage"),
                        e.toAssignee().orElseThrow(() -> missing(e, "toAssignee")),
                        d.getOrDefault("priority", WorkflowTask.DEFAULT_PRIORITY),
                        e.tenant(),
                        instant(d.get("slaStart"), e.occurredAt()),
                        Map.of());
                store.open(task);
            }
            case TASK_COMPLETED -> store.complete(id);
            case TASK_CANCELLED -> store.cancel(id);
            case TASK_REASSIGNED -> store.reassign(id, e.toAssignee().orElseThrow(() -> missing(e, "toAssignee")));
            case STAGE_CHANGED ->
                store.changeStage(
                        id,
                        required(e, "toStage"),
                        e.toAssignee().orElseThrow(() -> missing(e, "toAssignee")),
                        instant(d.get("enteredAt"), e.occurredAt()));
            case PRIORITY_CHANGED -> store.changePriority(id, required(e, "toPriority"));
            case TASK_HELD -> store.hold(id);
            case TASK_RESUMED -> store.resume(id);
            case TASK_ACKNOWLEDGED -> store.acknowledge(id, e.actor());
            case TASK_SNOOZED -> store.snooze(id, Instant.parse(required(e, "until")), e.actor());
            default ->
                throw new IllegalArgumentException("entry " + e.id() + " of type " + e.type()
                        + " records no host change; expected one of " + HOST_CHANGES);
        }
    }

    private static String required(AuditEntry e, String detail) {
        return Optional.ofNullable(e.details().get(detail)).orElseThrow(() -> missing(e, "details." + detail));
    }

    private static Instant instant(String text, Instant fallback) {
        return text == null ? fallback : Instant.parse(text);
    }

    private static IllegalArgumentException missing(AuditEntry e, String field) {
        return new IllegalArgumentException(
                "audit entry " + e.id() + " (" + e.type() + " of task '" + e.taskId() + "') has no " + field);
    }
}
