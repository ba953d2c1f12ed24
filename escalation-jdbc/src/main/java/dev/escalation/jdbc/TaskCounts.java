package dev.escalation.jdbc;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact SLA counts on PostgreSQL at a cost that does not grow with the open tasks (schema V5).
 *
 * <p>{@code task_count} holds the counts per tenant as of one instant {@code T}; triggers add a row
 * to {@code task_count_change} for every change of an active task's status, warning point, deadline
 * or tenant (its old state at -1, its new one at +1). The counts at {@code now >= T} are, in one
 * statement and so on one snapshot: the stored counts, plus the changes evaluated at {@code T}, plus
 * the open tasks whose warning point or deadline lies in {@code (T, now]} (range scans of the
 * warning index and of the worklist index's status and deadline over that interval). Why this is exact: the changes turn the tasks
 * as they were at {@code T}'s fold into the tasks now, and the interval scans move every task now
 * stored from its status at {@code T} to its status at {@code now}; a change's rows are evaluated at
 * {@code T} because the interval scans already move the changed task across the interval.
 *
 * <p>Every {@link #FOLD_EVERY} a store folds the changes into {@code task_count} at a new
 * {@code T}, in one repeatable-read transaction that locks the head row ({@code tenant_key = ''});
 * a second store folding at the same moment fails to serialise and leaves it to the first. So what a
 * count reads stays bounded by the changes and crossings of a few minutes. The first fold of a
 * database counts the task table once.
 */
final class TaskCounts {

    /** How often a store folds the changes into the stored counts. */
    static final Duration FOLD_EVERY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(TaskCounts.class);
    private static final String HEAD = "";

    private final StoreContext ctx;
    private final Function<RunScope, SlaCounts> direct;
    private final String head;
    private final String current;
    private final String full;
    private final AtomicReference<Instant> nextFold = new AtomicReference<>(Instant.MIN);

    TaskCounts(StoreContext ctx, Function<RunScope, SlaCounts> direct) {
        this.ctx = ctx;
        this.direct = direct;
        String task = ctx.tables().task();
        String counts = ctx.tables().taskCount();
        this.head = "SELECT counted_at FROM " + counts + " WHERE tenant_key = ''";
        this.current = currentStatement(ctx.tables());
        this.full = "SELECT COALESCE(tenant, '') AS k, COUNT(*) AS a,"
                + " SUM(CASE WHEN status = 'ON_HOLD' THEN 1 ELSE 0 END) AS h,"
                + " SUM(CASE WHEN status = 'OPEN' AND warning_at <= ? AND (deadline IS NULL OR deadline > ?)"
                + " THEN 1 ELSE 0 END) AS n,"
                + " SUM(CASE WHEN status = 'OPEN' AND deadline <= ? THEN 1 ELSE 0 END) AS b,"
                + " CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS head FROM " + task
                + " WHERE status IN ('OPEN', 'ON_HOLD') GROUP BY COALESCE(tenant, '')";
    }

    /**
     * The statement of a count: the counts per tenant key at {@code now} from the stored counts of
     * their instant {@code T}, which the statement reads itself (scalar subqueries, which PostgreSQL
     * evaluates once, as init plans, and which still bound the interval scans of the warning and
     * worklist indexes): the stored counts, the changes evaluated at {@code T}, the warning points and
     * deadlines passed in {@code (T, now]}; and {@code T} as {@code head}. So a count is one statement
     * on one snapshot. Its plan is what an idle run pays for its counts (tests EXPLAIN it).
     * Parameters: now, four times.
     */
    static String currentStatement(Tables tables) {
        String task = tables.task();
        String counts = tables.taskCount();
        String t = "(SELECT counted_at FROM " + counts + " WHERE tenant_key = '')";
        return "SELECT k, SUM(a) AS a, SUM(h) AS h, SUM(n) AS n, SUM(b) AS b, " + t + " AS head FROM ("
                + "SELECT tenant_key AS k, active AS a, on_hold AS h, near AS n, breached AS b FROM " + counts
                + " UNION ALL SELECT COALESCE(tenant, ''), delta,"
                + " CASE WHEN status = 'ON_HOLD' THEN delta ELSE 0 END,"
                + " CASE WHEN status = 'OPEN' AND warning_at <= " + t + " AND (deadline IS NULL OR deadline > " + t
                + ") THEN delta ELSE 0 END,"
                + " CASE WHEN status = 'OPEN' AND deadline <= " + t + " THEN delta ELSE 0 END FROM "
                + tables.taskCountChange()
                + " UNION ALL SELECT COALESCE(tenant, ''), 0, 0, 1, 0 FROM " + task
                + " WHERE status = 'OPEN' AND warning_at > " + t
                + " AND warning_at <= ? AND (deadline IS NULL OR deadline > ?)"
                + " UNION ALL SELECT COALESCE(tenant, ''), 0, 0, -1, 0 FROM " + task
                + " WHERE status = 'OPEN' AND deadline > " + t + " AND deadline <= ? AND warning_at <= " + t
                + " UNION ALL SELECT COALESCE(tenant, ''), 0, 0, 0, 1 FROM " + task
                + " WHERE status = 'OPEN' AND deadline > " + t + " AND deadline <= ?) x GROUP BY k";
    }

    /**
     * The scope's counts at its instant, exact; folds first when the stored counts are missing or old.
     * On a schema older than V5 (a store upgraded before its database) it counts directly.
     */
    SlaCounts count(RunScope scope) {
        try {
            return maintainedCount(scope);
        } catch (EscalationStoreException e) {
            if (!missingTable(e)) {
                throw e;
            }
            return direct.apply(scope);
        }
    }

    private static boolean missingTable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "42P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private SlaCounts maintainedCount(RunScope scope) {
        Instant now = scope.now();
        for (int attempt = 0; attempt < 3; attempt++) {
            // One statement reads the stored counts' instant and counts from it: an idle run's count is
            // one round trip, and no fold can come between the two.
            Read read = ctx.tx().inOneStatement("counting tasks by SLA status", c -> current(c, now));
            Optional<Instant> counted = read.head();
            if (counted.isEmpty() || !now.isBefore(counted.get().plus(FOLD_EVERY))) {
                if (fold(now)) {
                    continue;
                }
            }
            if (counted.isEmpty() || now.isBefore(counted.get())) {
                // Not folded yet (another store is at it), or a run whose clock is behind the fold's.
                return direct.apply(scope);
            }
            return sum(read.byTenant(), scope);
        }
        return direct.apply(scope);
    }

    /** Folds the changes when this store has not for {@link #FOLD_EVERY}: keeps the change table short when nobody counts. */
    void maintain(Instant now) {
        if (!now.isBefore(nextFold.get())) {
            fold(now);
        }
    }

    /**
     * Folds the changes into the stored counts at {@code now}; returns whether it did. Fails quietly
     * (and leaves the fold to the store that got in first) when another store folds at the same time.
     */
    boolean fold(Instant now) {
        nextFold.set(now.plus(FOLD_EVERY));
        try {
            return ctx.tx().inSnapshot("folding the SLA count changes", c -> {
                Optional<Instant> counted = lockedCountedAt(c);
                if (counted.isPresent() && !now.isAfter(counted.get())) {
                    return false;
                }
                Map<String, long[]> byTenant =
                        counted.isPresent() ? current(c, now).byTenant() : everything(c, now);
                try (PreparedStatement ps =
                        c.prepareStatement("DELETE FROM " + ctx.tables().taskCountChange())) {
                    ps.executeUpdate();
                }
                store(c, byTenant, now);
                return true;
            });
        } catch (EscalationStoreException e) {
            LOG.debug("SLA counts not folded at {}: another store folds them ({})", now, e.getMessage());
            return false;
        }
    }

    private Optional<Instant> lockedCountedAt(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(head + " FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Timestamps.required(rs, "counted_at")) : Optional.empty();
        }
    }

    private Read current(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(current)) {
            for (int i = 1; i <= 4; i++) {
                Timestamps.bind(ps, i, now);
            }
            return read(ps);
        }
    }

    private Map<String, long[]> everything(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(full)) {
            Timestamps.bind(ps, 1, now);
            Timestamps.bind(ps, 2, now);
            Timestamps.bind(ps, 3, now);
            return read(ps).byTenant();
        }
    }

    /** Counts per tenant key, and the instant of the stored counts that the statement saw. */
    private record Read(Map<String, long[]> byTenant, Optional<Instant> head) {}

    private static Read read(PreparedStatement ps) throws SQLException {
        Map<String, long[]> byTenant = new LinkedHashMap<>();
        Optional<Instant> head = Optional.empty();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                head = Timestamps.read(rs, "head");
                byTenant.put(
                        rs.getString("k"),
                        new long[] {rs.getLong("a"), rs.getLong("h"), rs.getLong("n"), rs.getLong("b")});
            }
        }
        return new Read(byTenant, head);
    }

    private void store(Connection c, Map<String, long[]> byTenant, Instant now) throws SQLException {
        String counts = ctx.tables().taskCount();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + counts)) {
            ps.executeUpdate();
        }
        Map<String, long[]> rows = new LinkedHashMap<>();
        rows.put(HEAD, new long[4]);
        byTenant.forEach((k, v) -> {
            if (k.equals(HEAD) || v[0] != 0 || v[1] != 0 || v[2] != 0 || v[3] != 0) {
                rows.put(k, v);
            }
        });
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + counts
                + " (tenant_key, active, on_hold, near, breached, counted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, long[]> row : rows.entrySet()) {
                ps.setString(1, row.getKey());
                for (int i = 0; i < 4; i++) {
                    ps.setLong(i + 2, row.getValue()[i]);
                }
                Timestamps.bind(ps, 6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static SlaCounts sum(Map<String, long[]> byTenant, RunScope scope) {
        long[] total = new long[4];
        byTenant.forEach((k, v) -> {
            if (scope.includes(k.equals(HEAD) ? Optional.empty() : Optional.of(k))) {
                for (int i = 0; i < 4; i++) {
                    total[i] += v[i];
                }
            }
        });
        return new SlaCounts(total[0], total[1], total[2], total[3]);
    }
}
