package dev.escalation.core.memory;

import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.spi.ClaimRequest;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.AbstractTaskStore;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A thread-safe {@link WorkflowRepository} and {@link TaskStore} in memory, for tests, demos and
 * hosts that rebuild their tasks at start-up. It keeps the same model as a durable store: a
 * version check on every change, leases on claims, and a notification outbox.
 *
 * <p>Design: one lock guards everything (simple, and fast enough for 100,000s of tasks), and two
 * ordered indexes - tasks by next check, outbox entries by next attempt - make a claim cost what
 * is due, not what is stored.
 *
 * <pre>{@code
 * InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
 * tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
 * }</pre>
 */
public final class InMemoryWorkflowRepository extends AbstractTaskStore implements WorkflowRepository {

    private static final Comparator<Due> DUE_ORDER =
            Comparator.comparing(Due::at).thenComparing(Due::key);

    private final AuditSink hostAudit;
    private final Map<String, WorkflowTask> tasks = new HashMap<>();
    private final TreeSet<Due> dueTasks = new TreeSet<>(DUE_ORDER);
    private final Map<String, Instant> taskLeases = new HashMap<>();
    private final Map<String, OutboxEntry> outbox = new HashMap<>();
    private final TreeSet<Due> dueNotifications = new TreeSet<>(DUE_ORDER);

    /**
     * A repository whose host-side changes are timed by {@code clock} and not audited.
     *
     * @param clock times the host's changes; use the engine's
     */
    public InMemoryWorkflowRepository(Clock clock) {
        this(clock, AuditSink.discarding());
    }

    /**
     * A repository that also audits host-side changes (open, complete, hold, ...) to {@code hostAudit}.
     *
     * @param clock     times the host's changes; use the engine's
     * @param hostAudit receives an entry for each host-side change
     */
    public InMemoryWorkflowRepository(Clock clock, AuditSink hostAudit) {
        this(clock, hostAudit, TaskRules.none());
    }

    /**
     * A repository that audits host-side changes and accepts only tasks that satisfy {@code rules}.
     *
     * @param clock     times the host's changes; use the engine's
     * @param hostAudit receives an entry for each host-side change
     * @param rules     what the store accepts, such as the allowed priorities
     */
    public InMemoryWorkflowRepository(Clock clock, AuditSink hostAudit, TaskRules rules) {
        super(clock, rules);
        this.hostAudit = Objects.requireNonNull(hostAudit, "hostAudit");
    }

    /** Where an outbox entry stands. */
    public enum OutboxStatus {
        /** Waiting for its first or next delivery attempt. */
        PENDING,
        /** Delivered. */
        DELIVERED,
        /** Not delivered after the last attempt the retry policy allows. */
        GIVEN_UP
    }

    /** An outbox entry, for inspection in tests. */
    public record OutboxEntry(
            Notification notification,
            OutboxStatus status,
            int attempts,
            Instant nextAttemptAt,
            Optional<String> lastError) {}

    // ---- WorkflowRepository -------------------------------------------------------------------

    @Override
    public synchronized List<WorkflowTask> claimDue(ClaimRequest request) {
        List<WorkflowTask> claimed = new ArrayList<>();
        for (Due due : dueTasks) {
            if (claimed.size() == request.limit() || due.at().isAfter(request.now())) {
                break;
            }
            WorkflowTask task = tasks.get(due.key());
            Instant lease = taskLeases.get(due.key());
            boolean leased = lease != null && lease.isAfter(request.now());
            boolean inScope = request.tenants().isEmpty()
                    || task.tenant().map(request.tenants()::contains).orElse(false);
            if (!leased && inScope) {
                taskLeases.put(due.key(), request.leaseUntil());
                claimed.add(task);
            }
        }
        return claimed;
    }

    @Override
    public synchronized List<String> record(List<StepTransition> transitions) {
        List<String> applied = new ArrayList<>();
        for (StepTransition t : transitions) {
            WorkflowTask task = tasks.get(t.taskId());
            if (task == null || task.version() != t.expectedVersion() || task.status() != TaskStatus.OPEN) {
                continue;
            }
            put(task.toBuilder()
                    .assignee(t.assignee())
                    .escalation(t.state())
                    .version(task.version() + 1)
                    .build());
            taskLeases.remove(t.taskId());
            for (Notification n : t.notifications()) {
                if (!outbox.containsKey(n.idempotencyKey())) {
                    putOutbox(new OutboxEntry(n, OutboxStatus.PENDING, 0, t.redeliverAfter(), Optional.empty()));
                }
            }
            applied.add(t.taskId());
        }
        return applied;
    }

    @Override
    public synchronized List<PendingNotification> claimNotifications(ClaimRequest request) {
        // Collect first, lease after: leasing re-indexes the entry, which the walk must not see.
        List<OutboxEntry> due = new ArrayList<>();
        for (Due next : dueNotifications) {
            if (due.size() == request.limit() || next.at().isAfter(request.now())) {
                break;
            }
            OutboxEntry entry = outbox.get(next.key());
            boolean inScope = request.tenants().isEmpty()
                    || entry.notification()
                            .tenant()
                            .map(request.tenants()::contains)
                            .orElse(false);
            if (inScope) {
                due.add(entry);
            }
        }
        List<PendingNotification> claimed = new ArrayList<>(due.size());
        for (OutboxEntry entry : due) {
            claimed.add(new PendingNotification(entry.notification(), entry.attempts(), entry.nextAttemptAt()));
            putOutbox(new OutboxEntry(
                    entry.notification(),
                    OutboxStatus.PENDING,
                    entry.attempts(),
                    request.leaseUntil(),
                    entry.lastError()));
        }
        return claimed;
    }

    @Override
    public synchronized void recordDeliveries(List<DeliveryOutcome> outcomes) {
        for (DeliveryOutcome outcome : outcomes) {
            OutboxEntry entry = outbox.get(outcome.idempotencyKey());
            if (entry == null || entry.status() != OutboxStatus.PENDING) {
                continue;
            }
            OutboxStatus status = outcome.status() == DeliveryOutcome.Status.DELIVERED
                    ? OutboxStatus.DELIVERED
                    : outcome.status() == DeliveryOutcome.Status.GIVEN_UP
                            ? OutboxStatus.GIVEN_UP
                            : OutboxStatus.PENDING;
            putOutbox(new OutboxEntry(
                    entry.notification(),
                    status,
                    outcome.attempts(),
                    outcome.nextAttemptAt().orElse(outcome.at()),
                    outcome.lastError()));
        }
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        Optional<Instant> task = dueTasks.isEmpty()
                ? Optional.empty()
                : Optional.of(dueTasks.first().at());
        Optional<Instant> notification = dueNotifications.isEmpty()
                ? Optional.empty()
                : Optional.of(dueNotifications.first().at());
        if (task.isEmpty()) {
            return notification;
        }
        return notification.isPresent() && notification.get().isBefore(task.get()) ? notification : task;
    }

    /** Counts by walking every active task: fine in memory, where "cheap" is relative. */
    @Override
    public synchronized Optional<SlaCounts> slaCounts(Instant now) {
        long open = 0;
        long onHold = 0;
        long near = 0;
        long breached = 0;
        for (WorkflowTask task : tasks.values()) {
            if (!task.status().isActive()) {
                continue;
            }
            open++;
            if (task.isOnHold()) {
                onHold++;
            } else if (task.escalation().deadline().map(d -> !d.isAfter(now)).orElse(false)) {
                breached++;
            } else if (task.escalation().warningAt().map(w -> !w.isAfter(now)).orElse(false)) {
                near++;
            }
        }
        return Optional.of(new SlaCounts(open, onHold, near, breached));
    }

    // ---- TaskStore ----------------------------------------------------------------------------

    @Override
    public WorkflowTask open(NewTask task) {
        TaskChanges.Change change;
        synchronized (this) {
            change = TaskChanges.open(task, clock().now(), rules());
            if (tasks.containsKey(task.id())) {
                throw new DuplicateTaskException(task.id());
            }
            put(change.task());
        }
        return audited(change);
    }

    @Override
    public synchronized Optional<WorkflowTask> find(String taskId) {
        return Optional.ofNullable(tasks.get(TaskChanges.taskId(taskId)));
    }

    // ---- inspection, for tests ----------------------------------------------------------------

    /**
     * Every task, in no particular order.
     *
     * @return a snapshot of the tasks
     */
    public synchronized List<WorkflowTask> tasks() {
        return List.copyOf(tasks.values());
    }

    /**
     * Every outbox entry, delivered or not.
     *
     * @return a snapshot of the outbox
     */
    public synchronized List<OutboxEntry> outbox() {
        return List.copyOf(outbox.values());
    }

    // ---- internals ----------------------------------------------------------------------------

    @Override
    protected WorkflowTask apply(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change) {
        Optional<TaskChanges.Change> result;
        WorkflowTask current;
        synchronized (this) {
            current = tasks.get(taskId);
            if (current == null) {
                throw new TaskNotFoundException(taskId);
            }
            result = change.apply(current);
            result.ifPresent(c -> {
                put(c.task());
                taskLeases.remove(taskId);
            });
        }
        return result.map(this::audited).orElse(current);
    }

    private WorkflowTask audited(TaskChanges.Change change) {
        try {
            hostAudit.append(List.of(change.audit()));
        } catch (Exception e) {
            throw new IllegalStateException("task '" + change.task().id() + "' changed, but its audit entry failed", e);
        }
        return change.task();
    }

    private void put(WorkflowTask task) {
        WorkflowTask old = tasks.put(task.id(), task);
        if (old != null) {
            old.escalation().nextCheckAt().ifPresent(at -> dueTasks.remove(new Due(at, old.id())));
        }
        if (task.status() == TaskStatus.OPEN) {
            task.escalation().nextCheckAt().ifPresent(at -> dueTasks.add(new Due(at, task.id())));
        }
    }

    private void putOutbox(OutboxEntry entry) {
        String key = entry.notification().idempotencyKey();
        OutboxEntry old = outbox.put(key, entry);
        if (old != null && old.status() == OutboxStatus.PENDING) {
            dueNotifications.remove(new Due(old.nextAttemptAt(), key));
        }
        if (entry.status() == OutboxStatus.PENDING) {
            dueNotifications.add(new Due(entry.nextAttemptAt(), key));
        }
    }

    /** An index entry: something due at an instant. */
    private record Due(Instant at, String key) {}
}
