package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The head row of each audit hash chain. A transaction that appends to a chain first locks its head
 * ({@code SELECT ... FOR UPDATE}), creating it on the chain's first entry; so appends to one chain
 * take turns and the chain stays linear, however many engines write at once. Heads are locked in
 * chain order, after any task rows the transaction locked, so that two writers cannot deadlock.
 * Callers own the transaction.
 */
final class ChainHeads {

    private static final String[] COLUMNS = {"chain", "last_seq", "last_hash", "anchor_seq", "anchor_hash"};

    private final Dialect dialect;
    private final String heads;
    private final String lock;
    private final String lockAll;
    private final String create;
    private final String advance;
    private final String select;

    ChainHeads(Tables tables, Dialect dialect) {
        this.dialect = dialect;
        this.heads = tables.auditChain();
        this.select = "SELECT " + String.join(", ", COLUMNS) + " FROM " + heads;
        this.lock = select + " WHERE chain = ?" + dialect.sameTenant() + " FOR UPDATE";
        // Only where one statement may lock several heads: not on a distributed database (see lock).
        this.lockAll = select + " WHERE chain = ANY(?::text[]) ORDER BY chain FOR UPDATE";
        this.create = dialect.insertIfAbsent(heads, insertColumns(dialect), 1);
        this.advance = "UPDATE " + heads + " SET last_seq = ?, last_hash = ? WHERE chain = ?" + dialect.sameTenant();
    }

    /** The columns of a new head: on a distributed database also its tenant, the distribution key. */
    private static String[] insertColumns(Dialect dialect) {
        if (!dialect.distributed()) {
            return COLUMNS;
        }
        String[] columns = java.util.Arrays.copyOf(COLUMNS, COLUMNS.length + 1);
        columns[COLUMNS.length] = "tenant";
        return columns;
    }

    /** A chain's head and anchor: its last entry's place and hash, and those of the last entry retention deleted. */
    public record Head(String chain, long lastSeq, String lastHash, long anchorSeq, String anchorHash) {

        Head advancedTo(long seq, String hash) {
            return new Head(chain, seq, hash, anchorSeq, anchorHash);
        }
    }

    /** Locks the heads of {@code chains} in chain order, creating missing ones; returns them by chain. */
    Map<String, Head> lock(Connection c, Collection<String> chains) throws SQLException {
        // One statement for all heads on PostgreSQL; on a distributed database a FOR UPDATE must stay on one
        // shard, so each head is locked by its own routed statement there.
        if (chains.size() > 1 && dialect.supportsSetBasedUpdates() && !dialect.distributed()) {
            return lockAtOnce(c, new TreeSet<>(chains));
        }
        Map<String, Head> heads = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(lock)) {
            for (String chain : new TreeSet<>(chains)) {
                Optional<Head> head = lockOne(ps, chain);
                if (head.isEmpty()) {
                    createIfAbsent(c, chain);
                    head = lockOne(ps, chain);
                }
                heads.put(
                        chain,
                        head.orElseThrow(() -> new IllegalStateException("audit chain head '" + chain + "' vanished")));
            }
        }
        return heads;
    }

    /**
     * PostgreSQL: the heads in one statement instead of one round trip each (a batch of 500 entries
     * spans all 16 stripes); the sort below the row locks takes them in chain order, as the loop does.
     * Missing heads are created first, in chain order, while the existing ones are held: two writers
     * creating the same heads wait for each other in the same order, so neither can deadlock.
     */
    private Map<String, Head> lockAtOnce(Connection c, TreeSet<String> chains) throws SQLException {
        Map<String, Head> heads = lockAll(c, chains);
        if (heads.size() < chains.size()) {
            for (String chain : chains) {
                if (!heads.containsKey(chain)) {
                    createIfAbsent(c, chain);
                }
            }
            heads = lockAll(c, chains);
        }
        for (String chain : chains) {
            if (!heads.containsKey(chain)) {
                throw new IllegalStateException("audit chain head '" + chain + "' vanished");
            }
        }
        return heads;
    }

    private Map<String, Head> lockAll(Connection c, TreeSet<String> chains) throws SQLException {
        Map<String, Head> heads = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(lockAll)) {
            ps.setArray(1, c.createArrayOf("text", chains.toArray()));
            for (Head head : read(ps)) {
                heads.put(head.chain(), head);
            }
        }
        return heads;
    }

    /** Writes the advanced heads back. */
    void save(Connection c, Collection<Head> heads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(advance)) {
            for (Head head : heads) {
                ps.setLong(1, head.lastSeq());
                ps.setString(2, head.lastHash());
                ps.setString(3, head.chain());
                dialect.bindTenant(ps, 4, Tenants.ofChain(head.chain()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Moves a chain's anchor to the last entry retention deleted. */
    void anchor(Connection c, String chain, long seq, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + heads + " SET anchor_seq = ?, anchor_hash = ? WHERE chain = ?" + dialect.sameTenant())) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.setString(3, chain);
            dialect.bindTenant(ps, 4, Tenants.ofChain(chain));
            ps.executeUpdate();
        }
    }

    Optional<Head> find(Connection c, String chain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE chain = ?" + dialect.sameTenant())) {
            ps.setString(1, chain);
            dialect.bindTenant(ps, 2, Tenants.ofChain(chain));
            List<Head> heads = read(ps);
            return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(0));
        }
    }

    List<Head> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " ORDER BY chain")) {
            return read(ps);
        }
    }

    private Optional<Head> lockOne(PreparedStatement ps, String chain) throws SQLException {
        ps.setString(1, chain);
        dialect.bindTenant(ps, 2, Tenants.ofChain(chain));
        List<Head> heads = read(ps);
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(0));
    }

    private void createIfAbsent(Connection c, String chain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(create)) {
            ps.setString(1, chain);
            ps.setLong(2, 0);
            ps.setString(3, AuditChain.GENESIS);
            ps.setLong(4, 0);
            ps.setString(5, AuditChain.GENESIS);
            dialect.bindTenant(ps, 6, Tenants.ofChain(chain));
            if (dialect.repeatsKeyParameter()) {
                ps.setString(6, chain);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            // H2's guarded insert can lose a race with another first writer; the head is there either way.
            if (!dialect.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private static List<Head> read(PreparedStatement ps) throws SQLException {
        List<Head> heads = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                heads.add(new Head(
                        rs.getString("chain"),
                        rs.getLong("last_seq"),
                        rs.getString("last_hash"),
                        rs.getLong("anchor_seq"),
                        rs.getString("anchor_hash")));
            }
        }
        return heads;
    }
}
