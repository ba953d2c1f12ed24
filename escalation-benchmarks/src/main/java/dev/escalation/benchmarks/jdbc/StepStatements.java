package dev.escalation.benchmarks.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.internal.AuditRows;
import dev.escalation.jdbc.internal.Dialect;
import dev.escalation.jdbc.internal.RowInserts;
import dev.escalation.jdbc.internal.Tables;
import dev.escalation.jdbc.internal.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL statements a warning step costs on PostgreSQL, word for word as the JDBC store issues
 * them (the smoke test compares the two sets of statements; the inserts are built by the store's
 * own {@link RowInserts} and {@link AuditRows}), with their parameters bound from
 * plain values: the baselines issue them without any of the engine's logic. Per run: claim due
 * notifications; per batch: claim due tasks, then in one transaction compare-and-swap each task,
 * insert its outbox row and its (hash-chained) audit row, then mark the notification delivered; at
 * the end, read the next due instant.
 */
final class StepStatements {

    static final String TASK_COLUMNS =
            "id, workflow_type, stage, assignee, priority, tenant, sla_start, attributes, status, holds, "
                    + "cycle, warned_at, reminders_sent, escalation_level, last_escalated_at, re_escalations, breached_at, warning_at, "
                    + "deadline, next_check_at, version";

    static final String CLAIM_NOTIFICATIONS =
            "UPDATE escalation_outbox SET next_attempt_at = ?, claimed_by = ?, updated_at = ?"
                    + " FROM (SELECT idempotency_key AS claim_key, next_attempt_at AS due_at FROM escalation_outbox"
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due"
                    + " WHERE idempotency_key = due.claim_key RETURNING idempotency_key, task_id, tenant, payload, attempts, due.due_at";

    static final String CLAIM_TASKS = "UPDATE escalation_task SET claimed_by = ?, claimed_until = ? WHERE id IN"
            + " (SELECT id FROM escalation_task WHERE next_check_at >= ? AND next_check_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
            + " ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + TASK_COLUMNS;

    static final String COMPARE_AND_SWAP =
            "UPDATE escalation_task SET assignee = ?, cycle = ?, warned_at = ?, reminders_sent = ?,"
                    + " escalation_level = ?, last_escalated_at = ?, re_escalations = ?, breached_at = ?, warning_at = ?, deadline = ?,"
                    + " next_check_at = ?, version = version + 1, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                    + " WHERE id = ? AND version = ? AND status = 'OPEN'";

    /**
     * Audit rows go in as the store inserts them, through the store's own {@link AuditRows}: the
     * chain's head locked, each row hashed onto the one before, multi-row inserts, the head advanced.
     */
    static final AuditRows AUDIT_ROWS =
            new AuditRows(new Tables(SchemaOptions.defaults()), Dialect.of(SqlDialect.POSTGRESQL));

    /** Outbox rows go in as the store inserts them: multi-row, idempotent inserts, built by the store's own {@link RowInserts}. */
    static final RowInserts<Step> OUTBOX_ROWS = new RowInserts<>(
            Dialect.of(SqlDialect.POSTGRESQL),
            "escalation_outbox",
            new String[] {
                "idempotency_key",
                "task_id",
                "tenant",
                "payload",
                "status",
                "attempts",
                "next_attempt_at",
                "created_at",
                "updated_at"
            },
            Step::notificationKey,
            StepStatements::bindOutbox);

    static final String RECORD_DELIVERY =
            "UPDATE escalation_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
                    + " delivered_at = ?, claimed_by = NULL, updated_at = ? WHERE idempotency_key = ? AND status NOT IN ('DELIVERED', 'GIVEN_UP')";

    static final String NEXT_DUE =
            "SELECT (SELECT next_check_at FROM escalation_task WHERE next_check_at >= ? ORDER BY next_check_at LIMIT 1)"
                    + " AS next_check, (SELECT next_attempt_at FROM escalation_outbox WHERE status = 'PENDING' ORDER BY next_attempt_at LIMIT 1)"
                    + " AS next_attempt";

    /** Every statement above besides the inserts (whose text depends on the number of rows) and the audit chain's, for the smoke test. */
    static final List<String> FIXED =
            List.of(CLAIM_NOTIFICATIONS, CLAIM_TASKS, COMPARE_AND_SWAP, RECORD_DELIVERY, NEXT_DUE);

    /** The audit entries of {@code steps}, for {@link #AUDIT_ROWS}. */
    static List<AuditEntry> auditEntries(List<Step> steps) {
        List<AuditEntry> entries = new ArrayList<>(steps.size());
        for (Step s : steps) {
            entries.add(s.auditEntry());
        }
        return entries;
    }

    private StepStatements() {}

    /**
     * One task's warning: the values every statement of the step binds. Only what differs per task
     * is computed; the texts have the shape and length of the engine's.
     */
    record Step(
            String taskId,
            long version,
            String assignee,
            Instant warnedAt,
            Instant warningAt,
            Instant deadline,
            String actor,
            Instant redeliverAfter,
            String auditEntryId) {

        /** A task's warning at {@code now}, with a fresh audit entry id as the engine gives one. */
        static Step warning(
                String taskId,
                long version,
                String assignee,
                Instant now,
                Instant warningAt,
                Instant deadline,
                String actor,
                Instant redeliverAfter) {
            return new Step(
                    taskId,
                    version,
                    assignee,
                    now,
                    warningAt,
                    deadline,
                    actor,
                    redeliverAfter,
                    UUID.randomUUID().toString());
        }

        String stepKey() {
            return taskId + "/0/WARNING/1";
        }

        String notificationKey() {
            return stepKey() + "/assignee";
        }

        AuditEntry auditEntry() {
            return new AuditEntry(
                    auditEntryId,
                    AuditType.WARNING_SENT,
                    taskId,
                    Optional.empty(),
                    warnedAt,
                    actor,
                    0,
                    Optional.of(assignee),
                    Optional.of(assignee),
                    Optional.of(stepKey()),
                    Map.of("deadline", deadline.toString(), "policy", "Approval", "status", "WARNING"));
        }

        String payload() {
            return "{\"idempotencyKey\":\"" + notificationKey() + "\",\"type\":\"WARNING\",\"taskId\":\"" + taskId
                    + "\",\"recipient\":\""
                    + assignee
                    + "\",\"workflowType\":\"purchase-order\",\"stage\":\"Approval\",\"level\":0,\"deadline\":\""
                    + deadline
                    + "\",\"createdAt\":\"" + warnedAt + "\",\"message\":\"Task " + taskId + " (Approval) is due at "
                    + deadline + "\"}";
        }
    }

    /** A claimed task row: what the physical baseline reads of it. */
    record Claimed(String id, long version, String assignee, Instant slaStart) {}

    static int claimNotifications(Connection c, Instant now, Instant leaseUntil, String owner, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_NOTIFICATIONS)) {
            Timestamps.bind(ps, 1, leaseUntil);
            ps.setString(2, owner);
            Timestamps.bind(ps, 3, now);
            Timestamps.bind(ps, 4, now);
            ps.setInt(5, limit);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    static List<Claimed> claimTasks(Connection c, Instant now, Instant leaseUntil, String owner, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_TASKS)) {
            ps.setString(1, owner);
            Timestamps.bind(ps, 2, leaseUntil);
            Timestamps.bind(ps, 3, Timestamps.EARLIEST);
            Timestamps.bind(ps, 4, now);
            Timestamps.bind(ps, 5, now);
            ps.setInt(6, limit);
            List<Claimed> claimed = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(
                            rs.getString("id"),
                            rs.getLong("version"),
                            rs.getString("assignee"),
                            Timestamps.required(rs, "sla_start")));
                }
            }
            return claimed;
        }
    }

    static void bindCompareAndSwap(PreparedStatement ps, Step s, Instant now) throws SQLException {
        ps.setString(1, s.assignee());
        ps.setInt(2, 0);
        Timestamps.bind(ps, 3, s.warnedAt());
        ps.setInt(4, 0);
        ps.setInt(5, 0);
        Timestamps.bind(ps, 6, (Instant) null);
        ps.setInt(7, 0);
        Timestamps.bind(ps, 8, (Instant) null);
        Timestamps.bind(ps, 9, s.warningAt());
        Timestamps.bind(ps, 10, s.deadline());
        Timestamps.bind(ps, 11, s.deadline());
        Timestamps.bind(ps, 12, now);
        ps.setString(13, s.taskId());
        ps.setLong(14, s.version());
    }

    private static void bindOutbox(PreparedStatement ps, int i, Step s) throws SQLException {
        ps.setString(i++, s.notificationKey());
        ps.setString(i++, s.taskId());
        ps.setString(i++, null);
        ps.setString(i++, s.payload());
        ps.setString(i++, "PENDING");
        ps.setInt(i++, 0);
        Timestamps.bind(ps, i++, s.redeliverAfter());
        Timestamps.bind(ps, i++, s.warnedAt());
        Timestamps.bind(ps, i, s.warnedAt());
    }

    static void bindDelivered(PreparedStatement ps, String notificationKey, Instant now) throws SQLException {
        ps.setString(1, "DELIVERED");
        ps.setInt(2, 0);
        Timestamps.bind(ps, 3, now);
        ps.setString(4, null);
        Timestamps.bind(ps, 5, now);
        Timestamps.bind(ps, 6, now);
        ps.setString(7, notificationKey);
    }

    static void readNextDue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEXT_DUE)) {
            Timestamps.bind(ps, 1, Timestamps.EARLIEST);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamps.read(rs, "next_check");
                Timestamps.read(rs, "next_attempt");
            }
        }
    }
}
