package dev.escalation.core.task;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.time.InstantText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host-side task changes of {@link TaskStore} as pure functions, so that every store - in
 * memory, JDBC, or a host's own over its own tables - validates and applies them alike. Each takes
 * the task as loaded and returns the changed task (version bumped, claim released, due for
 * evaluation now where the change can move a deadline) and the audit entry that records the change;
 * a store only loads, locks, saves and appends the entry. Bad input fails with an
 * {@link IllegalArgumentException}, a change the task's status forbids with an
 * {@link IllegalStateException}, both naming the field or the task; nothing is changed then.
 *
 * <p>{@code now} is the changing node's; a change takes the later of it and the last instant recorded
 * on the task, so that a node whose clock is behind another's can still change a task the other
 * changed a moment ago and never dates it back (see "Time across nodes" in docs/reliability.md).
 *
 * <pre>{@code
 * WorkflowTask current = loadAndLock(taskId);                       // your store's own read
 * TaskChanges.Change change = TaskChanges.reassign(current, "bob", clock.now());
 * save(change.task());                                              // same transaction
 * auditSink.append(List.of(change.audit()));
 * }</pre>
 *
 * The {@code WorkflowRepositoryContract} tests of {@code escalation-testkit} check that a store applies them.
 */
public final class TaskChanges {

    /** The actor named in audit entries of host-side changes. */
    public static final String HOST = "host";

    private TaskChanges() {}

    /** A changed task and the audit entry that records the change. */
    public record Change(WorkflowTask task, AuditEntry audit) {}

    /**
     * Checks a task id that the host passed to the store: blank or null names no task.
     *
     * @param taskId the id to check
     * @return the id
     * @throws IllegalArgumentException when it is blank or null, or beyond the {@link InputLimits} of a name
     */
    public static String taskId(String taskId) {
        return InputLimits.name("taskId", taskId);
    }

    /**
     * Opens {@code t} at {@code now}, any priority allowed: cycle 0, version 1, due for evaluation now.
     *
     * @param t   the new task
     * @param now the store's current instant
     * @return the change that opens it
     */
    public static Change open(NewTask t, Instant now) {
        return open(t, now, TaskRules.none());
    }

    /**
     * Opens {@code t} at {@code now} as {@code rules} allow: cycle 0, version 1, due for evaluation now.
     *
     * @param t     the new task
     * @param now   the store's current instant
     * @param rules what the store accepts
     * @return the change that opens it
     * @throws IllegalArgumentException when the task is null, its priority is not allowed, or its SLA starts after {@code now}
     */
    public static Change open(NewTask t, Instant now, TaskRules rules) {
        return open(t, now, rules, now);
    }

    /**
     * What opening {@code t} at {@code now} checks beyond the task itself, without building anything:
     * an import checks all of its tasks so before it stores any.
     */
    static void check(NewTask t, Instant now, TaskRules rules) {
        Require.present("task", t);
        rules.checkPriority(t.priority());
        if (t.slaStart().isAfter(now)) {
            throw new IllegalArgumentException("slaStart must not be in the future (now " + now + "), but was "
                    + t.slaStart() + " for task '" + t.id() + "'");
        }
    }

    /**
     * Opens {@code t} at {@code now} as {@link #open(NewTask, Instant, TaskRules)} does, but first
     * checked at {@code firstCheckAt}: an import plans its tasks' first checks before it opens them,
     * so that each task is built once.
     */
    static Change open(NewTask t, Instant now, TaskRules rules, Instant firstCheckAt) {
        check(t, now, rules);
        WorkflowTask task = WorkflowTask.builder(t.id())
                .workflowType(t.workflowType())
                .stage(t.stage())
                .assignee(t.assignee())
                .priority(t.priority())
                .tenant(t.tenant().orElse(null))
                .slaStart(t.slaStart())
                .attributes(t.attributes())
                .escalation(EscalationState.initial(0, firstCheckAt))
                .version(1)
                .build();
        return change(
                task,
                AuditType.TASK_OPENED,
                now,
                Optional.empty(),
                Optional.of(t.assignee()),
                // Everything but the attributes: a replay of the trail opens the task again from it, and a
                // compliance report groups by workflow type and priority reading the trail alone.
                Map.of(
                        "stage",
                        t.stage(),
                        "workflowType",
                        t.workflowType(),
                        "priority",
                        t.priority(),
                        "slaStart",
                        InstantText.format(t.slaStart())));
    }

    /**
     * Completes an active task, ending a hold; empty when it is completed already (completing twice is no change).
     *
     * @param task the task as loaded
     * @param now  the store's current instant
     * @return the change, or empty when there is none
     * @throws IllegalStateException when the task was cancelled
     */
    public static Optional<Change> complete(WorkflowTask task, Instant now) {
        return finish(task, TaskStatus.COMPLETED, AuditType.TASK_COMPLETED, now);
    }

    /**
     * Cancels an active task, ending a hold; empty when it is cancelled already.
     *
     * @param task the task as loaded
     * @param now  the store's current instant
     * @return the change, or empty when there is none
     * @throws IllegalStateException when the task was completed
     */
    public static Optional<Change> cancel(WorkflowTask task, Instant now) {
        return finish(task, TaskStatus.CANCELLED, AuditType.TASK_CANCELLED, now);
    }

    /**
     * Gives an active task to {@code assignee}: a new cycle whose SLA starts {@code now}, holds cleared.
     *
     * @param task     the task as loaded
     * @param assignee the new assignee
     * @param now      the store's current instant
     * @return the change
     * @throws IllegalArgumentException when {@code assignee} is blank
     * @throws IllegalStateException    when the task is finished
     */
    public static Change reassign(WorkflowTask task, String assignee, Instant now) {
        InputLimits.name("assignee", assignee);
        requireActive(task, "reassign");
        now = ChangeTime.of(task, now);
        WorkflowTask.Builder restarted = restarted(task, now);
        if (!task.escalation().goals().isEmpty()) {
            // A task of named goals remembers its first reassignment, an event that meets goals; met
            // goals stay met in the new cycle. A task of one goal restarts exactly as it always did.
            EscalationState fresh = EscalationState.initial(task.escalation().cycle() + 1, now);
            restarted.escalation(fresh.withGoals(task.escalation().goals().afterReassignment(now)));
        }
        WorkflowTask changed = restarted.assignee(assignee).slaStart(now).build();
        return change(
                changed, AuditType.TASK_REASSIGNED, now, Optional.of(task.assignee()), Optional.of(assignee), Map.of());
    }

    /**
     * Moves an active task to {@code stage}, entered at {@code enteredAt}, with {@code assignee}: a new
     * cycle whose SLA starts at {@code enteredAt}, holds cleared.
     *
     * @param task      the task as loaded
     * @param stage     the new stage
     * @param assignee  the new assignee
     * @param enteredAt when the task entered the stage: its new SLA start
     * @param now       the store's current instant
     * @return the change
     * @throws IllegalArgumentException when a value is blank or {@code enteredAt} is after {@code now}
     * @throws IllegalStateException    when the task is finished
     */
    public static Change changeStage(WorkflowTask task, String stage, String assignee, Instant enteredAt, Instant now) {
        InputLimits.name("stage", stage);
        InputLimits.name("assignee", assignee);
        Instant slaStart = InputLimits.instant("enteredAt", enteredAt);
        requireActive(task, "change the stage of");
        now = ChangeTime.of(task, now);
        if (enteredAt.isAfter(now)) {
            throw new IllegalArgumentException(
                    "enteredAt must not be in the future (now " + now + "), but was " + enteredAt);
        }
        WorkflowTask changed = restarted(task, now)
                .stage(stage)
                .assignee(assignee)
                .slaStart(slaStart)
                .build();
        return change(
                changed,
                AuditType.STAGE_CHANGED,
                now,
                Optional.of(task.assignee()),
                Optional.of(assignee),
                Map.of("fromStage", task.stage(), "toStage", stage, "enteredAt", InstantText.format(slaStart)));
    }

    /**
     * Changes an active task's priority, any priority allowed; the task is due for evaluation now, as its SLA may change.
     *
     * @param task     the task as loaded
     * @param priority the new priority
     * @param now      the store's current instant
     * @return the change
     */
    public static Change changePriority(WorkflowTask task, String priority, Instant now) {
        return changePriority(task, priority, now, TaskRules.none());
    }

    /**
     * Changes an active task's priority as {@code rules} allow; the task is due for evaluation now.
     *
     * @param task     the task as loaded
     * @param priority the new priority
     * @param now      the store's current instant
     * @param rules    what the store accepts
     * @return the change
     * @throws IllegalArgumentException when the priority is blank or not allowed
     * @throws IllegalStateException    when the task is finished
     */
    public static Change changePriority(WorkflowTask task, String priority, Instant now, TaskRules rules) {
        InputLimits.name("priority", priority);
        rules.checkPriority(priority);
        requireActive(task, "change the priority of");
        now = ChangeTime.of(task, now);
        WorkflowTask changed = task.toBuilder()
                .priority(priority)
                .version(task.version() + 1)
                .escalation(dueNow(task, now))
                .build();
        return change(
                changed,
                AuditType.PRIORITY_CHANGED,
                now,
                Optional.empty(),
                Optional.empty(),
                Map.of("fromPriority", task.priority(), "toPriority", priority));
    }

    /**
     * Puts an open task on hold from {@code now}: no checks until it is resumed.
     *
     * @param task the task as loaded
     * @param now  the store's current instant
     * @return the change
     * @throws IllegalStateException when the task is not open
     */
    public static Change hold(WorkflowTask task, Instant now) {
        if (task.status() != TaskStatus.OPEN) {
            throw new IllegalStateException("task '" + task.id() + "' cannot be put on hold while " + task.status());
        }
        now = ChangeTime.of(task, now);
        List<Hold> holds = new ArrayList<>(task.holds());
        holds.add(Hold.since(now));
        WorkflowTask changed = task.toBuilder()
                .status(TaskStatus.ON_HOLD)
                .holds(holds)
                .version(task.version() + 1)
                .escalation(task.escalation().withNextCheckAt(Optional.empty()))
                .build();
        return change(changed, AuditType.TASK_HELD, now, Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * Ends the hold of a task on hold at {@code now}; the task is due for evaluation now.
     *
     * @param task the task as loaded
     * @param now  the store's current instant
     * @return the change
     * @throws IllegalStateException when the task is not on hold
     */
    public static Change resume(WorkflowTask task, Instant now) {
        if (task.status() != TaskStatus.ON_HOLD) {
            throw new IllegalStateException("task '" + task.id() + "' cannot be resumed while " + task.status());
        }
        now = ChangeTime.of(task, now);
        List<Hold> holds = new ArrayList<>(task.holds());
        Hold last = holds.remove(holds.size() - 1);
        holds.add(last.endedAt(now));
        WorkflowTask changed = task.toBuilder()
                .status(TaskStatus.OPEN)
                .holds(holds)
                .version(task.version() + 1)
                .escalation(dueNow(task, now))
                .build();
        return change(
                changed,
                AuditType.TASK_RESUMED,
                now,
                Optional.empty(),
                Optional.empty(),
                Map.of("heldSince", InstantText.format(last.from())));
    }

    /**
     * Acknowledges an active task for {@code who}: its steps wait for the policy's acknowledgement
     * timeout (the engine knows the policy), the SLA clock runs on; empty when it is acknowledged already
     * (the first acknowledgement stands, its window is neither extended nor restarted).
     *
     * @param task the task as loaded
     * @param who  who acknowledges it: the audit entry's actor
     * @param now  the store's current instant
     * @return the change, or empty when there is none
     * @throws IllegalArgumentException when {@code who} is blank
     * @throws IllegalStateException    when the task is finished
     */
    public static Optional<Change> acknowledge(WorkflowTask task, String who, Instant now) {
        return AttentionChanges.acknowledge(task, who, now);
    }

    /**
     * Snoozes the reminders of an active task until {@code until} for {@code who}, replacing an earlier
     * snooze; warnings, escalations and the deadline keep their instants.
     *
     * @param task      the task as loaded
     * @param until     when the snooze ends: after {@code now}, at most {@code maxSnooze} after it
     * @param who       who snoozes it: the audit entry's actor
     * @param now       the store's current instant
     * @param maxSnooze the task's policy's {@code max_snooze}; empty when unbounded or unknown to the store
     * @return the change
     * @throws IllegalArgumentException when {@code who} is blank or {@code until} is not after {@code now}
     *                                  or beyond {@code maxSnooze}
     * @throws IllegalStateException    when the task is finished
     */
    public static Change snooze(
            WorkflowTask task, Instant until, String who, Instant now, Optional<Duration> maxSnooze) {
        return AttentionChanges.snooze(task, until, who, now, maxSnooze);
    }

    private static Optional<Change> finish(WorkflowTask task, TaskStatus status, AuditType type, Instant now) {
        if (task.status() == status) {
            return Optional.empty();
        }
        requireActive(task, type == AuditType.TASK_COMPLETED ? "complete" : "cancel");
        now = ChangeTime.of(task, now);
        List<Hold> holds = new ArrayList<>(task.holds());
        if (task.isOnHold()) {
            holds.add(holds.remove(holds.size() - 1).endedAt(now));
        }
        WorkflowTask changed = task.toBuilder()
                .status(status)
                .holds(holds)
                .version(task.version() + 1)
                .escalation(task.escalation().withNextCheckAt(Optional.empty()))
                .build();
        return Optional.of(change(changed, type, now, Optional.empty(), Optional.empty(), Map.of()));
    }

    private static WorkflowTask.Builder restarted(WorkflowTask task, Instant now) {
        return task.toBuilder()
                .status(TaskStatus.OPEN)
                .holds(List.of())
                .version(task.version() + 1)
                .escalation(EscalationState.initial(task.escalation().cycle() + 1, now));
    }

    private static EscalationState dueNow(WorkflowTask task, Instant now) {
        return task.escalation().withNextCheckAt(Optional.of(now));
    }

    static void requireActive(WorkflowTask task, String action) {
        if (!task.status().isActive()) {
            throw new IllegalStateException("cannot " + action + " task '" + task.id() + "': it is " + task.status());
        }
    }

    static Change change(
            WorkflowTask task,
            AuditType type,
            Instant now,
            Optional<String> from,
            Optional<String> to,
            Map<String, String> details) {
        AuditEntry entry = new AuditEntry(
                AuditEntry.newId(now),
                type,
                task.id(),
                task.tenant(),
                now,
                HOST,
                task.escalation().level(),
                from,
                to,
                Optional.empty(),
                details);
        return new Change(task, entry);
    }
}
