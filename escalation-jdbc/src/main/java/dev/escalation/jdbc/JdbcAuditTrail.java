package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.audit.AuditType;
import java.util.List;
import java.util.Objects;

/**
 * The append-only audit table, read back: every step, failure, given-up notification and host
 * change, each stored by the store in the transaction of what it records. Every entry is
 * hash-chained to the one before it in its tenant's chain ({@link AuditVerifier}). Thread-safe.
 *
 * <pre>{@code
 * List<AuditEntry> history = store.auditTrail().entriesFor("PO-1042");
 * }</pre>
 */
public final class JdbcAuditTrail implements AuditTrail {

    private final Transactions tx;
    private final AuditRows rows;

    JdbcAuditTrail(Transactions tx, AuditRows rows) {
        this.tx = tx;
        this.rows = rows;
    }

    @Override
    public List<AuditEntry> entriesFor(String taskId) {
        return tx.inTransaction("reading the audit trail of task '" + taskId + "'", c -> rows.forTask(c, taskId));
    }

    /**
     * {@inheritDoc} Reads the whole table into memory: for tests and small trails. To read a large
     * trail, page through {@link JdbcEscalationStore#queries()}'s {@code auditEntries}, which reads
     * one page at a time.
     *
     * @deprecated reads every row at once; use {@link JdbcEscalationStore#queries()} and
     *     {@link dev.escalation.core.operations.AuditQuery} pages
     */
    @Deprecated
    @Override
    public List<AuditEntry> entries() {
        return tx.inTransaction("reading the audit trail", rows::all);
    }

    @Override
    public List<AuditEntry> entriesOf(AuditType type) {
        Objects.requireNonNull(type, "type");
        return tx.inTransaction("reading " + type + " audit entries", c -> rows.ofType(c, type));
    }
}
