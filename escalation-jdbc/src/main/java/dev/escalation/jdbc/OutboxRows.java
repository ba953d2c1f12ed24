package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification outbox. A step's notifications are inserted with the step, in its transaction,
 * as {@code PENDING} with {@code next_attempt_at} = the run's redelivery lease; the run delivers them
 * right after the commit and records the outcome. If the run dies first, the lease expires and the
 * next run's {@link #claim} picks them up: nothing is lost, a receiver may see a repeat and drops it
 * by its idempotency key. A claim moves {@code next_attempt_at} to the claimer's lease, which is the
 * outbox's whole locking scheme.
 */
final class OutboxRows {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRows.class);
    private static final String[] COLUMNS = {
        "idempotency_key",
        "task_id",
        "tenant",
        "payload",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "updated_at"
    };
    private static final String DUE = "status = 'PENDING' AND next_attempt_at <= ?";
    static final String UNFINISHED = "status NOT IN ('DELIVERED', 'GIVEN_UP', 'WITHDRAWN')";

    private final StoreContext ctx;
    private final RowInserts<Queued> inserts;

    OutboxRows(StoreContext ctx) {
        this.ctx = ctx;
        this.inserts = new RowInserts<>(
                ctx.dialect(),
                ctx.tables().outbox(),
                COLUMNS,
                q -> q.notification().idempotencyKey(),
                this::bind);
    }

    /** A notification to store at {@code now}, pending until {@code firstAttemptAt}. */
    record Queued(Notification notification, Instant firstAttemptAt, Instant now) {}

    /** Adds pending notifications in one batch; a key that is already there is left as it is. */
    void insert(Connection c, List<Queued> queued) throws SQLException {
        if (!queued.isEmpty()) {
            inserts.insert(c, queued);
        }
    }

    private void bind(PreparedStatement ps, int i, Queued q) throws SQLException {
        Notification n = q.notification();
        ps.setString(i++, n.idempotencyKey());
        ps.setString(i++, n.taskId());
        ps.setString(i++, ctx.dialect().tenantColumn(n.tenant()));
        ps.setString(i++, JsonColumns.notification(n));
        ps.setString(i++, "PENDING");
        ps.setInt(i++, 0);
        Timestamps.bind(ps, i++, q.firstAttemptAt());
        Timestamps.bind(ps, i++, q.now());
        Timestamps.bind(ps, i, q.now());
    }

    List<PendingNotification> claim(RunScope r, int limit) {
        List<Claimed> claimed = new ArrayList<>();
        if (ctx.dialect().supportsSingleStatementClaim()) {
            String candidates = " WHERE " + DUE + StoreContext.tenantFilter(r.tenants()) + " ORDER BY next_attempt_at";
            for (Map.Entry<String, Integer> share : Tenants.shares(
                            ctx, ctx.tables().outbox(), candidates, limit, ps -> bindDue(ps, 1, r))
                    .entrySet()) {
                // One UPDATE ... RETURNING: its own transaction, no COMMIT round trip (an idle run's first call).
                claimed.addAll(ctx.tx()
                        .inOneStatement(
                                "claiming due notifications",
                                c -> claimSkippingLocked(c, r, share.getValue(), share.getKey())));
            }
        } else {
            claimed.addAll(ctx.tx().inTransaction("claiming due notifications", c -> claimGuarded(c, r, limit)));
        }
        List<PendingNotification> pending = new ArrayList<>(claimed.size());
        List<Claimed> unreadable = new ArrayList<>();
        claimed.sort(Comparator.comparing(Claimed::dueAt).thenComparing(Claimed::key));
        for (Claimed row : claimed) {
            try {
                pending.add(new PendingNotification(
                        JsonColumns.notification(row.payload()), row.attempts(), row.dueAt(), row.redelivery()));
            } catch (IllegalArgumentException e) {
                unreadable.add(row.failed(e.getMessage()));
            }
        }
        if (!unreadable.isEmpty()) {
            giveUpUnreadable(unreadable, r);
        }
        return pending;
    }

    void recordOutcomes(RunScope scope, List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<DeliveryOutcome> sorted = new ArrayList<>(outcomes);
        // A fixed lock order keeps concurrent runners that recorded the same keys from deadlocking.
        sorted.sort(Comparator.comparing(DeliveryOutcome::idempotencyKey));
        Instant now = scope.now();
        for (Map.Entry<String, List<DeliveryOutcome>> part : byTenant(sorted).entrySet()) {
            recordOutcomes(part.getValue(), now, part.getKey());
        }
    }

    /**
     * The outcomes by the tenant column of their row: one group where the database is not distributed.
     * An outcome names only its key, so on a distributed database the keys' tenants are read first
     * (across shards, without locks); a key that is no longer stored changes nothing and is left out.
     */
    private Map<String, List<DeliveryOutcome>> byTenant(List<DeliveryOutcome> sorted) {
        if (!ctx.dialect().distributed()) {
            return Tenants.whole(sorted);
        }
        Map<String, String> tenants = ctx.tx().inTransaction("reading the tenants of notifications", c -> {
            Map<String, String> found = new java.util.HashMap<>();
            for (int from = 0; from < sorted.size(); from += 500) {
                List<DeliveryOutcome> chunk = sorted.subList(from, Math.min(sorted.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, tenant FROM "
                        + ctx.tables().outbox() + " WHERE idempotency_key IN (" + Dialect.placeholders(chunk.size())
                        + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i).idempotencyKey());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            return found;
        });
        List<DeliveryOutcome> stored = new ArrayList<>(sorted);
        stored.removeIf(o -> !tenants.containsKey(o.idempotencyKey()));
        return Tenants.split(
                stored, o -> Optional.of(tenants.get(o.idempotencyKey())).filter(t -> !t.isEmpty()));
    }

    private void recordOutcomes(List<DeliveryOutcome> sorted, Instant now, String tenant) {
        ctx.tx().inTransaction("recording notification deliveries", c -> {
            if (ctx.dialect().supportsSetBasedUpdates()) {
                OutcomesAtOnce.record(c, ctx.tables(), ctx.dialect(), sorted, now, tenant);
                return null;
            }
            // "Not finished" rather than "status = 'PENDING'": with the latter PostgreSQL may read the pending
            // index (small by its statistics) and filter it by key, a scan of every pending row per outcome.
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE " + ctx.tables().outbox() + " SET status = ?, attempts = ?,"
                            + " next_attempt_at = ?, last_error = ?, delivered_at = ?, claimed_by = NULL, updated_at = ?"
                            + " WHERE idempotency_key = ? AND " + UNFINISHED
                            + ctx.dialect().sameTenant())) {
                for (DeliveryOutcome o : sorted) {
                    ps.setString(1, status(o));
                    ps.setInt(2, o.attempts());
                    Timestamps.bind(ps, 3, o.nextAttemptAt().orElse(o.at()));
                    ps.setString(4, o.lastError().orElse(null));
                    Timestamps.bind(ps, 5, deliveredAt(o));
                    Timestamps.bind(ps, 6, now);
                    ps.setString(7, o.idempotencyKey());
                    ctx.dialect().bindTenant(ps, 8, tenant);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    static String status(DeliveryOutcome o) {
        return switch (o.status()) {
            case DELIVERED -> "DELIVERED";
            case RETRY, DEFERRED -> "PENDING";
            case GIVEN_UP -> "GIVEN_UP";
            case WITHDRAWN -> "WITHDRAWN";
        };
    }

    static Instant deliveredAt(DeliveryOutcome o) {
        return o.status() == DeliveryOutcome.Status.DELIVERED ? o.at() : null;
    }

    /**
     * Deletes up to {@code limit} delivered, given-up and withdrawn rows last changed before {@code before}, in
     * one short transaction; returns how many. Callers repeat until fewer than {@code limit} go.
     */
    int purgeFinished(Instant before, int limit) {
        String outbox = ctx.tables().outbox();
        String finished = " WHERE status IN ('DELIVERED', 'GIVEN_UP', 'WITHDRAWN') AND updated_at < ?";
        Dialect d = ctx.dialect();
        int deleted = 0;
        // On a distributed database one tenant per transaction, as the shares of a claim.
        for (Map.Entry<String, Integer> share : Tenants.shares(ctx, outbox, finished, limit, ps -> {
                    Timestamps.bind(ps, 1, before);
                    return 2;
                })
                .entrySet()) {
            deleted += ctx.tx().inTransaction("purging finished notifications", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + outbox
                        + " WHERE idempotency_key IN (SELECT idempotency_key FROM " + outbox + finished + d.sameTenant()
                        + " LIMIT ?)" + d.sameTenant())) {
                    Timestamps.bind(ps, 1, before);
                    int i = d.bindTenant(ps, 2, share.getKey());
                    ps.setInt(i++, share.getValue());
                    d.bindTenant(ps, i, share.getKey());
                    return ps.executeUpdate();
                }
            });
        }
        return deleted;
    }

    private List<Claimed> claimSkippingLocked(Connection c, RunScope r, int limit, String tenant) throws SQLException {
        String outbox = ctx.tables().outbox();
        Dialect d = ctx.dialect();
        if (d.distributed()) {
            return claimInTenant(c, r, limit, tenant);
        }
        String sql = "UPDATE " + outbox
                + " SET next_attempt_at = ?, claimed_by = ?, updated_at = ? FROM (SELECT idempotency_key AS claim_key,"
                + " next_attempt_at AS due_at FROM " + outbox + " WHERE " + DUE + StoreContext.tenantFilter(r.tenants())
                + d.sameTenant() + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due"
                + " WHERE idempotency_key = due.claim_key" + d.sameTenant()
                + " RETURNING idempotency_key, task_id, tenant, payload, attempts, redelivery, due.due_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Timestamps.bind(ps, 1, r.leaseUntil());
            ps.setString(2, r.runId());
            Timestamps.bind(ps, 3, r.now());
            int i = d.bindTenant(ps, bindDue(ps, 4, r), tenant);
            ps.setInt(i++, limit);
            d.bindTenant(ps, i, tenant);
            return read(ps, "due_at");
        }
    }

    /**
     * On a distributed database: one tenant's due rows, in one statement routed to its shard, the
     * candidates in a CTE that runs once (a sub-select in FROM may be rescanned in a nested loop and then
     * lock more rows than its LIMIT).
     */
    private List<Claimed> claimInTenant(Connection c, RunScope r, int limit, String tenant) throws SQLException {
        String outbox = ctx.tables().outbox();
        Dialect d = ctx.dialect();
        String sql = "WITH due AS (SELECT idempotency_key AS claim_key, next_attempt_at AS due_at FROM " + outbox
                + " WHERE " + DUE + StoreContext.tenantFilter(r.tenants()) + d.sameTenant()
                + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE " + outbox
                + " SET next_attempt_at = ?, claimed_by = ?, updated_at = ? FROM due"
                + " WHERE idempotency_key = due.claim_key" + d.sameTenant()
                + " RETURNING idempotency_key, task_id, tenant, payload, attempts, redelivery, due.due_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = d.bindTenant(ps, bindDue(ps, 1, r), tenant);
            ps.setInt(i++, limit);
            Timestamps.bind(ps, i++, r.leaseUntil());
            ps.setString(i++, r.runId());
            Timestamps.bind(ps, i++, r.now());
            d.bindTenant(ps, i, tenant);
            return read(ps, "due_at");
        }
    }

    private List<Claimed> claimGuarded(Connection c, RunScope r, int limit) throws SQLException {
        String outbox = ctx.tables().outbox();
        List<Claimed> candidates;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idempotency_key, task_id, tenant, payload, attempts, redelivery, next_attempt_at FROM " + outbox
                        + " WHERE " + DUE + StoreContext.tenantFilter(r.tenants())
                        + " ORDER BY next_attempt_at LIMIT ?")) {
            ps.setInt(bindDue(ps, 1, r), limit);
            candidates = read(ps, "next_attempt_at");
        }
        if (candidates.isEmpty()) {
            return candidates;
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE " + outbox + " SET next_attempt_at = ?, claimed_by = ?, updated_at = ?"
                        + " WHERE idempotency_key = ? AND status = 'PENDING' AND next_attempt_at = ?")) {
            for (Claimed row : candidates) {
                Timestamps.bind(ps, 1, r.leaseUntil());
                ps.setString(2, r.runId());
                Timestamps.bind(ps, 3, r.now());
                ps.setString(4, row.key());
                Timestamps.bind(ps, 5, row.dueAt());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<Claimed> claimed = new ArrayList<>();
            for (int k = 0; k < counts.length; k++) {
                if (BatchCounts.applied(counts[k])) {
                    claimed.add(candidates.get(k));
                }
            }
            return claimed;
        }
    }

    /** A payload that is no notification can never be delivered: give it up at once, audited and counted. */
    private void giveUpUnreadable(List<Claimed> rows, RunScope r) {
        ctx.unreadableRows().addAndGet(rows.size());
        List<AuditEntry> audit = new ArrayList<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (Claimed row : rows) {
            LOG.error(
                    "outbox row {} of task {} cannot be read and is given up: {}",
                    row.key(),
                    row.taskId(),
                    row.error());
            outcomes.add(DeliveryOutcome.givenUp(
                    row.key(), row.attempts(), "unreadable outbox row: " + row.error(), r.now()));
            audit.add(new AuditEntry(
                    AuditEntry.newId(r.now()),
                    AuditType.NOTIFICATION_GIVEN_UP,
                    row.taskId(),
                    row.tenant(),
                    r.now(),
                    r.runId(),
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(row.key()),
                    Map.of("error", "unreadable outbox row: " + row.error())));
        }
        recordOutcomes(r, outcomes);
        Map<String, List<AuditEntry>> parts =
                ctx.dialect().distributed() ? Tenants.split(audit, AuditEntry::tenant) : Tenants.whole(audit);
        for (List<AuditEntry> part : parts.values()) {
            ctx.tx().inTransaction("auditing unreadable outbox rows", c -> {
                ctx.audit().insert(c, part);
                return null;
            });
        }
        ctx.mirror().append(audit);
    }

    private static int bindDue(PreparedStatement ps, int i, RunScope r) throws SQLException {
        Timestamps.bind(ps, i++, r.now());
        for (String tenant : StoreContext.sorted(r.tenants())) {
            ps.setString(i++, tenant);
        }
        return i;
    }

    private static List<Claimed> read(PreparedStatement ps, String dueColumn) throws SQLException {
        List<Claimed> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Claimed(
                        rs.getString("idempotency_key"),
                        rs.getString("task_id"),
                        Tenants.read(rs, "tenant"),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        Optional.ofNullable(rs.getString("redelivery")),
                        Timestamps.required(rs, dueColumn),
                        ""));
            }
        }
        return rows;
    }

    private record Claimed(
            String key,
            String taskId,
            Optional<String> tenant,
            String payload,
            int attempts,
            Optional<String> redelivery,
            Instant dueAt,
            String error) {
        Claimed failed(String message) {
            return new Claimed(key, taskId, tenant, payload, attempts, redelivery, dueAt, message);
        }
    }
}
