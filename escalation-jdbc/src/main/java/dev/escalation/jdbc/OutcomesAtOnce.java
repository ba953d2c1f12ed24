package dev.escalation.jdbc;

import dev.escalation.core.spi.DeliveryOutcome;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A batch's delivery outcomes as one statement over arrays (PostgreSQL): the same change of the
 * same rows as {@link OutboxRows}' batched updates, in one pass; the caller's sorted keys keep the
 * lock order.
 */
final class OutcomesAtOnce {

    private OutcomesAtOnce() {}

    /**
     * The statement, planned so that it cannot go wrong on the statistics: once every stored row is
     * delivered (after a vacuum), "unfinished" looks like no row at all, and with that filter on the
     * outbox PostgreSQL either read the whole outbox (which grows with every run) or joined each of
     * the batch's rows to every element of the arrays - 500 x 500 comparisons, 854 ms of a 3 s run
     * for 2,000 outcomes (#19). So the keys restrict the outbox through its primary key
     * ({@code = ANY}, the same array as the first column of {@code v}), and "unfinished" is checked
     * on the joined pair ({@code OR v_key IS NULL} is never true: it only keeps the condition from
     * being estimated against the outbox's statistics).
     */
    static String statement(Tables tables, Dialect dialect) {
        return "UPDATE " + tables.outbox() + " SET status = v_status, attempts = v_attempts,"
                + " next_attempt_at = v_next_attempt_at, last_error = v_last_error, delivered_at = v_delivered_at,"
                + " claimed_by = NULL, updated_at = ? FROM unnest(?::text[], ?::text[], ?::int4[], ?::timestamptz[],"
                + " ?::text[], ?::timestamptz[]) AS v(v_key, v_status, v_attempts, v_next_attempt_at, v_last_error,"
                + " v_delivered_at) WHERE idempotency_key = ANY(?::text[]) AND idempotency_key = v_key AND ("
                + OutboxRows.UNFINISHED + " OR v_key IS NULL)" + dialect.sameTenant();
    }

    /**
     * Records {@code sorted} in the caller's transaction. When every outcome is a delivery, the commit
     * does not wait for the disk ({@code synchronous_commit} off for this transaction only): a crash
     * may then lose the outcome, which leaves its row pending under the run's redelivery lease, so the
     * notification is delivered again with the same idempotency key - the at-least-once case of a run
     * that dies between delivering and recording. Outcomes that audit (given up, deferred) or withdraw
     * commit durably as before. On a distributed database every key is {@code tenant}'s (the caller splits
     * the batch by tenant), so the statement stays on that tenant's shard.
     */
    static void record(
            Connection c, Tables tables, Dialect dialect, List<DeliveryOutcome> sorted, Instant now, String tenant)
            throws SQLException {
        if (sorted.stream().allMatch(o -> o.status() == DeliveryOutcome.Status.DELIVERED)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
        try (PreparedStatement ps = c.prepareStatement(statement(tables, dialect))) {
            bind(ps, c, sorted, now);
            dialect.bindTenant(ps, 9, tenant);
            ps.executeUpdate();
        }
    }

    /** Binds {@link #statement}'s parameters. */
    static void bind(PreparedStatement ps, Connection c, List<DeliveryOutcome> sorted, Instant now)
            throws SQLException {
        Timestamps.bind(ps, 1, now);
        Array keys = ColumnArrays.texts(c, sorted, DeliveryOutcome::idempotencyKey);
        ps.setArray(2, keys);
        ps.setArray(3, ColumnArrays.texts(c, sorted, OutboxRows::status));
        ps.setArray(4, ColumnArrays.ints(c, sorted, DeliveryOutcome::attempts));
        ps.setArray(
                5,
                ColumnArrays.instants(
                        c, sorted, o -> Optional.of(o.nextAttemptAt().orElse(o.at()))));
        ps.setArray(6, ColumnArrays.texts(c, sorted, o -> o.lastError().orElse(null)));
        ps.setArray(7, ColumnArrays.instants(c, sorted, o -> Optional.ofNullable(OutboxRows.deliveredAt(o))));
        ps.setArray(8, keys);
    }
}
