package dev.escalation.core.internal;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands audit entries to the host's {@link AuditSink}, guarded: a failing sink is logged and
 * counted, and its entries are kept and offered again, first, on the next write. Entries kept
 * here live only in memory; a repository that stores step audit transactionally is the crash-proof
 * option. Shared by all runs of one engine. Internal: may change at any time.
 */
final class AuditWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final AuditSink sink;
    private final ConcurrentLinkedQueue<AuditEntry> unwritten = new ConcurrentLinkedQueue<>();

    AuditWriter(AuditSink sink) {
        this.sink = sink;
    }

    /** Writes earlier unwritten entries and then {@code entries}; returns false when the sink failed. */
    boolean write(List<AuditEntry> entries) {
        List<AuditEntry> batch = new ArrayList<>();
        for (AuditEntry e; (e = unwritten.poll()) != null; ) {
            batch.add(e);
        }
        batch.addAll(entries);
        if (batch.isEmpty()) {
            return true;
        }
        try {
            sink.append(batch);
            return true;
        } catch (Exception e) {
            LOG.error("audit sink failed for {} entries; keeping them for the next run", batch.size(), e);
            unwritten.addAll(batch);
            return false;
        }
    }

    int unwrittenCount() {
        return unwritten.size();
    }
}
