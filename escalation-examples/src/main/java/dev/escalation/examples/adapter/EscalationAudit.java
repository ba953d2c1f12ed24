package dev.escalation.examples.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.audit.AuditType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code escalation_audit} table: the repository owns the audit trail, so every entry is written
 * in the transaction of what it records (a step, a host change) and read back as an
 * {@link AuditTrail}. An entry is stored whole as JSON beside the columns the reads filter on; an
 * entry offered twice (same id) is stored once.
 */
final class EscalationAudit implements AuditTrail {

    // A plain ObjectMapper is enough: AuditEntry maps its instant to an ISO string itself.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    EscalationAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the entries in order; runs in the caller's transaction. */
    static void append(Connection c, List<AuditEntry> entries) throws SQLException {
        for (AuditEntry entry : entries) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO escalation_audit (entry_id, task_id, type, entry)"
                            + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM escalation_audit WHERE entry_id = ?)")) {
                ps.setString(1, entry.id());
                ps.setString(2, entry.taskId());
                ps.setString(3, entry.type().name());
                ps.setString(4, toJson(entry));
                ps.setString(5, entry.id());
                ps.executeUpdate();
            }
        }
    }

    @Override
    public List<AuditEntry> entries() {
        return read("SELECT entry FROM escalation_audit ORDER BY seq", null);
    }

    @Override
    public List<AuditEntry> entriesFor(String taskId) {
        return read("SELECT entry FROM escalation_audit WHERE task_id = ? ORDER BY seq", taskId);
    }

    @Override
    public List<AuditEntry> entriesOf(AuditType type) {
        return read("SELECT entry FROM escalation_audit WHERE type = ? ORDER BY seq", type.name());
    }

    private List<AuditEntry> read(String sql, String parameter) {
        return Jdbc.inTransaction(dataSource, "reading the audit trail", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (parameter != null) {
                    ps.setString(1, parameter);
                }
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(JSON.readValue(rs.getString("entry"), AuditEntry.class));
                    }
                }
                return entries;
            } catch (JsonProcessingException e) {
                throw new HostTableException("an audit row cannot be read as an entry: " + e.getOriginalMessage(), e);
            }
        });
    }

    private static String toJson(AuditEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit entry " + entry.id() + " cannot be written as JSON", e);
        }
    }
}
