package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link dev.escalation.core.task.TaskStore#openAll} in one transaction: core's {@link TaskImports}
 * validates every task and plans its first check before a statement runs; then the task rows go in,
 * then the audit rows through the chained {@link AuditRows#insertMany} (each chain's head locked and
 * advanced once), one commit. On PostgreSQL both streamed with one {@code COPY} each through pgjdbc
 * ({@link CopyInserts}), or, when the connection does not unwrap to pgjdbc, as set-based statements
 * of {@link ArrayInserts#CHUNK} rows ({@code INSERT ... SELECT FROM unnest(...)}) ({@link BulkInserts});
 * the schema's statement-level count trigger (V5) sees each statement's rows as one set. On Citus
 * one tenant's rows per statement, elsewhere (H2) multi-row inserts in JDBC batches (the store's
 * {@link RowInserts}). A task whose id is stored
 * already is not inserted; then the whole import rolls back and fails with a
 * {@link DuplicateTaskException} naming the first such id in the import's order.
 */
final class TaskImport {

    private final StoreContext ctx;
    private final TaskRules rules;
    private final HostChanges host;
    private final RowInserts<TaskChanges.Change> inserts;
    private final Optional<BulkInserts<TaskChanges.Change>> setBased;

    TaskImport(StoreContext ctx, TaskRules rules, HostChanges host) {
        this.ctx = ctx;
        this.rules = rules;
        this.host = host;
        this.inserts = new RowInserts<>(
                ctx.dialect(),
                ctx.tables().task(),
                HostChanges.INSERT_COLUMNS,
                change -> change.task().id(),
                this::bind);
        this.setBased = ctx.dialect().kind() == SqlDialect.POSTGRESQL
                ? Optional.of(new BulkInserts<>(ctx.tables().task(), columns()))
                : Optional.empty();
    }

    List<WorkflowTask> openAll(Collection<NewTask> tasks) {
        return openAll(tasks, 0);
    }

    /**
     * One call of a {@link BulkImport}: as {@link #openAll(Collection)}, its first checks continuing those
     * of the {@code importedBefore} tasks of the calls before it.
     */
    List<WorkflowTask> openAll(Collection<NewTask> tasks, long importedBefore) {
        List<TaskChanges.Change> changes = TaskImports.open(tasks, ctx.clock().now(), rules, importedBefore);
        if (changes.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> audit = changes.stream().map(TaskChanges.Change::audit).toList();
        try {
            ctx.tx().inTransaction("importing " + changes.size() + " tasks", c -> {
                int inserted = 0;
                if (setBased.isPresent()) {
                    inserted = insertSetBased(c, changes);
                } else {
                    // On a distributed database one tenant's rows per statement, each routed to its shard; the
                    // import stays one transaction (across shards, committed by Citus in two phases).
                    for (List<TaskChanges.Change> part : byTenant(changes).values()) {
                        inserted += inserts.insert(c, part);
                    }
                }
                if (inserted != changes.size()) {
                    throw new StoredAlready();
                }
                ctx.audit().insertMany(c, audit);
                return null;
            });
        } catch (StoredAlready e) {
            throw new DuplicateTaskException(firstStored(changes));
        }
        ctx.mirror().append(audit);
        return changes.stream().map(TaskChanges.Change::task).toList();
    }

    /** The COPY or set-based insert; an id stored already fails it with a unique violation, which rolls the import back. */
    private int insertSetBased(Connection c, List<TaskChanges.Change> changes) throws SQLException {
        try {
            return setBased.orElseThrow().insert(c, changes);
        } catch (SQLException e) {
            if (ctx.dialect().isUniqueViolation(e)) {
                throw new StoredAlready();
            }
            throw e;
        }
    }

    /** Rolls the import's transaction back when some of its ids were stored already. */
    private static final class StoredAlready extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoredAlready() {
            super("some of the imported task ids are stored already", null, false, false);
        }
    }

    /** The first task of the import, in its order, whose id was stored already (read after the rollback). */
    private String firstStored(List<TaskChanges.Change> changes) {
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(change -> ids.add(change.task().id()));
        Map<String, WorkflowTask> stored = host.findAll(ids);
        return ids.stream()
                .filter(stored::containsKey)
                .findFirst()
                .orElseThrow(() -> new EscalationStoreException(
                        "an import found a stored task id that is gone again; nothing was imported"));
    }

    private Map<String, List<TaskChanges.Change>> byTenant(List<TaskChanges.Change> changes) {
        return ctx.dialect().distributed()
                ? Tenants.split(changes, change -> change.task().tenant())
                : Tenants.whole(changes);
    }

    /** {@link HostChanges#INSERT_COLUMNS}, in that order, as arrays; the state's from {@link StateColumns}. */
    private static List<ArrayInserts.Column<TaskChanges.Change>> columns() {
        List<ArrayInserts.Column<TaskChanges.Change>> columns = new ArrayList<>(List.of(
                ArrayInserts.Column.text("id", c -> c.task().id()),
                ArrayInserts.Column.text("workflow_type", c -> c.task().workflowType()),
                ArrayInserts.Column.text("stage", c -> c.task().stage()),
                ArrayInserts.Column.text("assignee", c -> c.task().assignee()),
                ArrayInserts.Column.text("priority", c -> c.task().priority()),
                ArrayInserts.Column.text("tenant", c -> c.task().tenant().orElse(null)),
                ArrayInserts.Column.instant(
                        "sla_start", c -> Optional.of(c.task().slaStart())),
                ArrayInserts.Column.text(
                        "attributes", c -> JsonColumns.map(c.task().attributes())),
                ArrayInserts.Column.text("status", c -> c.task().status().name()),
                ArrayInserts.Column.text(
                        "holds", c -> JsonColumns.holds(c.task().holds()))));
        columns.addAll(ArrayInserts.Column.state(TaskImport::storedState));
        columns.add(ArrayInserts.Column.int8("version", c -> c.task().version()));
        columns.add(ArrayInserts.Column.instant(
                "created_at", c -> Optional.of(c.audit().occurredAt())));
        columns.add(ArrayInserts.Column.instant(
                "updated_at", c -> Optional.of(c.audit().occurredAt())));
        List<String> names = columns.stream().map(ArrayInserts.Column::name).toList();
        if (!names.equals(List.of(HostChanges.INSERT_COLUMNS))) {
            throw new IllegalStateException("the import's columns " + names + " are not the task insert's "
                    + List.of(HostChanges.INSERT_COLUMNS));
        }
        return columns;
    }

    /** The state as stored: only open tasks are ever due (as {@link TaskRows#bindState} writes it). */
    private static EscalationState storedState(TaskChanges.Change change) {
        EscalationState state = change.task().escalation();
        return change.task().status() == TaskStatus.OPEN ? state : state.withNextCheckAt(Optional.empty());
    }

    private void bind(PreparedStatement ps, int index, TaskChanges.Change change) throws SQLException {
        WorkflowTask task = change.task();
        ps.setString(index, task.id());
        int i = TaskRows.bindTask(ps, index + 1, task, ctx.dialect(), true);
        ps.setLong(i++, task.version());
        Timestamps.bind(ps, i++, change.audit().occurredAt());
        Timestamps.bind(ps, i, change.audit().occurredAt());
    }
}
