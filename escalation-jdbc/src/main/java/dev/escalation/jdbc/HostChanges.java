package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The host's synchronous task changes. Each one is a transaction: lock the row
 * ({@code SELECT ... FOR UPDATE}), apply core's {@link TaskChanges} (so validation and effects are
 * exactly those of every other store), write the row with a bumped version and a released claim,
 * and append the change's audit row. An in-flight run that read the old version loses its
 * compare-and-swap. On any error the transaction rolls back and nothing is stored.
 *
 */
final class HostChanges {

    static final String[] INSERT_COLUMNS = {
        "id",
        "workflow_type",
        "stage",
        "assignee",
        "priority",
        "tenant",
        "sla_start",
        "attributes",
        "status",
        "holds",
        "cycle",
        "warned_at",
        "reminders_sent",
        "escalation_level",
        "last_escalated_at",
        "re_escalations",
        "breached_at",
        "warning_at",
        "deadline",
        "next_check_at",
        "policy_id",
        "policy_version",
        "acknowledged_by",
        "acknowledged_at",
        "snoozed_at",
        "snoozed_until",
        "warnings_sent",
        "goals",
        "version",
        "created_at",
        "updated_at"
    };

    /** Ids per query of {@link #findAll}: well below every driver's parameter limit. */
    private static final int FIND_CHUNK = 500;

    private final StoreContext ctx;
    private final TaskRules rules;
    private final String insert;
    private final String update;
    private final String select;

    HostChanges(StoreContext ctx, TaskRules rules) {
        this.ctx = ctx;
        this.rules = rules;
        String task = ctx.tables().task();
        this.insert = "INSERT INTO " + task + " (" + String.join(", ", INSERT_COLUMNS) + ") VALUES ("
                + Dialect.placeholders(INSERT_COLUMNS.length) + ")";
        this.update = "UPDATE " + task + " SET " + TaskRows.TASK_ASSIGNMENTS + ", version = ?, claimed_by = NULL,"
                + " claimed_until = NULL, updated_at = ? WHERE id = ? AND version = ?"
                + ctx.dialect().sameTenant();
        this.select = "SELECT " + TaskRows.COLUMNS + " FROM " + task + " WHERE id = ?";
    }

    WorkflowTask open(NewTask newTask) {
        TaskChanges.Change change = TaskChanges.open(newTask, ctx.clock().now(), rules);
        WorkflowTask task = change.task();
        WorkflowTask opened = ctx.tx().inTransaction("opening task '" + task.id() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, task.id());
                int i = TaskRows.bindTask(ps, 2, task, ctx.dialect(), true);
                ps.setLong(i++, task.version());
                Timestamps.bind(ps, i++, change.audit().occurredAt());
                Timestamps.bind(ps, i, change.audit().occurredAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (ctx.dialect().isUniqueViolation(e)) {
                    throw new DuplicateTaskException(task.id());
                }
                throw e;
            }
            ctx.audit().insert(c, List.of(change.audit()));
            return task;
        });
        ctx.mirror().append(List.of(change.audit()));
        return opened;
    }

    Optional<WorkflowTask> find(String taskId) {
        TaskChanges.taskId(taskId);
        return ctx.tx().inOneStatement("reading task '" + taskId + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, taskId);
                return readOne(ps, taskId);
            }
        });
    }

    /**
     * The readable rows among {@code taskIds}, in one query per chunk of ids, read committed: the
     * engine asks right before delivering notifications, so a completion committed before this read
     * withdraws them. An unreadable row is left out (its notifications are withdrawn, and the row
     * itself is deferred and audited when a claim meets it). Each query is a statement of its own
     * (read committed gives each its own snapshot in a transaction too), so a chunk costs one round trip.
     */
    Map<String, WorkflowTask> findAll(Set<String> taskIds) {
        Map<String, WorkflowTask> found = new HashMap<>();
        List<String> ids = List.copyOf(new TreeSet<>(taskIds));
        for (int from = 0; from < ids.size(); from += FIND_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + FIND_CHUNK));
            ctx.tx().inOneStatement("reading " + ids.size() + " tasks", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + TaskRows.COLUMNS + " FROM "
                        + ctx.tables().task() + " WHERE id IN (" + Dialect.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (TaskRows.read(rs) instanceof TaskRows.ReadableRow row) {
                                found.put(row.id(), row.task());
                            }
                        }
                    }
                }
                return null;
            });
        }
        return found;
    }

    /** Applies {@code change} to the locked row of {@code taskId} (already checked) and audits it, in one transaction. */
    WorkflowTask change(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change) {
        List<AuditEntry> audited = new ArrayList<>(1);
        WorkflowTask outcome = ctx.tx().inTransaction("changing task '" + taskId + "'", c -> {
            String tenant = tenantOf(c, taskId);
            WorkflowTask current = lock(c, taskId, tenant);
            Optional<TaskChanges.Change> result = change.apply(current);
            if (result.isEmpty()) {
                return current;
            }
            WorkflowTask changed = result.get().task();
            try (PreparedStatement ps = c.prepareStatement(update)) {
                int i = TaskRows.bindTask(ps, 1, changed, ctx.dialect(), false);
                ps.setLong(i++, changed.version());
                Timestamps.bind(ps, i++, result.get().audit().occurredAt());
                ps.setString(i++, taskId);
                ps.setLong(i++, current.version());
                ctx.dialect().bindTenant(ps, i, tenant);
                if (ps.executeUpdate() != 1) {
                    throw new EscalationStoreException(
                            "task '" + taskId + "' changed while locked; the change was rolled back");
                }
            }
            ctx.audit().insert(c, List.of(result.get().audit()));
            audited.add(result.get().audit());
            return changed;
        });
        ctx.mirror().append(audited);
        return outcome;
    }

    /**
     * The tenant column of {@code taskId}'s row, which routes its lock and update to one shard on a
     * distributed database: read by id alone, without a lock, across shards (a host change names only
     * the task). A task's tenant never changes. Elsewhere nothing is read.
     */
    private String tenantOf(Connection c, String taskId) throws SQLException {
        if (!ctx.dialect().distributed()) {
            return Tenants.NONE;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT tenant FROM " + ctx.tables().task() + " WHERE id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TaskNotFoundException(taskId);
                }
                return rs.getString(1);
            }
        }
    }

    private WorkflowTask lock(Connection c, String taskId, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + ctx.dialect().sameTenant() + " FOR UPDATE")) {
            ps.setString(1, taskId);
            ctx.dialect().bindTenant(ps, 2, tenant);
            return readOne(ps, taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        }
    }

    private Optional<WorkflowTask> readOne(PreparedStatement ps, String taskId) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            TaskRows.Row row = TaskRows.read(rs);
            if (row instanceof TaskRows.Unreadable bad) {
                throw new EscalationStoreException("task row '" + taskId + "' cannot be read: " + bad.reason());
            }
            return Optional.of(((TaskRows.ReadableRow) row).task());
        }
    }
}
