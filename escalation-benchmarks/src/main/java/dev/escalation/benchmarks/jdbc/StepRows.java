package dev.escalation.benchmarks.jdbc;

import dev.escalation.jdbc.SchemaOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The baselines' plain SQL over the store's public schema - the tables that
 * {@link dev.escalation.jdbc.EscalationSchema} creates with {@link SchemaOptions#defaults()} - and
 * nothing of the store's code: a warning step's task change, audit row and outbox row, the
 * delivery update of the naive job, and a transaction around work on one connection.
 *
 * <p>The audit table requires a place in a hash chain for every row ({@code chain},
 * {@code chain_seq}, unique together, and {@code prev_hash}, {@code entry_hash}, not null). The
 * baselines give each row the simplest valid values - the task's own chain at the task's new
 * version, empty hashes - and so read no chain head, lock none and hash nothing. The chain is an
 * extra that the store adds to each step; issue #19 asks for the limit of the step itself, so that
 * what the chain costs shows in the gap between the engine and the limit instead of hiding in both.
 */
final class StepRows {

    private static final String PREFIX = SchemaOptions.defaults().qualifiedPrefix();
    static final String TASK = PREFIX + "task";
    static final String AUDIT = PREFIX + "audit";
    static final String OUTBOX = PREFIX + "outbox";

    /** Up to {@code ?} due tasks, oldest first, locked; rows that another transaction locked are skipped. */
    static final String SELECT_DUE = "SELECT id, version, assignee, deadline FROM " + TASK
            + " WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED";

    /**
     * The task's change: warned now, next checked at its deadline. The version condition makes the
     * naive job's unlocked read safe; under the limit's row lock it is one comparison on a row the
     * update reads anyway.
     */
    static final String WARN_TASK = "UPDATE " + TASK
            + " SET warned_at = ?, next_check_at = ?, policy_id = ?, policy_version = ?, version = version + 1,"
            + " updated_at = ? WHERE id = ? AND version = ?";

    static final String INSERT_AUDIT = "INSERT INTO " + AUDIT
            + " (entry_id, type, task_id, occurred_at, actor, escalation_level, from_assignee, to_assignee, step_key,"
            + " details, chain, chain_seq, prev_hash, entry_hash) VALUES (?, 'WARNING_SENT', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, '', '')";

    static final String INSERT_OUTBOX = "INSERT INTO " + OUTBOX
            + " (idempotency_key, task_id, payload, status, attempts, next_attempt_at, created_at, updated_at, delivered_at)"
            + " VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)";

    static final String MARK_DELIVERED = "UPDATE " + OUTBOX
            + " SET status = 'DELIVERED', next_attempt_at = ?, delivered_at = ?, updated_at = ?"
            + " WHERE idempotency_key = ?";

    /** What an outbox row holds when it goes in: pending until a lease ends, or delivered already. */
    enum Outbox {
        PENDING,
        DELIVERED
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private StepRows() {}

    /** Runs {@code work} in one transaction on a connection of {@code dataSource}: commits, or rolls back and rethrows. */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The task changes of {@code steps} as one JDBC batch; returns how many rows changed. */
    static int warnTasks(Connection c, List<WarningStep> steps) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WARN_TASK)) {
            for (WarningStep s : steps) {
                bind(ps, 1, s.at());
                bind(ps, 2, s.deadline());
                // The engine records the policy version a task's plan was made under with each step.
                ps.setString(3, WarningStep.POLICY.id());
                ps.setString(4, WarningStep.POLICY.version());
                bind(ps, 5, s.at());
                ps.setString(6, s.taskId());
                ps.setLong(7, s.version());
                ps.addBatch();
            }
            int changed = 0;
            for (int count : ps.executeBatch()) {
                changed += count;
            }
            return changed;
        }
    }

    /** The audit rows of {@code steps} as one JDBC batch, each in its task's own chain (see above). */
    static void insertAudit(Connection c, List<WarningStep> steps) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_AUDIT)) {
            for (WarningStep s : steps) {
                ps.setString(1, s.entryId());
                ps.setString(2, s.taskId());
                bind(ps, 3, s.at());
                ps.setString(4, s.actor());
                ps.setString(5, s.assignee());
                ps.setString(6, s.assignee());
                ps.setString(7, s.stepKey());
                ps.setString(8, s.details());
                ps.setString(9, s.taskId());
                ps.setLong(10, s.version() + 1);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The outbox rows of {@code steps} as one JDBC batch: {@link Outbox#PENDING} until
     * {@code pendingUntil}, as a job that delivers after its commit leaves them, or
     * {@link Outbox#DELIVERED} at the step's instant, as the engine's rows end up.
     */
    static void insertOutbox(Connection c, List<WarningStep> steps, Outbox state, Instant pendingUntil)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX)) {
            for (WarningStep s : steps) {
                boolean delivered = state == Outbox.DELIVERED;
                ps.setString(1, s.notificationKey());
                ps.setString(2, s.taskId());
                ps.setString(3, s.payload());
                ps.setString(4, state.name());
                bind(ps, 5, delivered ? s.at() : pendingUntil);
                bind(ps, 6, s.at());
                bind(ps, 7, s.at());
                bind(ps, 8, delivered ? s.at() : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks the outbox row of {@code step} delivered at the step's instant. */
    static void markDelivered(Connection c, WarningStep step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_DELIVERED)) {
            bind(ps, 1, step.at());
            bind(ps, 2, step.at());
            bind(ps, 3, step.at());
            ps.setString(4, step.notificationKey());
            ps.executeUpdate();
        }
    }

    /** Binds an instant as a UTC timestamp, to the microsecond PostgreSQL keeps; {@code null} as SQL NULL. */
    static void bind(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    /** A timestamp column as an instant; empty when NULL. */
    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /** A timestamp column that the schema declares NOT NULL. */
    static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return instant(rs, column).orElseThrow(() -> new SQLException(column + " is NULL"));
    }
}
