package dev.escalation.jdbc.internal;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit table: batched, multi-row, idempotent inserts (an entry offered twice is stored once,
 * by its id) and reads in append order. Callers own the transaction. Internal: may change at any time.
 */
public final class AuditRows {

    private static final String[] COLUMNS = {"entry_id", "type", "task_id", "tenant", "occurred_at", "actor", "escalation_level",
            "from_assignee", "to_assignee", "step_key", "details"};
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM ";

    private final Tables tables;
    private final RowInserts<AuditEntry> insert;

    public AuditRows(Tables tables, Dialect dialect) {
        this.tables = tables;
        this.insert = new RowInserts<>(dialect, tables.audit(), COLUMNS, AuditEntry::id, AuditRows::bind);
    }

    /** Adds the entries in one JDBC batch, in order. */
    public void insert(Connection connection, Collection<AuditEntry> entries) throws SQLException {
        if (!entries.isEmpty()) {
            insert.insert(connection, new ArrayList<>(entries));
        }
    }

    private static void bind(PreparedStatement ps, int i, AuditEntry e) throws SQLException {
        ps.setString(i++, e.id());
        ps.setString(i++, e.type().name());
        ps.setString(i++, e.taskId());
        ps.setString(i++, e.tenant().orElse(null));
        Timestamps.bind(ps, i++, e.occurredAt());
        ps.setString(i++, e.actor());
        ps.setInt(i++, e.level());
        ps.setString(i++, e.fromAssignee().orElse(null));
        ps.setString(i++, e.toAssignee().orElse(null));
        ps.setString(i++, e.stepKey().orElse(null));
        ps.setString(i, JsonColumns.map(e.details()));
    }

    public List<AuditEntry> forTask(Connection connection, String taskId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT + tables.audit() + " WHERE task_id = ? ORDER BY seq")) {
            ps.setString(1, taskId);
            return read(ps);
        }
    }

    public List<AuditEntry> all(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT + tables.audit() + " ORDER BY seq")) {
            return read(ps);
        }
    }

    public List<AuditEntry> ofType(Connection connection, AuditType type) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT + tables.audit() + " WHERE type = ? ORDER BY seq")) {
            ps.setString(1, type.name());
            return read(ps);
        }
    }

    private static List<AuditEntry> read(PreparedStatement ps) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(new AuditEntry(rs.getString("entry_id"), AuditType.valueOf(rs.getString("type")), rs.getString("task_id"),
                        Optional.ofNullable(rs.getString("tenant")), Timestamps.required(rs, "occurred_at"), rs.getString("actor"),
                        rs.getInt("escalation_level"), Optional.ofNullable(rs.getString("from_assignee")),
                        Optional.ofNullable(rs.getString("to_assignee")), Optional.ofNullable(rs.getString("step_key")),
                        JsonColumns.map("details", rs.getString("details"))));
            }
        }
        return entries;
    }
}
