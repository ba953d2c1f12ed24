package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
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
    private final String compareAndSwap;

    StepRecorder(StoreContext ctx, OutboxRows outbox) {
        this.ctx = ctx;
        this.outbox = outbox;
        this.compareAndSwap = "UPDATE " + ctx.tables().task() + " SET assignee = ?, " + TaskRows.STATE_ASSIGNMENTS
                + ", version = version + 1, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                + " WHERE id = ? AND version = ? AND status = 'OPEN'"
                + ctx.dialect().sameTenant();
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

    /** The ids of the applied transitions and the audit entries stored with them. */
    private record Recorded(List<String> ids, List<AuditEntry> audit) {}

    private Recorded recordAll(List<StepTransition> sorted, RunScope scope, String tenant) {
        Instant now = scope.now();
        return ctx.tx().inTransaction("recording " + sorted.size() + " step transitions", c -> {
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
        });
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
}
