package dev.escalation.core.memory;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditMirror;
import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorAudit;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.OutboxNotification;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.PolicyPause;
import dev.escalation.core.operations.Redelivery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.AbstractTaskStore;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.InputLimits;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A thread-safe {@link WorkflowRepository} and {@link TaskStore} in memory, for tests, demos and
 * hosts that rebuild their tasks at start-up. It keeps the same model as a durable store: a
 * version check on every change, leases on claims, a notification outbox, and the audit trail of
 * every step and host change ({@link #auditTrail()}), optionally mirrored to an {@link AuditSink}.
 * It answers an operator's {@link OperatorQueries} too.
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
public final class InMemoryWorkflowRepository extends AbstractTaskStore
        implements WorkflowRepository, OperatorQueries, OperatorActions {

    private static final Comparator<Due> DUE_ORDER =
            Comparator.comparing(Due::at).thenComparing(Due::key);

    private final AuditMirror mirror;
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Map<String, WorkflowTask> tasks = new HashMap<>();
    private final TreeSet<Due> dueTasks = new TreeSet<>(DUE_ORDER);
    private final Map<String, Instant> taskLeases = new HashMap<>();
    private final Map<String, OutboxEntry> outbox = new HashMap<>();
    private final TreeSet<Due> dueNotifications = new TreeSet<>(DUE_ORDER);
    private final Set<String> redeliveryRequests = new HashSet<>();
    /** The redelivery request of each outbox entry that an operator put back, by key. */
    private final Map<String, String> redeliveries = new HashMap<>();

    private final Map<String, PolicyPause> pauses = new TreeMap<>();

    /**
     * A repository timed by {@code clock}: host changes, and the runs of the engine built on it.
     *
     * @param clock the one clock of host changes and runs
     */
    public InMemoryWorkflowRepository(Clock clock) {
        this(clock, AuditSink.discarding());
    }

    /**
     * A repository that also hands every audit entry it stores (steps, failures, host changes) to
     * {@code mirror}, after storing it; a failing mirror is logged and fails nothing.
     *
     * @param clock the one clock of host changes and runs
     * @param mirror receives a copy of every stored entry
     */
    public InMemoryWorkflowRepository(Clock clock, AuditSink mirror) {
        this(clock, mirror, TaskRules.none());
    }

    /**
     * A repository that mirrors its audit trail and accepts only tasks that satisfy {@code rules}.
     *
     * @param clock the one clock of host changes and runs
     * @param mirror receives a copy of every stored entry
     * @param rules what the task store accepts beyond what every task must satisfy
     */
    public InMemoryWorkflowRepository(Clock clock, AuditSink mirror, TaskRules rules) {
        super(clock, rules);
        this.mirror = AuditMirror.of(mirror);
    }

    /** Where an outbox entry stands. */
    public enum OutboxStatus {
        /** Waiting for its first or next delivery attempt. */
        PENDING,
        /** Delivered. */
        DELIVERED,
        /** Not delivered after the last attempt the retry policy allows. */
        GIVEN_UP,
        /** Not sent: its task changed since it was queued; {@code lastError} says how. */
        WITHDRAWN
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
    public synchronized List<WorkflowTask> claimDue(RunScope scope, int limit) {
        List<WorkflowTask> claimed = new ArrayList<>();
        for (Due due : dueTasks) {
            if (claimed.size() == limit || due.at().isAfter(scope.now())) {
                break;
            }
            WorkflowTask task = tasks.get(due.key());
            if (leaseEnd(due.key(), scope).isEmpty() && scope.includes(task.tenant())) {
                taskLeases.put(due.key(), scope.leaseUntil());
                claimed.add(task);
            }
        }
        return claimed;
    }

    @Override
    public synchronized List<String> record(RunScope scope, List<StepTransition> transitions) {
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
                    putOutbox(new OutboxEntry(n, OutboxStatus.PENDING, 0, scope.leaseUntil(), Optional.empty()));
                }
            }
            store(t.auditEntries());
            applied.add(t.taskId());
        }
        return applied;
    }

    @Override
    public synchronized void appendAudit(RunScope scope, List<AuditEntry> entries) {
        store(entries);
    }

    @Override
    public synchronized List<PendingNotification> claimNotifications(RunScope scope, int limit) {
        // Collect first, lease after: leasing re-indexes the entry, which the walk must not see.
        List<OutboxEntry> due = new ArrayList<>();
        for (Due next : dueNotifications) {
            if (due.size() == limit || next.at().isAfter(scope.now())) {
                break;
            }
            OutboxEntry entry = outbox.get(next.key());
            if (scope.includes(entry.notification().tenant())) {
                due.add(entry);
            }
        }
        List<PendingNotification> claimed = new ArrayList<>(due.size());
        for (OutboxEntry entry : due) {
            String key = entry.notification().idempotencyKey();
            claimed.add(new PendingNotification(
                    entry.notification(),
                    entry.attempts(),
                    entry.nextAttemptAt(),
                    Optional.ofNullable(redeliveries.get(key))));
            putOutbox(new OutboxEntry(
                    entry.notification(),
                    OutboxStatus.PENDING,
                    entry.attempts(),
                    scope.leaseUntil(),
                    entry.lastError()));
        }
        return claimed;
    }

    @Override
    public synchronized Map<String, WorkflowTask> currentTasks(RunScope scope, Set<String> taskIds) {
        Map<String, WorkflowTask> current = new HashMap<>();
        for (String id : taskIds) {
            WorkflowTask task = tasks.get(id);
            if (task != null) {
                current.put(id, task);
            }
        }
        return current;
    }

    @Override
    public synchronized void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
        for (DeliveryOutcome outcome : outcomes) {
            OutboxEntry entry = outbox.get(outcome.idempotencyKey());
            if (entry == null || entry.status() != OutboxStatus.PENDING) {
                continue;
            }
            OutboxStatus status = switch (outcome.status()) {
                case DELIVERED -> OutboxStatus.DELIVERED;
                case GIVEN_UP -> OutboxStatus.GIVEN_UP;
                case RETRY, DEFERRED -> OutboxStatus.PENDING;
                case WITHDRAWN -> OutboxStatus.WITHDRAWN;
            };
            putOutbox(new OutboxEntry(
                    entry.notification(),
                    status,
                    outcome.attempts(),
                    outcome.nextAttemptAt().orElse(outcome.at()),
                    outcome.lastError()));
        }
    }

    /**
     * Walks the due index in order: a task of another tenant is passed over, a leased one counts at
     * its lease's end, and the walk stops at the first entry that cannot beat the best so far. Its
     * cost is the leased and out-of-scope entries ahead of the answer, not the stored tasks.
     */
    @Override
    public synchronized Optional<Instant> nextDueAt(RunScope scope) {
        Instant best = null;
        for (Due due : dueTasks) {
            if (best != null && !due.at().isBefore(best)) {
                break;
            }
            if (scope.includes(tasks.get(due.key()).tenant())) {
                Instant at =
                        leaseEnd(due.key(), scope).filter(due.at()::isBefore).orElse(due.at());
                best = best == null || at.isBefore(best) ? at : best;
            }
        }
        for (Due next : dueNotifications) {
            if (best != null && !next.at().isBefore(best)) {
                break;
            }
            if (scope.includes(outbox.get(next.key()).notification().tenant())) {
                best = next.at();
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    // Walks every task: fine in memory, and asked once when an engine starts or is handed new policies.
    @Override
    public synchronized Set<PolicyVersion> recordedPolicyVersions(RunScope scope) {
        Set<PolicyVersion> recorded = new HashSet<>();
        for (WorkflowTask task : tasks.values()) {
            if (task.status() == TaskStatus.OPEN && scope.includes(task.tenant())) {
                task.escalation().policy().ifPresent(recorded::add);
            }
        }
        return recorded;
    }

    // Walks every task, in id order, and leases what it returns as claimDue does.
    @Override
    public synchronized List<WorkflowTask> claimPlannedUnder(RunScope scope, PolicyVersion version, int limit) {
        List<WorkflowTask> claimed = new ArrayList<>();
        for (String id : new TreeSet<>(tasks.keySet())) {
            if (claimed.size() == limit) {
                break;
            }
            WorkflowTask task = tasks.get(id);
            if (task.status() == TaskStatus.OPEN
                    && scope.includes(task.tenant())
                    && task.escalation().policy().filter(version::equals).isPresent()
                    && leaseEnd(id, scope).isEmpty()) {
                taskLeases.put(id, scope.leaseUntil());
                claimed.add(task);
            }
        }
        return claimed;
    }

    /** Counts by walking every active task: fine in memory, where "cheap" is relative. */
    @Override
    public synchronized Optional<SlaCounts> slaCounts(RunScope scope) {
        Instant now = scope.now();
        long open = 0;
        long onHold = 0;
        long near = 0;
        long breached = 0;
        for (WorkflowTask task : tasks.values()) {
            if (!task.status().isActive() || !scope.includes(task.tenant())) {
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

    // ---- OperatorQueries ----------------------------------------------------------------------

    @Override
    public synchronized Page<OpenTask> openTasks(TaskQuery query) {
        return MemoryPages.openTasks(tasks.values(), query);
    }

    @Override
    public synchronized Page<AuditEntry> auditEntries(AuditQuery query) {
        return MemoryPages.auditEntries(audit, query);
    }

    @Override
    public synchronized Page<OutboxNotification> notifications(OutboxQuery query) {
        List<OutboxNotification> undelivered = new ArrayList<>();
        for (OutboxEntry entry : outbox.values()) {
            if (entry.status() == OutboxStatus.PENDING || entry.status() == OutboxStatus.GIVEN_UP) {
                undelivered.add(new OutboxNotification(
                        entry.notification(),
                        OutboxNotification.stateOf(entry.status() == OutboxStatus.GIVEN_UP, entry.attempts()),
                        entry.attempts(),
                        entry.nextAttemptAt(),
                        entry.lastError()));
            }
        }
        return MemoryPages.notifications(undelivered, query);
    }

    @Override
    public synchronized Set<String> pausedPolicies(RunScope scope) {
        return Set.copyOf(pauses.keySet());
    }

    // ---- OperatorActions ----------------------------------------------------------------------

    /** {@inheritDoc} A given-up entry's {@code nextAttemptAt} is when it was given up. */
    @Override
    public synchronized Redelivery redeliver(RedeliveryRequest request) {
        Require.present("request", request);
        if (!redeliveryRequests.add(request.requestId())) {
            return new Redelivery(request.requestId(), true, List.of());
        }
        Instant now = clock().now();
        List<OutboxEntry> chosen = outbox.values().stream()
                .filter(e -> e.status() == OutboxStatus.GIVEN_UP && selects(request.selection(), e))
                .sorted(Comparator.comparing(e -> e.notification().idempotencyKey()))
                .toList();
        List<AuditEntry> entries = new ArrayList<>(chosen.size());
        List<String> keys = new ArrayList<>(chosen.size());
        for (OutboxEntry e : chosen) {
            String key = e.notification().idempotencyKey();
            putOutbox(new OutboxEntry(e.notification(), OutboxStatus.PENDING, 0, now, e.lastError()));
            redeliveries.put(key, request.requestId());
            entries.add(OperatorAudit.redeliveryRequested(request, e.notification(), now));
            keys.add(key);
        }
        store(entries);
        return new Redelivery(request.requestId(), false, keys);
    }

    @Override
    public synchronized boolean pausePolicy(String policyName, String operator) {
        InputLimits.name("policyName", policyName);
        InputLimits.name("operator", operator);
        if (pauses.containsKey(policyName)) {
            return false;
        }
        Instant now = clock().now();
        pauses.put(policyName, new PolicyPause(policyName, operator, now));
        store(List.of(OperatorAudit.policy(AuditType.POLICY_PAUSED, policyName, operator, now)));
        return true;
    }

    @Override
    public synchronized boolean resumePolicy(String policyName, String operator) {
        InputLimits.name("policyName", policyName);
        InputLimits.name("operator", operator);
        if (pauses.remove(policyName) == null) {
            return false;
        }
        store(List.of(OperatorAudit.policy(AuditType.POLICY_RESUMED, policyName, operator, clock().now())));
        return true;
    }

    @Override
    public synchronized List<PolicyPause> pausedPolicies() {
        return List.copyOf(pauses.values());
    }

    private static boolean selects(RedeliveryRequest.Selection selection, OutboxEntry entry) {
        Notification n = entry.notification();
        if (selection instanceof RedeliveryRequest.Selection.One one) {
            return n.idempotencyKey().equals(one.idempotencyKey());
        }
        if (selection instanceof RedeliveryRequest.Selection.OfTask task) {
            return n.taskId().equals(task.taskId());
        }
        RedeliveryRequest.Selection.GivenUpBetween range = (RedeliveryRequest.Selection.GivenUpBetween) selection;
        return !entry.nextAttemptAt().isBefore(range.from())
                && entry.nextAttemptAt().isBefore(range.until());
    }

    /** Walks every task once per page, keeping the {@code limit} smallest ids after {@code afterId}. */
    @Override
    public synchronized List<WorkflowTask> openTasks(RunScope scope, Optional<String> afterId, int limit) {
        Require.positive("limit", limit);
        TreeSet<String> page = new TreeSet<>();
        for (WorkflowTask task : tasks.values()) {
            if (task.status().isActive()
                    && scope.includes(task.tenant())
                    && afterId.map(after -> task.id().compareTo(after) > 0).orElse(true)) {
                page.add(task.id());
                if (page.size() > limit) {
                    page.pollLast();
                }
            }
        }
        return page.stream().map(tasks::get).toList();
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

    /** All or nothing, first checks planned by {@link TaskImports}; the audit entries in the import's order. */
    @Override
    public List<WorkflowTask> openAll(Collection<NewTask> tasks) {
        List<TaskChanges.Change> changes;
        synchronized (this) {
            changes = TaskImports.open(tasks, clock().now(), rules());
            for (TaskChanges.Change change : changes) {
                if (this.tasks.containsKey(change.task().id())) {
                    throw new DuplicateTaskException(change.task().id());
                }
            }
            changes.forEach(change -> put(change.task()));
            store(changes.stream().map(TaskChanges.Change::audit).toList());
        }
        return changes.stream().map(TaskChanges.Change::task).toList();
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
     * The audit trail: every entry this repository stored, in order.
     *
     * @return a live view of the trail; each read is a snapshot
     */
    public AuditTrail auditTrail() {
        return new AuditTrail() {
            @Override
            public List<AuditEntry> entries() {
                return matching(entry -> true);
            }

            @Override
            public List<AuditEntry> entriesFor(String taskId) {
                return matching(entry -> entry.taskId().equals(taskId));
            }

            @Override
            public List<AuditEntry> entriesOf(AuditType type) {
                return matching(entry -> entry.type() == type);
            }
        };
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
        synchronized (this) {
            store(List.of(change.audit()));
        }
        return change.task();
    }

    /** Stores entries in the trail and mirrors them; called holding the lock, so the mirror sees the trail's order. */
    private void store(List<AuditEntry> entries) {
        audit.addAll(entries);
        mirror.append(entries);
    }

    private synchronized List<AuditEntry> matching(Predicate<AuditEntry> filter) {
        return audit.stream().filter(filter).toList();
    }

    /** The end of another run's unexpired lease on a task, if one holds it at the scope's instant. */
    private Optional<Instant> leaseEnd(String taskId, RunScope scope) {
        return Optional.ofNullable(taskLeases.get(taskId)).filter(scope.now()::isBefore);
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
