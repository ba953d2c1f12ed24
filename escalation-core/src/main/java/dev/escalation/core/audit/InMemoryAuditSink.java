package dev.escalation.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps the audit trail in memory, in append order; thread-safe. For tests and demos. */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(List<AuditEntry> batch) {
        entries.addAll(batch);
    }

    /** A snapshot of every entry so far. */
    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    /** A snapshot of the entries of one task. */
    public List<AuditEntry> entriesFor(String taskId) {
        return matching(entry -> entry.taskId().equals(taskId));
    }

    /** A snapshot of the entries of one type. */
    public List<AuditEntry> entriesOf(AuditType type) {
        return matching(entry -> entry.type() == type);
    }

    public synchronized List<AuditEntry> matching(Predicate<AuditEntry> filter) {
        List<AuditEntry> result = new ArrayList<>();
        for (AuditEntry entry : entries) {
            if (filter.test(entry)) {
                result.add(entry);
            }
        }
        return result;
    }

    public synchronized void clear() {
        entries.clear();
    }
}
