package dev.escalation.jdbc.internal;

import dev.escalation.core.spi.SlaCounts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The repository's read-only questions, each one statement through the indexes of the schema:
 * <ul>
 *   <li>{@link #nextDueAt}: the smallest {@code next_check_at} and the smallest pending
 *       {@code next_attempt_at}, two index lookups (the first entry of each index, on both databases);
 *   <li>{@link #slaCounts}: active and on-hold tasks counted through the active-status index
 *       (cost grows with the number of active tasks: an index-only scan, about 30-60 ms per million
 *       on PostgreSQL), near-breach and breached tasks through range scans of the warning and
 *       deadline indexes (cost grows with the tasks past their warning point).
 * </ul>
 * With a {@code slaCountsMaxAge}, counts younger than that (by the store's clock) are served from
 * memory, so that large tables are counted once a minute rather than on every run.
 * Internal: may change at any time.
 */
final class SlaQueries {

    private final StoreContext ctx;
    private final AtomicReference<Counted> last = new AtomicReference<>();
    private final String nextDue;
    private final String counts;

    SlaQueries(StoreContext ctx) {
        this.ctx = ctx;
        String task = ctx.tables().task();
        // ORDER BY ... LIMIT 1 rather than MIN(), and a lower bound rather than IS NOT NULL: H2 answers
        // MIN() with a WHERE clause by scanning the table, and IS NOT NULL by walking the index's NULLs.
        this.nextDue = "SELECT (SELECT next_check_at FROM " + task
                + " WHERE next_check_at >= ? ORDER BY next_check_at LIMIT 1)"
                + " AS next_check, (SELECT next_attempt_at FROM " + ctx.tables().outbox() + " WHERE status = 'PENDING'"
                + " ORDER BY next_attempt_at LIMIT 1) AS next_attempt";
        this.counts = "SELECT (SELECT COUNT(*) FROM " + task + " WHERE status IN ('OPEN', 'ON_HOLD')) AS active,"
                + " (SELECT COUNT(*) FROM " + task + " WHERE status = 'ON_HOLD') AS on_hold,"
                + " (SELECT COUNT(*) FROM " + task
                + " WHERE status = 'OPEN' AND warning_at <= ? AND (deadline IS NULL OR deadline > ?)) AS near,"
                + " (SELECT COUNT(*) FROM " + task + " WHERE status = 'OPEN' AND deadline <= ?) AS breached";
    }

    Optional<Instant> nextDueAt() {
        return ctx.tx().inTransaction("reading the next due instant", c -> {
            try (PreparedStatement ps = c.prepareStatement(nextDue)) {
                Timestamps.bind(ps, 1, Timestamps.EARLIEST);
                return first(ps);
            }
        });
    }

    private static Optional<Instant> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            Optional<Instant> task = Timestamps.read(rs, "next_check");
            Optional<Instant> attempt = Timestamps.read(rs, "next_attempt");
            if (task.isEmpty()) {
                return attempt;
            }
            return attempt.isPresent() && attempt.get().isBefore(task.get()) ? attempt : task;
        }
    }

    SlaCounts slaCounts(Instant now) {
        Counted counted = last.get();
        Instant at = ctx.clock().now();
        if (counted != null
                && !ctx.slaCountsMaxAge().isZero()
                && !at.isBefore(counted.at())
                && at.isBefore(counted.at().plus(ctx.slaCountsMaxAge()))) {
            return counted.counts();
        }
        SlaCounts counts = count(now);
        last.set(new Counted(at, counts));
        return counts;
    }

    private record Counted(Instant at, SlaCounts counts) {}

    private SlaCounts count(Instant now) {
        return ctx.tx().inTransaction("counting tasks by SLA status", c -> {
            try (PreparedStatement ps = c.prepareStatement(counts)) {
                Timestamps.bind(ps, 1, now);
                Timestamps.bind(ps, 2, now);
                Timestamps.bind(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new SlaCounts(
                            rs.getLong("active"), rs.getLong("on_hold"), rs.getLong("near"), rs.getLong("breached"));
                }
            }
        });
    }
}
