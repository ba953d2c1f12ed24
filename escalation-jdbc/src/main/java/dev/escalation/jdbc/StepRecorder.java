package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.spi.RecordedBatch;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Records a batch of step transitions in one transaction and three JDBC batches, whatever the
 * batch's size: first every compare-and-swap update ({@code WHERE id = ? AND version = ? AND
 * status = 'OPEN'}), whose update counts say which transitions won; then the outbox rows and the
 * audit rows (which lock their chain's head) of the winners only. A lost race changes nothing and writes nothing. Either the whole
 * batch is stored or, on any failure, none of it. On a distributed database (Citus) the batch is split by tenant, one
 * transaction per tenant, each routed to that tenant's shard: each tenant's part is stored whole or not at all.
 */
final class StepRecorder {

    private final StoreContext ctx;
    private final OutboxRows outbox;
    private final TaskClaims claims;
    private final String compareAndSwap;
    private final String setBasedCompareAndSwap;

    StepRecorder(StoreContext ctx, OutboxRows outbox, TaskClaims claims) {
        this.ctx = ctx;
        this.outbox = outbox;
        this.claims = claims;
        this.compareAndSwap = "UPDATE " + ctx.tables().task() + " SET assignee = ?, " + TaskRows.STATE_ASSIGNMENTS
                + ", version = version + 1, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                + " WHERE id = ? AND version = ? AND status = 'OPEN'"
                + ctx.dialect().sameTenant();
        // The same compare-and-swap for a whole batch in one statement: one plan, one pass, one round trip.
        this.setBasedCompareAndSwap = "UPDATE " + ctx.tables().task() + " SET assignee = v_assignee, "
                + StateColumns.ARRAY_ASSIGNMENTS
                + ", version = version + 1, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                + " FROM unnest(?::text[], ?::int8[], ?::text[], " + StateColumns.ARRAY_PARAMETERS + ")"
                + " AS v(v_id, v_version, v_assignee, " + StateColumns.ARRAY_ALIASES + ")"
                + " WHERE id = v_id AND version = v_version AND status = 'OPEN'"
                + ctx.dialect().sameTenant() + " RETURNING id";
    }

    List<String> record(RunScope scope, List<StepTransition> transitions) {
        if (transitions.isEmpty()) {
            return List.of();
        }
        List<StepTransition> sorted = new ArrayList<>(transitions);
        // Rows are locked in id order, so two runners whose batches overlap (after a lease expired) cannot deadlock.
        sorted.sort(Comparator.comparing(StepTransition::taskId));
        List<String> ids = new ArrayList<>(sorted.size());
        Map<String, List<StepTransition>> byTenant = byTenant(sorted);
        Set<String> stored = new HashSet<>();
        for (Map.Entry<String, List<StepTransition>> part : byTenant.entrySet()) {
            try {
                Recorded recorded = recordAll(part.getValue(), scope, part.getKey());
                stored.add(part.getKey());
                ctx.mirror().append(recorded.audit());
                ids.addAll(recorded.ids());
            } catch (RuntimeException e) {
                byTenant.forEach((tenant, rest) -> {
                    if (!stored.contains(tenant)) {
                        releaseClaims(rest, tenant, e);
                    }
                });
                throw e;
            }
        }
        return ids;
    }

    /**
     * The transitions by the tenant column of their task: one group where the database is not
     * distributed. A transition names no tenant; its audit entries and notifications carry the task's,
     * and the tenants of the few that have neither are read by id (across shards, without locks).
     */
    private Map<String, List<StepTransition>> byTenant(List<StepTransition> sorted) {
        if (!ctx.dialect().distributed()) {
            return Tenants.whole(sorted);
        }
        Map<String, String> looked = new HashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (StepTransition t : sorted) {
            if (t.auditEntries().isEmpty() && t.notifications().isEmpty()) {
                unknown.add(t.taskId());
            }
        }
        if (!unknown.isEmpty()) {
            looked.putAll(ctx.tx().inTransaction("reading the tenants of " + unknown.size() + " tasks", c -> {
                Map<String, String> tenants = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, tenant FROM "
                        + ctx.tables().task() + " WHERE id IN (" + Dialect.placeholders(unknown.size()) + ")")) {
                    int i = 1;
                    for (String id : unknown) {
                        ps.setString(i++, id);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            tenants.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                return tenants;
            }));
        }
        return Tenants.split(sorted, t -> {
            if (!t.auditEntries().isEmpty()) {
                return t.auditEntries().get(0).tenant();
            }
            if (!t.notifications().isEmpty()) {
                return t.notifications().get(0).tenant();
            }
            return Optional.ofNullable(looked.get(t.taskId())).filter(v -> !v.isEmpty());
        });
    }

    /**
     * Claims, plans and records one batch in one transaction (PostgreSQL): the due rows are locked
     * with {@code FOR UPDATE SKIP LOCKED} instead of leased, so each task row is written once, by its
     * compare-and-swap, and the batch takes one commit instead of two. A run that dies before the
     * commit leaves nothing: the rollback releases the locks and the rows are due again at once.
     * Empty when a locked row cannot be read: nothing is written then, and the caller claims the
     * batch the usual way, which defers the unreadable rows. On a distributed database (Citus) the
     * batch is one tenant's, every statement of the transaction routed to that tenant's shard; the
     * caller's next batch takes the next tenant.
     */
    Optional<RecordedBatch> claimAndRecord(
            RunScope scope, int limit, Function<List<WorkflowTask>, List<StepTransition>> planner) {
        // On a distributed database one tenant per transaction: the tenants with due rows, oldest first, until
        // one still has rows to lock (another node may have taken a tenant's rows since they were read).
        for (String tenant : claims.dueTenants(scope, limit)) {
            Optional<RecordedBatch> batch = claimAndRecord(scope, limit, planner, tenant);
            if (batch.isEmpty() || batch.get().claimed() > 0) {
                return batch;
            }
        }
        return Optional.of(new RecordedBatch(0, List.of()));
    }

    private Optional<RecordedBatch> claimAndRecord(
            RunScope scope, int limit, Function<List<WorkflowTask>, List<StepTransition>> planner, String tenant) {
        Instant now = scope.now();
        Optional<Batch> batch = ctx.tx().inTransaction("claiming and recording due tasks", c -> {
            List<WorkflowTask> tasks = new ArrayList<>();
            for (TaskRows.Row row : claims.lockDue(c, scope, limit, tenant)) {
                if (!(row instanceof TaskRows.ReadableRow readable)) {
                    return Optional.empty();
                }
                tasks.add(readable.task());
            }
            if (tasks.isEmpty()) {
                return Optional.of(new Batch(0, new Recorded(List.of(), List.of()), null));
            }
            List<StepTransition> sorted;
            try {
                sorted = new ArrayList<>(planner.apply(List.copyOf(tasks)));
            } catch (EscalationStoreException e) {
                // The planner's question to this store (the paused policies, asked in this transaction) failed:
                // the transaction may be unusable, so nothing is leased; the rollback hands the rows back.
                throw e;
            } catch (RuntimeException | Error e) {
                // As a claim would have: the batch stays held until the lease ends, so that a batch that
                // kills its planner is not handed straight to the next run; the lease commits, the error follows.
                claims.lease(c, scope, tasks, tenant);
                return Optional.of(new Batch(tasks.size(), new Recorded(List.of(), List.of()), e));
            }
            sorted.sort(Comparator.comparing(StepTransition::taskId));
            return Optional.of(new Batch(tasks.size(), recordIn(c, sorted, scope, now, tenant), null));
        });
        if (batch.isPresent() && batch.get().plannerFailure() != null) {
            Throwable failure = batch.get().plannerFailure();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
        batch.ifPresent(b -> ctx.mirror().append(b.recorded().audit()));
        return batch.map(b -> new RecordedBatch(b.claimed(), b.recorded().ids()));
    }

    /** A batch claimed and recorded in one transaction, or claimed and leased when its planner failed. */
    private record Batch(int claimed, Recorded recorded, Throwable plannerFailure) {}

    /** The ids of the applied transitions and the audit entries stored with them. */
    private record Recorded(List<String> ids, List<AuditEntry> audit) {}

    private Recorded recordAll(List<StepTransition> sorted, RunScope scope, String tenant) {
        Instant now = scope.now();
        return ctx.tx()
                .inTransaction(
                        "recording " + sorted.size() + " step transitions",
                        c -> recordIn(c, sorted, scope, now, tenant));
    }

    private Recorded recordIn(Connection c, List<StepTransition> sorted, RunScope scope, Instant now, String tenant)
            throws SQLException {
        List<StepTransition> applied = compareAndSwap(c, sorted, now, tenant);
        List<AuditEntry> audit = new ArrayList<>();
        List<OutboxRows.Queued> queued = new ArrayList<>();
        List<String> ids = new ArrayList<>(applied.size());
        for (StepTransition t : applied) {
            ids.add(t.taskId());
            audit.addAll(t.auditEntries());
            for (Notification n : t.notifications()) {
                queued.add(new OutboxRows.Queued(n, scope.leaseUntil(), now));
            }
        }
        outbox.insert(c, queued);
        // Last, so that the audit chain's head is held only for the audit rows and the commit.
        ctx.audit().insert(c, audit);
        return new Recorded(ids, audit);
    }

    /**
     * After a failed batch, hands its tasks back at once instead of at the end of the lease, so the
     * next run retries them without waiting. Best effort: a row still at the planned version is
     * still this run's claim; if the database is gone, the lease expires as usual.
     */
    private void releaseClaims(List<StepTransition> transitions, String tenant, RuntimeException failure) {
        try {
            ctx.tx().inTransaction("releasing the claims of a failed batch", c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE " + ctx.tables().task()
                                + " SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND version = ?"
                                + ctx.dialect().sameTenant())) {
                    for (StepTransition t : transitions) {
                        ps.setString(1, t.taskId());
                        ps.setLong(2, t.expectedVersion());
                        ctx.dialect().bindTenant(ps, 3, tenant);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private List<StepTransition> compareAndSwap(
            Connection c, List<StepTransition> transitions, Instant now, String tenant) throws SQLException {
        if (ctx.dialect().supportsSetBasedUpdates()) {
            return compareAndSwapAtOnce(c, transitions, now, tenant);
        }
        try (PreparedStatement ps = c.prepareStatement(compareAndSwap)) {
            for (StepTransition t : transitions) {
                ps.setString(1, t.assignee());
                int i = TaskRows.bindState(ps, 2, t.state(), true);
                Timestamps.bind(ps, i++, now);
                ps.setString(i++, t.taskId());
                ps.setLong(i++, t.expectedVersion());
                ctx.dialect().bindTenant(ps, i, tenant);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<StepTransition> applied = new ArrayList<>(transitions.size());
            for (int k = 0; k < counts.length; k++) {
                if (BatchCounts.applied(counts[k])) {
                    applied.add(transitions.get(k));
                }
            }
            return applied;
        }
    }

    /**
     * The batch's compare-and-swap as one statement over arrays (PostgreSQL). The returned ids say which
     * transitions won, as the update counts of the batched statements do. The planner joins the id
     * array, sorted, to the primary key row by row, so rows are still locked in id order.
     */
    private List<StepTransition> compareAndSwapAtOnce(
            Connection c, List<StepTransition> transitions, Instant now, String tenant) throws SQLException {
        Set<String> won = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(setBasedCompareAndSwap)) {
            int i = 1;
            Timestamps.bind(ps, i++, now);
            ps.setArray(i++, ColumnArrays.texts(c, transitions, StepTransition::taskId));
            ps.setArray(i++, ColumnArrays.longs(c, transitions, StepTransition::expectedVersion));
            ps.setArray(i++, ColumnArrays.texts(c, transitions, StepTransition::assignee));
            // Only open tasks are ever due; a compare-and-swap applies to open rows only, so the next check stands.
            i = StateColumns.bindArrays(ps, i, c, transitions, StepTransition::state);
            ctx.dialect().bindTenant(ps, i, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    won.add(rs.getString(1));
                }
            }
        }
        List<StepTransition> applied = new ArrayList<>(won.size());
        for (StepTransition t : transitions) {
            if (won.remove(t.taskId())) {
                applied.add(t);
            }
        }
        return applied;
    }
}
