package dev.escalation.core.audit;

import java.util.List;

/**
 * Where a copy of the audit trail goes: a repository that owns the trail hands every entry it
 * stored to its mirror (a log shipper, a SIEM, an {@link InMemoryAuditSink} in tests), after
 * storing it. The trail itself lives in the repository ({@link AuditTrail}); a mirror that fails
 * loses nothing there. Also the shape of an archive that receives entries before retention deletes
 * them. Stores guard their mirror with {@link AuditMirror}.
 *
 * <pre>{@code
 * InMemoryAuditSink copy = new InMemoryAuditSink();
 * InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, copy);
 * }</pre>
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Appends entries in order. May be called from several threads.
     *
     * @param entries the entries, in order
     * @throws Exception when the entries could not be taken; what that means depends on the caller
     *     (a mirror logs it, an archive stops)
     */
    void append(List<AuditEntry> entries) throws Exception;

    /**
     * A sink that drops everything: the default mirror.
     *
     * @return the sink
     */
    static AuditSink discarding() {
        return entries -> {};
    }
}
