package dev.escalation.jdbc;

import dev.escalation.core.spi.RunScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims due task rows for one runner: sets {@code claimed_by} and a lease ({@code claimed_until})
 * on up to {@code limit} rows with {@code next_check_at <= now} that nobody else holds, oldest first,
 * reading through the due index only. Each claim commits on its own, so other nodes see the lease
 * at once; a dead node's claims simply expire.
 *
 * <p>PostgreSQL takes the rows in one statement with {@code FOR UPDATE SKIP LOCKED}, so concurrent
 * runners split the due rows without waiting for each other. H2 selects candidates and takes each
 * with a batched update guarded by its version and the expired lease; a row another runner took in
 * between simply drops out. Both read the due index in its order and stop at the limit: the candidates
 * are ordered by {@code next_check_at} alone, and the range starts at {@link Timestamps#EARLIEST}
 * so that H2 skips the index's NULLs (the finished tasks).
 */
final class TaskClaims {

    private static final String DUE =
            "next_check_at >= ? AND next_check_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";

    private final StoreContext ctx;

    TaskClaims(StoreContext ctx) {
        this.ctx = ctx;
    }

    List<TaskRows.Row> claim(RunScope request, int limit) {
        return ctx.tx()
                .inTransaction(
                        "claiming due tasks",
                        c -> ctx.dialect().supportsSingleStatementClaim()
                                ? claimSkippingLocked(c, request, limit)
                                : claimGuarded(c, request, limit));
    }

    private List<TaskRows.Row> claimSkippingLocked(Connection c, RunScope r, int limit) throws SQLException {
        String task = ctx.tables().task();
        String sql = "UPDATE " + task + " SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM " + task
                + " WHERE " + DUE + StoreContext.tenantFilter(r.tenants())
                + " ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + TaskRows.COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, r.runId());
            Timestamps.bind(ps, i++, r.leaseUntil());
            i = bindDue(ps, i, r);
            ps.setInt(i, limit);
            List<TaskRows.Row> rows = read(ps);
            // RETURNING keeps no order; the contract hands out the oldest first.
            rows.sort(TaskRows.DUE_ORDER);
            return rows;
        }
    }

    private List<TaskRows.Row> claimGuarded(Connection c, RunScope r, int limit) throws SQLException {
        String task = ctx.tables().task();
        List<TaskRows.Row> candidates;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TaskRows.COLUMNS + " FROM " + task + " WHERE " + DUE
                + StoreContext.tenantFilter(r.tenants()) + " ORDER BY next_check_at LIMIT ?")) {
            ps.setInt(bindDue(ps, 1, r), limit);
            candidates = read(ps);
        }
        if (candidates.isEmpty()) {
            return candidates;
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE " + task + " SET claimed_by = ?, claimed_until = ? WHERE id = ?"
                        + " AND version = ? AND (claimed_until IS NULL OR claimed_until <= ?)")) {
            for (TaskRows.Row row : candidates) {
                ps.setString(1, r.runId());
                Timestamps.bind(ps, 2, r.leaseUntil());
                ps.setString(3, row.id());
                ps.setLong(4, row.version());
                Timestamps.bind(ps, 5, r.now());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<TaskRows.Row> claimed = new ArrayList<>(candidates.size());
            for (int k = 0; k < counts.length; k++) {
                if (BatchCounts.applied(counts[k])) {
                    claimed.add(candidates.get(k));
                }
            }
            return claimed;
        }
    }

    private static int bindDue(PreparedStatement ps, int i, RunScope r) throws SQLException {
        Timestamps.bind(ps, i++, Timestamps.EARLIEST);
        Timestamps.bind(ps, i++, r.now());
        Timestamps.bind(ps, i++, r.now());
        for (String tenant : StoreContext.sorted(r.tenants())) {
            ps.setString(i++, tenant);
        }
        return i;
    }

    private static List<TaskRows.Row> read(PreparedStatement ps) throws SQLException {
        List<TaskRows.Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(TaskRows.read(rs));
            }
        }
        return rows;
    }
}
