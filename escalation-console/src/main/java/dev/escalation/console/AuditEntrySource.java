package dev.escalation.console;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where {@link OperationsConsoleBackend} reads the audit trail for the compliance chart: every entry
 * that occurred in a range, oldest first, handed one at a time so that a long trail is never held in
 * memory. The JDBC store's {@code JdbcAuditSource::read} fits as it is; an in-memory trail fits
 * through {@link #of(Supplier)}.
 *
 * <pre>{@code
 * AuditEntrySource jdbc = JdbcAuditSource.of(dataSource)::read;
 * AuditEntrySource memory = AuditEntrySource.of(() -> repository.auditTrail().entries());
 * }</pre>
 */
@FunctionalInterface
public interface AuditEntrySource {

    /**
     * Hands each entry that occurred in {@code [from, to)} to {@code reader}, oldest first, until the
     * reader returns false or the range ends.
     *
     * @param from   the start of the range, inclusive
     * @param to     the end of the range, exclusive
     * @param reader takes each entry; returns false to stop reading
     */
    void read(Instant from, Instant to, Predicate<AuditEntry> reader);

    /**
     * A source over entries already in memory, stored oldest first (as an audit trail keeps them).
     *
     * @param entries the entries, read anew on every call
     * @return the source
     * @throws IllegalArgumentException when the supplier is missing
     */
    static AuditEntrySource of(Supplier<? extends Iterable<AuditEntry>> entries) {
        Require.present("entries", entries);
        return (from, to, reader) -> {
            for (AuditEntry entry : entries.get()) {
                if (!entry.occurredAt().isBefore(to)) {
                    return;
                }
                if (!entry.occurredAt().isBefore(from)) {
                    if (!reader.test(entry)) {
                        return;
                    }
                }
            }
        };
    }
}
