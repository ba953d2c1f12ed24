package dev.escalation.core.task;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.time.InstantText;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The acknowledgement and the snooze of issue #20 as pure functions, behind
 * {@link TaskChanges#acknowledge} and {@link TaskChanges#snooze}. Both leave the SLA clock, the
 * cycle and the step counters alone; they only record {@link Attention} on the task and make it due
 * for evaluation now, so that the engine computes its next check under the new hold.
 */
final class AttentionChanges {

    private AttentionChanges() {}

    static Optional<TaskChanges.Change> acknowledge(WorkflowTask task, String who, Instant now) {
        InputLimits.name("acknowledgedBy", who);
        requireActive(task, "acknowledge");
        Attention attention = task.escalation().attention();
        if (attention.acknowledged()) {
            // The first acknowledgement stands until someone acts or it times out: acknowledging again
            // (the same person or another) neither extends nor restarts its window.
            return Optional.empty();
        }
        now = ChangeTime.of(task, now);
        WorkflowTask changed = changed(task, attention.acknowledge(who, now), now);
        return Optional.of(new TaskChanges.Change(
                changed, entry(changed, AuditType.TASK_ACKNOWLEDGED, now, who, Map.of("acknowledgedBy", who))));
    }

    static TaskChanges.Change snooze(
            WorkflowTask task, Instant until, String who, Instant now, Optional<Duration> maxSnooze) {
        InputLimits.instant("until", until);
        InputLimits.name("snoozedBy", who);
        requireActive(task, "snooze");
        now = ChangeTime.of(task, now);
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("until must be after now (" + now + "), but was " + until);
        }
        if (maxSnooze.isPresent() && Duration.between(now, until).compareTo(maxSnooze.get()) > 0) {
            throw new IllegalArgumentException("until must be at most max_snooze " + maxSnooze.get() + " after now ("
                    + now + ", so at most " + now.plus(maxSnooze.get()) + ") for task '" + task.id() + "', but was "
                    + until);
        }
        WorkflowTask changed = changed(task, task.escalation().attention().snooze(now, until), now);
        return new TaskChanges.Change(
                changed,
                entry(
                        changed,
                        AuditType.TASK_SNOOZED,
                        now,
                        who,
                        Map.of("until", InstantText.format(until), "snoozedBy", who)));
    }

    private static WorkflowTask changed(WorkflowTask task, Attention attention, Instant now) {
        EscalationState state = task.escalation().withAttention(attention);
        return task.toBuilder()
                .version(task.version() + 1)
                .escalation(task.isOnHold() ? state : state.withNextCheckAt(Optional.of(now)))
                .build();
    }

    private static void requireActive(WorkflowTask task, String action) {
        if (!task.status().isActive()) {
            throw new IllegalStateException("cannot " + action + " task '" + task.id() + "': it is " + task.status());
        }
    }

    private static AuditEntry entry(
            WorkflowTask task, AuditType type, Instant now, String actor, Map<String, String> details) {
        return new AuditEntry(
                AuditEntry.newId(now),
                type,
                task.id(),
                task.tenant(),
                now,
                actor,
                task.escalation().level(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                details);
    }
}
