package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.WorkflowTask;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link dev.escalation.core.task.TaskStore#openAll} in one transaction: core's {@link TaskImports}
 * validates every task and plans its first check before a statement runs; then the task rows go in
 * as multi-row inserts in JDBC batches (the store's {@link RowInserts}, as the audit rows), the
 * audit rows through the chained {@link AuditRows#insert}, one commit. A task whose id is stored
 * already is not inserted; then the whole import rolls back and fails with a
 * {@link DuplicateTaskException} naming the first such id in the import's order.
 */
final class TaskImport {

    private final StoreContext ctx;
    private final TaskRules rules;
    private final HostChanges host;
    private final RowInserts<TaskChanges.Change> inserts;

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
    }

    List<WorkflowTask> openAll(Collection<NewTask> tasks) {
        List<TaskChanges.Change> changes = TaskImports.open(tasks, ctx.clock().now(), rules);
        if (changes.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> audit = changes.stream().map(TaskChanges.Change::audit).toList();
        try {
            ctx.tx().inTransaction("importing " + changes.size() + " tasks", c -> {
                int inserted = 0;
                // On a distributed database one tenant's rows per statement, each routed to its shard; the
                // import stays one transaction (across shards, committed by Citus in two phases).
                for (List<TaskChanges.Change> part : byTenant(changes).values()) {
                    inserted += inserts.insert(c, part);
                }
                if (inserted != changes.size()) {
                    throw new StoredAlready();
                }
                ctx.audit().insert(c, audit);
                return null;
            });
        } catch (StoredAlready e) {
            throw new DuplicateTaskException(firstStored(changes));
        }
        ctx.mirror().append(audit);
        return changes.stream().map(TaskChanges.Change::task).toList();
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

    private void bind(PreparedStatement ps, int index, TaskChanges.Change change) throws SQLException {
        WorkflowTask task = change.task();
        ps.setString(index, task.id());
        int i = TaskRows.bindTask(ps, index + 1, task, ctx.dialect(), true);
        ps.setLong(i++, task.version());
        Timestamps.bind(ps, i++, change.audit().occurredAt());
        Timestamps.bind(ps, i, change.audit().occurredAt());
    }
}
