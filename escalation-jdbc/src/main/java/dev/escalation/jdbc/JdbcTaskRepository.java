package dev.escalation.jdbc;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.OutboxNotification;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RecordedBatch;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.AbstractTaskStore;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The JDBC {@link WorkflowRepository} and {@link TaskStore} over the task, audit and outbox tables.
 * It only composes the parts, each of which explains its SQL: {@link TaskClaims},
 * {@link StepRecorder}, {@link OutboxRows}, {@link HostChanges}, {@link UnreadableRows} and
 * {@link SlaQueries}. Thread-safe: it holds no state beyond configuration; every call takes its own
 * connection.
 */
final class JdbcTaskRepository extends AbstractTaskStore implements WorkflowRepository, OperatorQueries {

    private final StoreContext ctx;
    private final TaskClaims claims;
    private final StepRecorder recorder;
    private final OutboxRows outbox;
    private final HostChanges host;
    private final UnreadableRows unreadable;
    private final SlaQueries queries;
    private final TaskImport taskImport;
    private final OperatorRows operator;
    private final OpenTaskPages openTasks;

    public JdbcTaskRepository(StoreContext ctx, TaskRules rules) {
        super(ctx.clock(), rules);
        this.ctx = ctx;
        this.claims = new TaskClaims(ctx);
        this.outbox = new OutboxRows(ctx);
        this.recorder = new StepRecorder(ctx, outbox, claims);
        this.host = new HostChanges(ctx, rules);
        this.taskImport = new TaskImport(ctx, rules, host);
        this.unreadable = new UnreadableRows(ctx);
        this.queries = new SlaQueries(ctx);
        this.openTasks = new OpenTaskPages(ctx);
        this.operator = new OperatorRows(ctx);
    }

    // ---- OperatorQueries: so that an engine on this repository can explain a task -------------

    @Override
    public Page<OpenTask> openTasks(TaskQuery query) {
        return operator.openTasks(query);
    }

    @Override
    public Page<AuditEntry> auditEntries(AuditQuery query) {
        return operator.auditEntries(query);
    }

    @Override
    public Page<OutboxNotification> notifications(OutboxQuery query) {
        return operator.notifications(query);
    }

    // ---- WorkflowRepository -------------------------------------------------------------------

    /**
     * Claims due rows; unreadable ones are deferred and audited instead of returned, and their
     * places are filled by claiming again, so a run never mistakes a page of bad rows for "nothing due".
     */
    @Override
    public List<WorkflowTask> claimDue(RunScope scope, int limit) {
        return readable(scope, limit, left -> claims.claim(scope, left));
    }

    /** Claims rows of the version as {@link #claimDue} claims due rows: unreadable ones are deferred and replaced. */
    @Override
    public List<WorkflowTask> claimPlannedUnder(RunScope scope, PolicyVersion version, int limit) {
        return readable(scope, limit, left -> claims.claimPlannedUnder(scope, version, left));
    }

    /** Claims until {@code limit} readable tasks or nothing more: unreadable rows are deferred and their places filled. */
    private List<WorkflowTask> readable(RunScope scope, int limit, IntFunction<List<TaskRows.Row>> claim) {
        List<WorkflowTask> tasks = new ArrayList<>();
        while (tasks.size() < limit) {
            List<TaskRows.Row> rows = claim.apply(limit - tasks.size());
            List<TaskRows.Unreadable> bad = new ArrayList<>();
            for (TaskRows.Row row : rows) {
                if (row instanceof TaskRows.ReadableRow readable) {
                    tasks.add(readable.task());
                } else {
                    bad.add((TaskRows.Unreadable) row);
                }
            }
            if (bad.isEmpty()) {
                break;
            }
            unreadable.defer(bad, scope);
        }
        return tasks;
    }

    @Override
    public Set<PolicyVersion> recordedPolicyVersions(RunScope scope) {
        return claims.recordedPolicyVersions(scope);
    }

    @Override
    public List<String> record(RunScope scope, List<StepTransition> transitions) {
        return recorder.record(scope, transitions);
    }

    /**
     * On PostgreSQL, claims, plans and records the batch in one transaction, the due rows locked
     * instead of leased ({@link StepRecorder#claimAndRecord}); a batch with an unreadable row, and
     * every batch on H2, takes the default path: {@link #claimDue}, the planner, {@link #record}.
     */
    @Override
    public RecordedBatch claimAndRecord(
            RunScope scope, int limit, Function<List<WorkflowTask>, List<StepTransition>> planner) {
        Require.positive("limit", limit);
        if (ctx.dialect().supportsSingleStatementClaim()) {
            Optional<RecordedBatch> batch = recorder.claimAndRecord(scope, limit, planner);
            if (batch.isPresent()) {
                return batch.get();
            }
        }
        return WorkflowRepository.super.claimAndRecord(scope, limit, planner);
    }

    @Override
    public void appendAudit(RunScope scope, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ctx.tx().inTransaction("appending " + entries.size() + " audit entries", c -> {
            ctx.audit().append(c, entries);
            return null;
        });
        ctx.mirror().append(entries);
    }

    @Override
    public Set<String> pausedPolicies(RunScope scope) {
        return JdbcOperatorActions.pausedNames(ctx);
    }

    @Override
    public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
        return outbox.claim(scope, limit);
    }

    @Override
    public Map<String, WorkflowTask> currentTasks(RunScope scope, Set<String> taskIds) {
        return taskIds.isEmpty() ? Map.of() : host.findAll(taskIds);
    }

    @Override
    public void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
        outbox.recordOutcomes(scope, outcomes);
    }

    @Override
    public Optional<Instant> nextDueAt(RunScope scope) {
        queries.maintainCounts(scope.now());
        return queries.nextDueAt(scope);
    }

    @Override
    public Optional<SlaCounts> slaCounts(RunScope scope) {
        return Optional.of(queries.slaCounts(scope));
    }

    @Override
    public List<WorkflowTask> openTasks(RunScope scope, Optional<String> afterId, int limit) {
        Require.positive("limit", limit);
        return openTasks.page(scope, afterId, limit);
    }

    /** Deletes up to {@code limit} finished outbox rows (delivered or given up) last changed before {@code before}, in one transaction. */
    public int purgeFinishedNotifications(Instant before, int limit) {
        return outbox.purgeFinished(before, limit);
    }

    // ---- TaskStore ----------------------------------------------------------------------------

    @Override
    public WorkflowTask open(NewTask task) {
        return host.open(task);
    }

    /** The import behind {@link #openAll}, for a {@link BulkImport}. */
    TaskImport taskImport() {
        return taskImport;
    }

    /** All or nothing, in one transaction; see {@link TaskImport}. */
    @Override
    public List<WorkflowTask> openAll(Collection<NewTask> tasks) {
        return taskImport.openAll(tasks);
    }

    @Override
    public Optional<WorkflowTask> find(String taskId) {
        return host.find(taskId);
    }

    @Override
    protected WorkflowTask apply(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change) {
        return host.change(taskId, change);
    }
}
