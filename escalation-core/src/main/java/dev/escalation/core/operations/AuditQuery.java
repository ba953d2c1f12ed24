package dev.escalation.core.operations;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit entries an operator reads: of one task, of some types, of one tenant, that occurred
 * in {@code [from, until)}; ordered by when they occurred, and in the order stored within an instant;
 * one page of {@link #limit} after the cursor {@link #after}. A store reads only the page, never the
 * whole trail.
 *
 * <pre>{@code
 * Page<AuditEntry> givenUp = queries.auditEntries(AuditQuery.all()
 *         .type(AuditType.NOTIFICATION_GIVEN_UP)
 *         .between(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z")));
 * }</pre>
 *
 * @param taskId only entries of this task
 * @param types  only entries of these types; empty for every type
 * @param tenant only entries of this tenant
 * @param from   only entries that occurred at or after this instant
 * @param until  only entries that occurred before this instant
 * @param limit  at most this many entries per page, 1 to {@value #MAX_LIMIT}
 * @param after  the cursor of the page before; empty for the first page
 */
public record AuditQuery(
        Optional<String> taskId,
        Set<AuditType> types,
        Optional<String> tenant,
        Optional<Instant> from,
        Optional<Instant> until,
        int limit,
        Optional<String> after) {

    /** The page size unless a query says otherwise. */
    public static final int DEFAULT_LIMIT = 500;
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * Validates the query.
     *
     * @param taskId only entries of this task
     * @param types  only entries of these types; empty for every type
     * @param tenant only entries of this tenant
     * @param from   only entries that occurred at or after this instant
     * @param until  only entries that occurred before this instant
     * @param limit  at most this many entries per page, 1 to {@value #MAX_LIMIT}
     * @param after  the cursor of the page before; empty for the first page
     * @throws IllegalArgumentException when a filter is blank, the limit out of range or the range
     *     empty, naming the field and its value
     */
    public AuditQuery {
        QueryChecks.optionalText("taskId", taskId);
        types = Set.copyOf(Require.present("types", types));
        QueryChecks.optionalText("tenant", tenant);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            throw new IllegalArgumentException("until must be after from (" + from.get() + "), but was " + until.get());
        }
        QueryChecks.limit(limit, MAX_LIMIT);
        QueryChecks.optionalText("after", after);
    }

    /**
     * Every entry, first page of {@value #DEFAULT_LIMIT}.
     *
     * @return the query
     */
    public static AuditQuery all() {
        return new AuditQuery(
                Optional.empty(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_LIMIT,
                Optional.empty());
    }

    /**
     * This query, reading only the entries of task {@code value}.
     *
     * @param value the task id
     * @return the narrowed query
     */
    public AuditQuery task(String value) {
        return new AuditQuery(Optional.of(value), types, tenant, from, until, limit, after);
    }

    /**
     * This query, reading only entries of the given types.
     *
     * @param first  a type to read
     * @param others more types to read
     * @return the narrowed query
     */
    public AuditQuery type(AuditType first, AuditType... others) {
        return new AuditQuery(taskId, EnumSet.of(first, others), tenant, from, until, limit, after);
    }

    /**
     * This query, reading only entries of tenant {@code value}.
     *
     * @param value the tenant
     * @return the narrowed query
     */
    public AuditQuery tenant(String value) {
        return new AuditQuery(taskId, types, Optional.of(value), from, until, limit, after);
    }

    /**
     * This query, reading only entries that occurred in {@code [fromInclusive, untilExclusive)}.
     *
     * @param fromInclusive  the first instant
     * @param untilExclusive the instant after the last
     * @return the narrowed query
     */
    public AuditQuery between(Instant fromInclusive, Instant untilExclusive) {
        return new AuditQuery(
                taskId,
                types,
                tenant,
                Optional.of(Require.present("from", fromInclusive)),
                Optional.of(Require.present("until", untilExclusive)),
                limit,
                after);
    }

    /**
     * This query with pages of at most {@code value} entries.
     *
     * @param value the page size, 1 to {@value #MAX_LIMIT}
     * @return the query
     */
    public AuditQuery limit(int value) {
        return new AuditQuery(taskId, types, tenant, from, until, value, after);
    }

    /**
     * This query's page after the one that returned {@code cursor}.
     *
     * @param cursor a page's {@link Page#next()}
     * @return the query for the next page
     */
    public AuditQuery after(String cursor) {
        return new AuditQuery(
                taskId, types, tenant, from, until, limit, Optional.of(Objects.requireNonNull(cursor, "after")));
    }

    /**
     * Whether {@code entry} passes this query's filters (the cursor aside).
     *
     * @param entry an audit entry
     * @return whether the query reads it
     */
    public boolean matches(AuditEntry entry) {
        return taskId.map(entry.taskId()::equals).orElse(true)
                && (types.isEmpty() || types.contains(entry.type()))
                && tenant.map(t -> entry.tenant().equals(Optional.of(t))).orElse(true)
                && from.map(f -> !entry.occurredAt().isBefore(f)).orElse(true)
                && until.map(entry.occurredAt()::isBefore).orElse(true);
    }
}
