package dev.escalation.core.audit;

import java.util.List;

/**
 * The audit trail a repository keeps, read back: every step, failure, given-up notification and
 * host change, in the order stored. The in-memory repository and {@code escalation-jdbc} both
 * offer one.
 *
 * <pre>{@code
 * List<AuditEntry> history = store.auditTrail().entriesFor("PO-1042");
 * }</pre>
 */
public interface AuditTrail {

    /** Every entry, in the order stored. Reads the whole trail: for tests, demos and exports. */
    List<AuditEntry> entries();

    /** The entries of one task, oldest first. */
    List<AuditEntry> entriesFor(String taskId);

    /** The entries of one type, in the order stored. */
    List<AuditEntry> entriesOf(AuditType type);
}
