package dev.escalation.jdbc;

import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private static final String PLANNED_UNDER = "status = 'OPEN' AND policy_id = ? AND policy_version = ?"
            + " AND (claimed_until IS NULL OR claimed_until <= ?)";

    private final StoreContext ctx;

    TaskClaims(StoreContext ctx) {
        this.ctx = ctx;
    }

    List<TaskRows.Row> claim(RunScope request, int limit) {
        if (!ctx.dialect().supportsSingleStatementClaim()) {
            return ctx.tx().inTransaction("claiming due tasks", c -> claimGuarded(c, request, limit));
        }
        String candidates = " WHERE " + DUE + StoreContext.tenantFilter(request.tenants()) + " ORDER BY next_check_at";
        List<TaskRows.Row> rows = new ArrayList<>();
        Tenants.Binder due = ps -> bindDue(ps, 1, request);
        for (Map.Entry<String, Integer> share :
                Tenants.shares(ctx, ctx.tables().task(), candidates, limit, due).entrySet()) {
            // One UPDATE ... RETURNING: its own transaction, without a COMMIT round trip.
            rows.addAll(ctx.tx()
                    .inOneStatement(
                            "claiming due tasks",
                            c -> ctx.dialect().distributed()
                                    ? claimInTenant(c, request, candidates, due, share.getValue(), share.getKey())
                                    : claimSkippingLocked(c, request, share.getValue(), share.getKey())));
        }
        // RETURNING keeps no order; the contract hands out the oldest first.
        rows.sort(TaskRows.DUE_ORDER);
        return rows;
    }

    /**
     * On a distributed database: claims up to {@code limit} of one tenant's rows matching {@code candidates}
     * (a WHERE with its ORDER BY) in one statement routed to the tenant's shard. The candidates are a CTE,
     * which runs once: an {@code IN} sub-select may be rescanned per row of a nested loop, as Citus's
     * workers plan it, and then lock and return more rows than its LIMIT.
     */
    private List<TaskRows.Row> claimInTenant(
            Connection c, RunScope r, String candidates, Tenants.Binder bind, int limit, String tenant)
            throws SQLException {
        String task = ctx.tables().task();
        Dialect d = ctx.dialect();
        int order = candidates.lastIndexOf(" ORDER BY ");
        String sql = "WITH due AS (SELECT id AS due_id FROM " + task + candidates.substring(0, order) + d.sameTenant()
                + candidates.substring(order) + " LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE " + task
                + " SET claimed_by = ?, claimed_until = ? FROM due WHERE id = due.due_id" + d.sameTenant()
                + " RETURNING " + TaskRows.COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = d.bindTenant(ps, bind.bind(ps), tenant);
            ps.setInt(i++, limit);
            ps.setString(i++, r.runId());
            Timestamps.bind(ps, i++, r.leaseUntil());
            d.bindTenant(ps, i, tenant);
            return read(ps);
        }
    }

    private List<TaskRows.Row> claimSkippingLocked(Connection c, RunScope r, int limit, String tenant)
            throws SQLException {
        String task = ctx.tables().task();
        Dialect d = ctx.dialect();
        String sql = "UPDATE " + task + " SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM " + task
                + " WHERE " + DUE + StoreContext.tenantFilter(r.tenants()) + d.sameTenant()
                + " ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED)" + d.sameTenant() + " RETURNING "
                + TaskRows.COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, r.runId());
            Timestamps.bind(ps, i++, r.leaseUntil());
            i = d.bindTenant(ps, bindDue(ps, i, r), tenant);
            ps.setInt(i++, limit);
            d.bindTenant(ps, i, tenant);
            return read(ps);
        }
    }

    /**
     * The tenant column values to lock due rows of, one transaction each, oldest due first: on a distributed
     * database those of the first {@code limit} due rows (read without locks, across shards); elsewhere one
     * value that {@link #lockDue} ignores.
     */
    List<String> dueTenants(RunScope r, int limit) {
        String candidates = " WHERE " + DUE + StoreContext.tenantFilter(r.tenants()) + " ORDER BY next_check_at";
        return List.copyOf(Tenants.shares(ctx, ctx.tables().task(), candidates, limit, ps -> bindDue(ps, 1, r))
                .keySet());
    }

    /**
     * Locks up to {@code limit} due rows in the caller's transaction, oldest first, skipping rows
     * another transaction holds, and writes nothing (PostgreSQL): the locks hold the rows until that
     * transaction ends, which is what a lease would say. A row under another run's unexpired lease is
     * not due. On a distributed database only {@code tenant}'s rows, in a statement routed to its shard.
     */
    List<TaskRows.Row> lockDue(Connection c, RunScope r, int limit, String tenant) throws SQLException {
        Dialect d = ctx.dialect();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + TaskRows.COLUMNS + " FROM " + ctx.tables().task()
                        + " WHERE " + DUE + StoreContext.tenantFilter(r.tenants()) + d.sameTenant()
                        + " ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(d.bindTenant(ps, bindDue(ps, 1, r), tenant), limit);
            return read(ps);
        }
    }

    /** Leases rows this transaction holds locked (by {@link #lockDue}, of {@code tenant}) to the run, as a claim would have. */
    void lease(Connection c, RunScope r, List<WorkflowTask> tasks, String tenant) throws SQLException {
        Dialect d = ctx.dialect();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ctx.tables().task()
                + " SET claimed_by = ?, claimed_until = ? WHERE id = ANY(?::text[])" + d.sameTenant())) {
            ps.setString(1, r.runId());
            Timestamps.bind(ps, 2, r.leaseUntil());
            ps.setArray(3, ColumnArrays.texts(c, tasks, WorkflowTask::id));
            d.bindTenant(ps, 4, tenant);
            ps.executeUpdate();
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
        return takeGuarded(c, r, candidates);
    }

    /**
     * Claims open rows recorded under {@code version}, due or not, in id order, through the policy
     * index: as {@link #claim} does, one statement with {@code SKIP LOCKED} on PostgreSQL, candidates
     * and a guarded update on H2.
     */
    List<TaskRows.Row> claimPlannedUnder(RunScope r, PolicyVersion version, int limit) {
        String task = ctx.tables().task();
        String where = " WHERE " + PLANNED_UNDER + StoreContext.tenantFilter(r.tenants());
        String candidates = "SELECT id FROM " + task + where + " ORDER BY id LIMIT ?";
        if (ctx.dialect().supportsSingleStatementClaim()) {
            Dialect d = ctx.dialect();
            String sql = "UPDATE " + task + " SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM "
                    + task + where + d.sameTenant() + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)" + d.sameTenant()
                    + " RETURNING " + TaskRows.COLUMNS;
            List<TaskRows.Row> rows = new ArrayList<>();
            Tenants.Binder plannedUnder = ps -> bindPlannedUnder(ps, 1, r, version);
            for (Map.Entry<String, Integer> share : Tenants.shares(
                            ctx, task, where + " ORDER BY id", limit, plannedUnder)
                    .entrySet()) {
                rows.addAll(ctx.tx().inOneStatement("claiming the tasks of " + version, c -> {
                    if (d.distributed()) {
                        return claimInTenant(
                                c, r, where + " ORDER BY id", plannedUnder, share.getValue(), share.getKey());
                    }
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, r.runId());
                        Timestamps.bind(ps, 2, r.leaseUntil());
                        int i = d.bindTenant(ps, bindPlannedUnder(ps, 3, r, version), share.getKey());
                        ps.setInt(i++, share.getValue());
                        d.bindTenant(ps, i, share.getKey());
                        return read(ps);
                    }
                }));
            }
            rows.sort(java.util.Comparator.comparing(TaskRows.Row::id));
            return rows;
        }
        return ctx.tx().inTransaction("claiming the tasks of " + version, c -> {
            List<TaskRows.Row> found;
            try (PreparedStatement ps =
                    c.prepareStatement(candidates.replaceFirst("SELECT id ", "SELECT " + TaskRows.COLUMNS + " "))) {
                ps.setInt(bindPlannedUnder(ps, 1, r, version), limit);
                found = read(ps);
            }
            return takeGuarded(c, r, found);
        });
    }

    /** The distinct policy versions recorded on open rows of the scope's tenants, through the policy index. */
    Set<PolicyVersion> recordedPolicyVersions(RunScope r) {
        String sql =
                "SELECT DISTINCT policy_id, policy_version FROM " + ctx.tables().task()
                        + " WHERE status = 'OPEN' AND policy_id IS NOT NULL AND policy_version IS NOT NULL"
                        + StoreContext.tenantFilter(r.tenants());
        return ctx.tx().inOneStatement("reading the recorded policy versions", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (String tenant : StoreContext.sorted(r.tenants())) {
                    ps.setString(i++, tenant);
                }
                Set<PolicyVersion> versions = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        String version = rs.getString(2);
                        // A value no PolicyVersion accepts (blank) was not written by the engine; it is left out.
                        if (!id.isBlank() && !version.isBlank()) {
                            versions.add(new PolicyVersion(id, version));
                        }
                    }
                }
                return versions;
            }
        });
    }

    private static int bindPlannedUnder(PreparedStatement ps, int i, RunScope r, PolicyVersion version)
            throws SQLException {
        ps.setString(i++, version.policyId());
        ps.setString(i++, version.version());
        Timestamps.bind(ps, i++, r.now());
        for (String tenant : StoreContext.sorted(r.tenants())) {
            ps.setString(i++, tenant);
        }
        return i;
    }

    /** Takes each candidate with an update guarded by its version and an expired lease; returns those taken. */
    private List<TaskRows.Row> takeGuarded(Connection c, RunScope r, List<TaskRows.Row> candidates)
            throws SQLException {
        String task = ctx.tables().task();
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
