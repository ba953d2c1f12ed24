package dev.escalation.examples.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code escalation_outbox} table: notifications are stored in the transaction of the step that
 * creates them, so a crash between the step and its delivery loses nothing; the engine then
 * delivers them and records each outcome here. Delivery is at least once, so receivers drop repeats
 * by the idempotency key, which is also this table's primary key.
 *
 * <p>A claim hides an entry from other runners by moving its {@code next_attempt_at} to the lease's
 * end: if the run dies before recording an outcome, the entry simply falls due again then.
 */
final class NotificationOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);
    // A plain ObjectMapper is enough: Notification maps its instants to ISO strings itself.
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Adds the notifications that are not stored yet, due at {@code dueAt}; runs in the caller's transaction. */
    void add(Connection c, List<Notification> notifications, Instant dueAt) throws SQLException {
        for (Notification n : notifications) {
            if (exists(c, n.idempotencyKey())) {
                continue; // the same step recorded twice would notify once
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO escalation_outbox (idempotency_key, task_id, tenant,"
                            + " notification, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?)")) {
                ps.setString(1, n.idempotencyKey());
                ps.setString(2, n.taskId());
                ps.setString(3, n.tenant().orElse(null));
                ps.setString(4, toJson(n));
                Jdbc.bind(ps, 5, dueAt);
                ps.executeUpdate();
            }
        }
    }

    /** Takes up to the limit of due entries, oldest first, away from other runners until the lease ends. */
    List<PendingNotification> claim(Connection c, RunScope request, int limit) throws SQLException {
        List<String> tenants = List.copyOf(new TreeSet<>(request.tenants()));
        List<Entry> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, notification, attempts, next_attempt_at"
                + " FROM escalation_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?"
                + Jdbc.inList("tenant", tenants)
                + " ORDER BY next_attempt_at, idempotency_key LIMIT ?")) {
            int i = 1;
            Jdbc.bind(ps, i++, request.now());
            for (String tenant : tenants) {
                ps.setString(i++, tenant);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Entry(
                            rs.getString("idempotency_key"),
                            rs.getString("notification"),
                            rs.getInt("attempts"),
                            Jdbc.instant(rs, "next_attempt_at").orElseThrow()));
                }
            }
        }
        List<PendingNotification> claimed = new ArrayList<>(due.size());
        for (Entry entry : due) {
            Optional<Notification> notification = fromJson(c, entry.key(), entry.json());
            // Compare-and-swap on the instant we read: if another runner moved it first, the entry is theirs.
            if (notification.isPresent() && moveNextAttempt(c, entry.key(), entry.due(), request.leaseUntil())) {
                claimed.add(new PendingNotification(notification.get(), entry.attempts(), entry.due()));
            }
        }
        return claimed;
    }

    /** Records delivered, retry-later, deferred, given-up and withdrawn outcomes of entries that are still pending; {@code last_error} holds a withdrawal's reason. */
    void record(Connection c, List<DeliveryOutcome> outcomes) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE escalation_outbox SET status = ?, attempts = ?, next_attempt_at = ?,"
                        + " last_error = ? WHERE idempotency_key = ? AND status = 'PENDING'")) {
            for (DeliveryOutcome outcome : outcomes) {
                ps.setString(
                        1,
                        outcome.status() == DeliveryOutcome.Status.RETRY
                                        || outcome.status() == DeliveryOutcome.Status.DEFERRED
                                ? "PENDING"
                                : outcome.status().name());
                ps.setInt(2, outcome.attempts());
                Jdbc.bind(ps, 3, outcome.nextAttemptAt().orElse(outcome.at()));
                ps.setString(
                        4, outcome.lastError().map(NotificationOutbox::fitting).orElse(null));
                ps.setString(5, outcome.idempotencyKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** When the earliest pending entry of the scope's tenants falls due, if any. A claim's lease is its next attempt. */
    Optional<Instant> nextAttemptAt(Connection c, RunScope scope) throws SQLException {
        List<String> tenants = List.copyOf(new TreeSet<>(scope.tenants()));
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(next_attempt_at) AS next FROM escalation_outbox"
                + " WHERE status = 'PENDING'" + Jdbc.inList("tenant", tenants))) {
            for (int i = 0; i < tenants.size(); i++) {
                ps.setString(i + 1, tenants.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Jdbc.instant(rs, "next");
            }
        }
    }

    private record Entry(String key, String json, int attempts, Instant due) {}

    private static boolean exists(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM escalation_outbox WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean moveNextAttempt(Connection c, String key, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE escalation_outbox SET next_attempt_at = ?"
                + " WHERE idempotency_key = ? AND status = 'PENDING' AND next_attempt_at = ?")) {
            Jdbc.bind(ps, 1, to);
            ps.setString(2, key);
            Jdbc.bind(ps, 3, from);
            return ps.executeUpdate() == 1;
        }
    }

    private static String toJson(Notification n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification " + n.idempotencyKey() + " cannot be written as JSON", e);
        }
    }

    /** An entry nobody can read would block its slot forever: give it up, loudly, and go on with the rest. */
    private static Optional<Notification> fromJson(Connection c, String key, String json) throws SQLException {
        try {
            return Optional.of(JSON.readValue(json, Notification.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.error("outbox entry {} is not a readable notification; giving it up: {}", key, e.getMessage());
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE escalation_outbox SET status = 'GIVEN_UP', last_error = ?"
                            + " WHERE idempotency_key = ?")) {
                ps.setString(1, fitting("unreadable: " + e.getMessage()));
                ps.setString(2, key);
                ps.executeUpdate();
            }
            return Optional.empty();
        }
    }

    /** Error texts can be long (stack-trace-like messages); the column keeps the first 1000 characters. */
    private static String fitting(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
