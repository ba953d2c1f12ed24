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

    /**
     * Every entry, in the order stored. Reads the whole trail: for tests, demos and exports.
     *
     * @return the entries
     */
    List<AuditEntry> entries();

    /**
     * The entries of one task, oldest first.
     *
     * @param taskId the task
     * @return its entries
     */
    List<AuditEntry> entriesFor(String taskId);

    /**
     * The entries of one type, in the order stored.
     *
     * @param type the entry type
     * @return the entries of that type
     */
    List<AuditEntry> entriesOf(AuditType type);
}
