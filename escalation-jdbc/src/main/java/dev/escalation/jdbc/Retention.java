package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditSink;
import java.time.Instant;
import java.util.List;

/**
 * Deletes what only grows, in batches of a short transaction each: finished outbox rows, and the
 * oldest entries of each audit chain - only a prefix of the chain, handed to an archive first, with
 * the chain's anchor moved to the last entry deleted so that the rest still verifies. Internal: may
 * change at any time.
 */
final class Retention {

    private final Transactions tx;
    private final AuditRows audit;
    private final JdbcTaskRepository repository;

    public Retention(Transactions tx, AuditRows audit, JdbcTaskRepository repository) {
        this.tx = tx;
        this.audit = audit;
        this.repository = repository;
    }

    /** What one purge deleted. */
    public record Deleted(long rows, int batches) {}

    /** Deletes finished outbox rows last changed before {@code before}, {@code batchSize} per transaction. */
    public Deleted finishedNotifications(Instant before, int batchSize) {
        long rows = 0;
        int batches = 0;
        for (int batch = batchSize; batch == batchSize; batches++) {
            batch = repository.purgeFinishedNotifications(before, batchSize);
            rows += batch;
        }
        return new Deleted(rows, batches);
    }

    /** Deletes audit entries that occurred before {@code before}, oldest first per chain, {@code batchSize} per transaction. */
    public Deleted auditEntries(Instant before, int batchSize, AuditSink archive) {
        long rows = 0;
        int batches = 0;
        for (ChainHeads.Head head : tx.inTransaction("listing the audit chains", audit::heads)) {
            for (int batch = batchSize; batch == batchSize; batches++) {
                List<AuditEntry> deleted = tx.inTransaction("purging audit chain '" + head.chain() + "'", c -> {
                    List<AuditEntry> prefix = audit.deletePrefix(c, head.chain(), before, batchSize);
                    if (!prefix.isEmpty()) {
                        archive(archive, prefix);
                    }
                    return prefix;
                });
                batch = deleted.size();
                rows += batch;
            }
        }
        return new Deleted(rows, batches);
    }

    private static void archive(AuditSink archive, List<AuditEntry> entries) {
        try {
            archive.append(entries);
        } catch (Exception e) {
            throw new EscalationStoreException(
                    "archiving " + entries.size() + " audit entries failed; they were not deleted: " + e.getMessage(),
                    e);
        }
    }
}
