package dev.escalation.jdbc;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The repository's read-only questions, each one statement through the indexes of the schema, for
 * the tenants of the asking run:
 * <ul>
 *   <li>{@link #nextDueAt}: the first unleased {@code next_check_at} (the due index, passing over the
 *       rows that runs hold), the earliest lease end among held rows (they were due when claimed, so
 *       they lie in the due part of the index, up to now: reading further would read every task
 *       due within a lease, which an idle run must not), and the first pending
 *       {@code next_attempt_at} (the pending index). Its cost grows with the rows held by runs and
 *       with other tenants' rows ahead of the answer, not with the open tasks;
 *   <li>{@link #slaCounts}: on PostgreSQL read from the counts that schema V5 maintains
 *       ({@link TaskCounts}: stored counts, the changes since and the warning points and deadlines
 *       passed since, a cost that does not grow with the open tasks). On H2 counted directly:
 *       active and on-hold tasks counted through the worklist index, whose leading column is the
 *       status (cost grows with the number of active tasks), near-breach and breached tasks through
 *       range scans of the warning index and of the worklist index's status and deadline (cost grows
 *       with the tasks past their warning point).
 * </ul>
 * With a {@code slaCountsMaxAge}, counts younger than that (by the runs' instants) are served from
 * memory for the same tenants, so that large tables are counted once a minute rather than on every
 * run.
 */
final class SlaQueries {

    private final StoreContext ctx;
    private final AtomicReference<Counted> last = new AtomicReference<>();
    private final Optional<TaskCounts> maintained;

    SlaQueries(StoreContext ctx) {
        this.ctx = ctx;
        this.maintained = ctx.dialect().kind() == SqlDialect.POSTGRESQL
                ? Optional.of(new TaskCounts(ctx, this::count))
                : Optional.empty();
    }

    /** Keeps the maintained counts' change table short even when no run asks for counts. */
    void maintainCounts(Instant now) {
        maintained.ifPresent(counts -> counts.maintain(now));
    }

    Optional<Instant> nextDueAt(RunScope scope) {
        String sql = nextDueStatement(ctx.tables(), scope.tenants());
        List<String> sorted = StoreContext.sorted(scope.tenants());
        return ctx.tx().inOneStatement("reading the next due instant", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                Timestamps.bind(ps, i++, Timestamps.EARLIEST);
                Timestamps.bind(ps, i++, scope.now());
                i = bind(ps, i, sorted);
                Timestamps.bind(ps, i++, Timestamps.EARLIEST);
                Timestamps.bind(ps, i++, scope.now());
                Timestamps.bind(ps, i++, scope.now());
                i = bind(ps, i, sorted);
                bind(ps, i, sorted);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return earliest(
                            Timestamps.read(rs, "next_check"),
                            Timestamps.read(rs, "lease_end"),
                            Timestamps.read(rs, "next_attempt"));
                }
            }
        });
    }

    /**
     * The statement of {@link #nextDueAt}; its plan is what every run pays (tests EXPLAIN it).
     * Parameters: earliest, now, the tenants; earliest, now, now, the tenants; the tenants.
     */
    static String nextDueStatement(Tables tables, Set<String> tenants) {
        String task = tables.task();
        // ORDER BY ... LIMIT 1 rather than MIN(), and a lower bound rather than IS NOT NULL: H2 answers
        // MIN() with a WHERE clause by scanning the table, and IS NOT NULL by walking the index's NULLs.
        return "SELECT (SELECT next_check_at FROM " + task
                + " WHERE next_check_at >= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
                + StoreContext.tenantFilter(tenants)
                + " ORDER BY next_check_at LIMIT 1) AS next_check,"
                + " (SELECT claimed_until FROM " + task
                + " WHERE next_check_at >= ? AND next_check_at <= ? AND claimed_until > ?"
                + StoreContext.tenantFilter(tenants)
                + " ORDER BY claimed_until LIMIT 1) AS lease_end,"
                + " (SELECT next_attempt_at FROM " + tables.outbox() + " WHERE status = 'PENDING'"
                + StoreContext.tenantFilter(tenants)
                + " ORDER BY next_attempt_at LIMIT 1) AS next_attempt";
    }

    @SafeVarargs
    private static Optional<Instant> earliest(Optional<Instant>... candidates) {
        Optional<Instant> best = Optional.empty();
        for (Optional<Instant> candidate : candidates) {
            if (candidate.isPresent() && (best.isEmpty() || candidate.get().isBefore(best.get()))) {
                best = candidate;
            }
        }
        return best;
    }

    SlaCounts slaCounts(RunScope scope) {
        Counted counted = last.get();
        Instant at = scope.now();
        if (counted != null
                && counted.tenants().equals(scope.tenants())
                && !ctx.slaCountsMaxAge().isZero()
                && !at.isBefore(counted.at())
                && at.isBefore(counted.at().plus(ctx.slaCountsMaxAge()))) {
            return counted.counts();
        }
        SlaCounts counts = maintained.map(m -> m.count(scope)).orElseGet(() -> count(scope));
        last.set(new Counted(at, scope.tenants(), counts));
        return counts;
    }

    private record Counted(Instant at, Set<String> tenants, SlaCounts counts) {}

    /**
     * The direct count (Citus, H2, a schema before V5): the active and held tasks through the worklist
     * index, the near-breach ones through the warning index, the breached ones through the worklist index
     * again. Parameters: the tenants (if any) of each part, and now where a part compares with it.
     */
    static String countStatement(Tables tables, Set<String> tenants) {
        String task = tables.task();
        return "SELECT (SELECT COUNT(*) FROM " + task + " WHERE status IN ('OPEN', 'ON_HOLD')"
                + StoreContext.tenantFilter(tenants)
                + ") AS active," + " (SELECT COUNT(*) FROM " + task + " WHERE status = 'ON_HOLD'"
                + StoreContext.tenantFilter(tenants)
                + ") AS on_hold," + " (SELECT COUNT(*) FROM " + task
                + " WHERE status = 'OPEN' AND warning_at <= ? AND (deadline IS NULL OR deadline > ?)"
                + StoreContext.tenantFilter(tenants)
                + ") AS near," + " (SELECT COUNT(*) FROM " + task + " WHERE status = 'OPEN' AND deadline <= ?"
                + StoreContext.tenantFilter(tenants) + ") AS breached";
    }

    private SlaCounts count(RunScope scope) {
        String sql = countStatement(ctx.tables(), scope.tenants());
        List<String> sorted = StoreContext.sorted(scope.tenants());
        return ctx.tx().inOneStatement("counting tasks by SLA status", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, 1, sorted);
                i = bind(ps, i, sorted);
                Timestamps.bind(ps, i++, scope.now());
                Timestamps.bind(ps, i++, scope.now());
                i = bind(ps, i, sorted);
                Timestamps.bind(ps, i++, scope.now());
                bind(ps, i, sorted);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new SlaCounts(
                            rs.getLong("active"), rs.getLong("on_hold"), rs.getLong("near"), rs.getLong("breached"));
                }
            }
        });
    }

    private static int bind(PreparedStatement ps, int i, List<String> tenants) throws SQLException {
        for (String tenant : tenants) {
            ps.setString(i++, tenant);
        }
        return i;
    }
}
