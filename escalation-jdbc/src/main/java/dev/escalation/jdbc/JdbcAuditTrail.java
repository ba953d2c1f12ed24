package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.audit.AuditType;
import dev.escalation.jdbc.internal.AuditRows;
import dev.escalation.jdbc.internal.Transactions;
import java.util.List;
import java.util.Objects;

/**
 * The append-only audit table, as an {@link AuditSink} for the engine and as a reader for tests,
 * demos and support tools. Appends are one transaction per call and idempotent by entry id: an entry
 * the engine offers again after a failed commit acknowledgement is stored once. Step entries do not
 * come through here: the repository writes them in the step's own transaction. Every entry is
 * hash-chained to the one before it in its tenant's chain ({@link AuditVerifier}). Thread-safe.
 *
 * <pre>{@code
 * EscalationEngine.builder().repository(store.repository()).auditSink(store.auditTrail())...;
 * List<AuditEntry> history = store.auditTrail().entriesFor("PO-1042");
 * }</pre>
 */
public final class JdbcAuditTrail implements AuditSink {

    private final Transactions tx;
    private final AuditRows rows;

    JdbcAuditTrail(Transactions tx, AuditRows rows) {
        this.tx = tx;
        this.rows = rows;
    }

    /** Appends the entries in order, in one transaction. */
    @Override
    public void append(List<AuditEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return;
        }
        tx.inTransaction("appending " + entries.size() + " audit entries", c -> {
            rows.append(c, entries);
            return null;
        });
    }

    /**
     * The entries of one task, oldest first.
     *
     * @param taskId the task
     * @return that task's entries
     */
    public List<AuditEntry> entriesFor(String taskId) {
        return tx.inTransaction("reading the audit trail of task '" + taskId + "'", c -> rows.forTask(c, taskId));
    }

    /**
     * Every entry, in append order. Reads the whole table: for tests and demos.
     *
     * @return every entry
     */
    public List<AuditEntry> entries() {
        return tx.inTransaction("reading the audit trail", rows::all);
    }

    /**
     * The entries of one type, in append order.
     *
     * @param type the entry type
     * @return the entries of that type
     */
    public List<AuditEntry> entriesOf(AuditType type) {
        Objects.requireNonNull(type, "type");
        return tx.inTransaction("reading " + type + " audit entries", c -> rows.ofType(c, type));
    }
}
