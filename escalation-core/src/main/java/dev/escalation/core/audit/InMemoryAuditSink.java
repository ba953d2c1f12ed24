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

    /**
     * A snapshot of every entry so far.
     *
     * @return every entry, oldest first
     */
    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    /**
     * A snapshot of the entries of one task.
     *
     * @param taskId the task
     * @return that task's entries, oldest first
     */
    public List<AuditEntry> entriesFor(String taskId) {
        return matching(entry -> entry.taskId().equals(taskId));
    }

    /**
     * A snapshot of the entries of one type.
     *
     * @param type the entry type
     * @return the entries of that type, oldest first
     */
    public List<AuditEntry> entriesOf(AuditType type) {
        return matching(entry -> entry.type() == type);
    }

    /**
     * A snapshot of the entries that match {@code filter}.
     *
     * @param filter which entries to keep
     * @return the matching entries, oldest first
     */
    public synchronized List<AuditEntry> matching(Predicate<AuditEntry> filter) {
        List<AuditEntry> result = new ArrayList<>();
        for (AuditEntry entry : entries) {
            if (filter.test(entry)) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Forgets every entry so far. */
    public synchronized void clear() {
        entries.clear();
    }
}
