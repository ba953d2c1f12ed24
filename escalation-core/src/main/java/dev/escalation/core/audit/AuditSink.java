package dev.escalation.core.audit;

import java.util.List;

/**
 * Where the audit trail goes. The engine appends the entries of each step after the step is
 * recorded, and entries for failures as they happen. An exception from {@link #append} is logged
 * and reported, and the entries are offered again on the next run; it never stops the run.
 *
 * <p>A repository that stores a step's audit entries in the same transaction as the step
 * ({@link dev.escalation.core.spi.WorkflowRepository#storesStepAudit()}) makes the trail
 * crash-proof; then the engine sends only the non-step entries here.
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Appends entries in order. May be called from several threads.
     *
     * @param entries the entries to append, oldest first
     * @throws Exception when the entries could not be stored; the engine logs it and goes on
     */
    void append(List<AuditEntry> entries) throws Exception;

    /**
     * A sink that drops everything, for hosts that audit elsewhere.
     *
     * @return a sink that discards every entry
     */
    static AuditSink discarding() {
        return entries -> {};
    }
}
