package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verifier's reads of the audit table: a chain's rows by place range, the first row before or
 * after a place, and the chains that have rows but no head. Every read of one chain is ordered by
 * both columns of the (chain, chain_seq) index, which H2 reads in order only then; no read holds
 * more than one page of rows, so a chain of any length is walked in bounded memory.
 */
final class ChainRows {

    private static final String COLUMNS = "entry_id, seq, type, task_id, tenant, occurred_at, actor, escalation_level,"
            + " from_assignee, to_assignee, step_key, details, chain, chain_seq, prev_hash, entry_hash";

    private final String rangeQuery;
    private final String atOrBeforeQuery;
    private final String afterQuery;
    private final String headlessQuery;

    ChainRows(Tables tables, Dialect dialect) {
        String select = "SELECT " + COLUMNS + " FROM " + tables.audit() + " WHERE chain = ? AND ";
        this.rangeQuery = select + "chain_seq >= ? AND chain_seq <= ? ORDER BY chain, chain_seq LIMIT ?";
        this.atOrBeforeQuery = select + "chain_seq <= ? ORDER BY chain, chain_seq LIMIT 1";
        this.afterQuery = select + "chain_seq > ? ORDER BY chain, chain_seq LIMIT 1";
        this.headlessQuery = "SELECT a.chain, MIN(a.chain_seq) FROM " + tables.audit()
                + " a WHERE NOT EXISTS (SELECT 1 FROM " + tables.auditChain() + " h WHERE h.chain = a.chain"
                // On Citus a join must match the distribution key; a chain's head lives with its tenant's rows.
                + (dialect.distributed() ? " AND h.tenant = a.tenant" : "") + ")"
                + " GROUP BY a.chain";
    }

    /**
     * An audit row as stored, for walking a chain: its place, its append order ({@code seq}, the order
     * the trail is read in), its links, and its content - empty when the row makes no entry.
     */
    record Link(
            String chain,
            long seq,
            long order,
            String entryId,
            Optional<AuditChain.Content> content,
            String unreadable,
            String previousHash,
            String hash) {}

    /** A chain that has rows but no head row: its name and its lowest place. */
    record Headless(String chain, long firstSeq) {}

    /** Up to {@code limit} rows of {@code chain} at places {@code from..to}, in chain order. */
    List<Link> range(Connection c, String chain, long from, long to, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(rangeQuery)) {
            ps.setString(1, chain);
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setInt(4, limit);
            return read(ps);
        }
    }

    /** The row of {@code chain} at the lowest place, if it is at or before {@code seq}. */
    Optional<Link> firstAtOrBefore(Connection c, String chain, long seq) throws SQLException {
        return first(c, atOrBeforeQuery, chain, seq);
    }

    /** The row of {@code chain} at the lowest place after {@code seq}, if any. */
    Optional<Link> firstAfter(Connection c, String chain, long seq) throws SQLException {
        return first(c, afterQuery, chain, seq);
    }

    /** The chains that have rows in the audit table but no head, in no particular order. */
    List<Headless> headless(Connection c) throws SQLException {
        List<Headless> chains = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(headlessQuery);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                chains.add(new Headless(rs.getString(1), rs.getLong(2)));
            }
        }
        return chains;
    }

    private static Optional<Link> first(Connection c, String query, String chain, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, chain);
            ps.setLong(2, seq);
            List<Link> links = read(ps);
            return links.isEmpty() ? Optional.empty() : Optional.of(links.get(0));
        }
    }

    private static List<Link> read(PreparedStatement ps) throws SQLException {
        List<Link> links = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                links.add(link(rs));
            }
        }
        return links;
    }

    private static Link link(ResultSet rs) throws SQLException {
        String chain = rs.getString("chain");
        long seq = rs.getLong("chain_seq");
        long order = rs.getLong("seq");
        String id = rs.getString("entry_id");
        String previousHash = rs.getString("prev_hash");
        String hash = rs.getString("entry_hash");
        try {
            AuditChain.Content content = new AuditChain.Content(
                    chain,
                    seq,
                    id,
                    rs.getString("type"),
                    rs.getString("task_id"),
                    Tenants.read(rs, "tenant"),
                    Timestamps.required(rs, "occurred_at"),
                    rs.getString("actor"),
                    rs.getInt("escalation_level"),
                    Optional.ofNullable(rs.getString("from_assignee")),
                    Optional.ofNullable(rs.getString("to_assignee")),
                    Optional.ofNullable(rs.getString("step_key")),
                    JsonColumns.map("details", rs.getString("details")));
            return new Link(chain, seq, order, id, Optional.of(content), "", previousHash, hash);
        } catch (IllegalArgumentException e) {
            return new Link(chain, seq, order, id, Optional.empty(), e.getMessage(), previousHash, hash);
        }
    }
}
