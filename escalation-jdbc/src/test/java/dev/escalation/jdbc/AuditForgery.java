package dev.escalation.jdbc;

import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What someone with write access to the tables and the published hash formula can do: insert rows
 * whose hashes are computed correctly, and rewrite a chain's tail with every later hash and the head
 * recomputed. The verifier must see every such row, or (for a rewritten tail) a published head must.
 */
final class AuditForgery {

    private final TestDatabase db;

    AuditForgery(TestDatabase db) {
        this.db = db;
    }

    /** Inserts a row into {@code chain} at {@code seq}, hashed correctly against {@code previousHash}; returns its hash. */
    String insert(String entryId, String chain, long seq, Optional<String> tenant, String previousHash)
            throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return insert(c, entryId, chain, seq, tenant, previousHash);
        }
    }

    /** Writes a whole chain of {@code length} correctly hashed rows and its head, as the store would. */
    void chain(String chain, Optional<String> tenant, int length) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            String previous = AuditChain.GENESIS;
            for (int seq = 1; seq <= length; seq++) {
                previous = insert(c, chain + "-" + seq, chain, seq, tenant, previous);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("audit_chain")
                    + " (chain, last_seq, last_hash, anchor_seq, anchor_hash) VALUES (?, ?, ?, 0, ?)")) {
                ps.setString(1, chain);
                ps.setLong(2, length);
                ps.setString(3, previous);
                ps.setString(4, AuditChain.GENESIS);
                ps.executeUpdate();
            }
        }
    }

    private String insert(
            Connection c, String entryId, String chain, long seq, Optional<String> tenant, String previousHash)
            throws SQLException {
        AuditChain.Content content = new AuditChain.Content(
                chain,
                seq,
                entryId,
                "TASK_COMPLETED",
                "PO-1",
                tenant,
                Instant.parse("2026-01-06T09:00:00Z"),
                "host",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
        String hash = AuditChain.hash(content, previousHash);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("audit")
                + " (entry_id, type, task_id, tenant, occurred_at, actor, escalation_level, details,"
                + " chain, chain_seq, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, entryId);
            ps.setString(2, content.type());
            ps.setString(3, content.taskId());
            ps.setString(4, tenant.orElse(null));
            Timestamps.bind(ps, 5, content.occurredAt());
            ps.setString(6, content.actor());
            ps.setInt(7, content.level());
            ps.setString(8, "{}");
            ps.setString(9, chain);
            ps.setLong(10, seq);
            ps.setString(11, previousHash);
            ps.setString(12, hash);
            ps.executeUpdate();
        }
        return hash;
    }

    /**
     * Sets {@code column} of the row at {@code seq} of {@code chain} to {@code value} and recomputes
     * the hashes of that row, of every row after it and of the chain's head: an edit that leaves a
     * chain that verifies.
     */
    void rewriteFrom(String chain, long seq, String column, String value) throws SQLException {
        db.execute("UPDATE " + db.table("audit") + " SET " + column + " = '" + value + "' WHERE chain = '" + chain
                + "' AND chain_seq = " + seq);
        rehashFrom(chain, seq);
    }

    /** Recomputes the hashes of the rows of {@code chain} from {@code seq} on, and its head, as an attacker would. */
    void rehashFrom(String chain, long seq) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            String previous = seq == 1 ? AuditChain.GENESIS : hashAt(c, chain, seq - 1);
            long place = seq;
            long last = seq - 1;
            while (true) {
                Optional<AuditChain.Content> content = contentAt(c, chain, place);
                if (content.isEmpty()) {
                    break;
                }
                String hash = AuditChain.hash(content.get(), previous);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + db.table("audit")
                        + " SET prev_hash = ?, entry_hash = ? WHERE chain = ? AND chain_seq = ?")) {
                    ps.setString(1, previous);
                    ps.setString(2, hash);
                    ps.setString(3, chain);
                    ps.setLong(4, place);
                    ps.executeUpdate();
                }
                previous = hash;
                last = place;
                place++;
            }
            setHead(c, chain, last, previous);
        }
    }

    /** Points the head of {@code chain} at {@code seq} and the hash of the row there. */
    void moveHeadTo(String chain, long seq) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            setHead(c, chain, seq, hashAt(c, chain, seq));
        }
    }

    /** The stored hash of the row at {@code seq} of {@code chain}. */
    String hashAt(String chain, long seq) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return hashAt(c, chain, seq);
        }
    }

    private void setHead(Connection c, String chain, long seq, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + db.table("audit_chain") + " SET last_seq = ?, last_hash = ? WHERE chain = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.setString(3, chain);
            ps.executeUpdate();
        }
    }

    private String hashAt(Connection c, String chain, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entry_hash FROM " + db.table("audit") + " WHERE chain = ? AND chain_seq = ?")) {
            ps.setString(1, chain);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row at place " + seq + " of chain '" + chain + "'");
                }
                return rs.getString(1);
            }
        }
    }

    private Optional<AuditChain.Content> contentAt(Connection c, String chain, long seq) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM " + db.table("audit") + " WHERE chain = ? AND chain_seq = ?")) {
            ps.setString(1, chain);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AuditChain.Content(
                        rs.getString("chain"),
                        seq,
                        rs.getString("entry_id"),
                        rs.getString("type"),
                        rs.getString("task_id"),
                        Optional.ofNullable(rs.getString("tenant")),
                        Timestamps.required(rs, "occurred_at"),
                        rs.getString("actor"),
                        rs.getInt("escalation_level"),
                        Optional.ofNullable(rs.getString("from_assignee")),
                        Optional.ofNullable(rs.getString("to_assignee")),
                        Optional.ofNullable(rs.getString("step_key")),
                        JsonColumns.map("details", rs.getString("details"))));
            }
        }
    }
}
