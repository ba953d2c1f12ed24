package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only audit table: batched, multi-row, hash-chained inserts and reads in append order.
 * Every insert locks the heads of the chains it appends to ({@link ChainHeads}), gives each entry
 * the next place in its chain and the hash that links it to the entry before, and advances the
 * heads, all in the caller's transaction.
 */
final class AuditRows {

    private static final String[] COLUMNS = {
        "entry_id",
        "type",
        "task_id",
        "tenant",
        "occurred_at",
        "actor",
        "escalation_level",
        "from_assignee",
        "to_assignee",
        "step_key",
        "details",
        "chain",
        "chain_seq",
        "prev_hash",
        "entry_hash"
    };
    static final String ENTRY_COLUMNS = String.join(", ", List.of(COLUMNS).subList(0, 11));
    private static final String SELECT = "SELECT " + ENTRY_COLUMNS + " FROM ";

    private final Tables tables;
    private final Dialect dialect;
    private final int stripes;
    private final ChainHeads heads;
    private final RowInserts<Chained> insert;
    private final Optional<BulkInserts<Chained>> setBased;

    /** Audit rows whose entries without a tenant go to {@code stripes} chains (1: the single {@code global} chain). */
    public AuditRows(Tables tables, Dialect dialect, int stripes) {
        this.tables = tables;
        this.dialect = dialect;
        this.stripes = AuditChain.requireStripes("auditStripes", stripes);
        this.heads = new ChainHeads(tables, dialect);
        this.insert = new RowInserts<>(
                dialect, tables.audit(), COLUMNS, row -> row.entry().id(), this::bind);
        this.setBased = dialect.kind() == SqlDialect.POSTGRESQL
                ? Optional.of(new BulkInserts<>(tables.audit(), arrayColumns()))
                : Optional.empty();
    }

    /** An entry in its place in its chain. */
    record Chained(AuditEntry entry, String chain, long seq, String previousHash, String hash) {}

    /**
     * Adds new entries, chained, in order. An entry whose id is stored already fails the call (and
     * so rolls back the caller's transaction): the chain must not count an entry it does not hold.
     */
    public void insert(Connection connection, Collection<AuditEntry> entries) throws SQLException {
        insert(connection, entries, insert::insert);
    }

    /**
     * {@link #insert} for an import: on PostgreSQL the rows go in with one {@code COPY}, or as set-based
     * statements of {@link ArrayInserts#CHUNK} rows ({@code unnest} arrays) when the connection is not
     * pgjdbc's ({@link BulkInserts}), elsewhere as {@link #insert} does. The
     * chain is the same either way: each head is locked once and advanced once for the whole call.
     */
    public void insertMany(Connection connection, Collection<AuditEntry> entries) throws SQLException {
        if (setBased.isPresent()) {
            insert(connection, entries, setBased.get()::insert);
        } else {
            insert(connection, entries);
        }
    }

    /** How chained rows are written; returns how many were inserted. */
    @FunctionalInterface
    private interface Writer {
        int write(Connection connection, List<Chained> rows) throws SQLException;
    }

    private void insert(Connection connection, Collection<AuditEntry> entries, Writer writer) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        List<AuditEntry> ordered = List.copyOf(entries);
        // Each entry's chain once: a stripe is a SHA-256 of the task id.
        List<String> chains = ordered.stream().map(this::chain).toList();
        ChainLinks rows = new ChainLinks(ordered, chains, heads.lock(connection, new LinkedHashSet<>(chains)));
        int inserted = 0;
        if (dialect.distributed()) {
            // On a distributed database one tenant's rows per statement, each routed to that tenant's shard.
            for (List<Chained> part : byTenant(rows).values()) {
                inserted += insert.insert(connection, part);
            }
        } else {
            inserted = writer.write(connection, rows);
        }
        if (inserted != rows.size()) {
            throw new EscalationStoreException((rows.size() - inserted) + " of " + rows.size()
                    + " audit entries are stored already; nothing of this transaction was stored");
        }
        heads.save(connection, rows.heads());
    }

    /**
     * Adds the entries that are not stored yet, by id: for entries that may be offered twice (the
     * engine offers an entry again when it did not see the commit). Chain heads are locked before
     * the check, so two writers of the same entry cannot both count it.
     */
    public void append(Connection connection, List<AuditEntry> entries) throws SQLException {
        heads.lock(connection, chains(entries));
        Set<String> stored = storedIds(connection, entries);
        Set<String> seen = new HashSet<>(stored);
        List<AuditEntry> fresh = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            if (seen.add(e.id())) {
                fresh.add(e);
            }
        }
        insert(connection, fresh);
    }

    private Map<String, List<Chained>> byTenant(List<Chained> rows) {
        return dialect.distributed() ? Tenants.split(rows, row -> row.entry().tenant()) : Tenants.whole(rows);
    }

    /** The chain an entry goes to. */
    String chain(AuditEntry e) {
        return AuditChain.of(e.tenant(), e.taskId(), stripes);
    }

    private Set<String> chains(Collection<AuditEntry> entries) {
        Set<String> chains = new LinkedHashSet<>();
        entries.forEach(e -> chains.add(chain(e)));
        return chains;
    }

    private Set<String> storedIds(Connection connection, List<AuditEntry> entries) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT entry_id FROM " + tables.audit() + " WHERE entry_id = ?")) {
            for (AuditEntry e : entries) {
                ps.setString(1, e.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored.add(e.id());
                    }
                }
            }
        }
        return stored;
    }

    static AuditChain.Content content(AuditEntry e, String chain, long seq) {
        return new AuditChain.Content(
                chain,
                seq,
                e.id(),
                e.type().name(),
                e.taskId(),
                e.tenant(),
                e.occurredAt(),
                e.actor(),
                e.level(),
                e.fromAssignee(),
                e.toAssignee(),
                e.stepKey(),
                e.details());
    }

    /** The columns in {@link #COLUMNS} order, as arrays for {@link ArrayInserts}. */
    private static List<ArrayInserts.Column<Chained>> arrayColumns() {
        return List.of(
                ArrayInserts.Column.text(COLUMNS[0], r -> r.entry().id()),
                ArrayInserts.Column.text(COLUMNS[1], r -> r.entry().type().name()),
                ArrayInserts.Column.text(COLUMNS[2], r -> r.entry().taskId()),
                ArrayInserts.Column.text(COLUMNS[3], r -> r.entry().tenant().orElse(null)),
                ArrayInserts.Column.instant(
                        COLUMNS[4], r -> Optional.of(r.entry().occurredAt())),
                ArrayInserts.Column.text(COLUMNS[5], r -> r.entry().actor()),
                ArrayInserts.Column.int4(COLUMNS[6], r -> r.entry().level()),
                ArrayInserts.Column.text(
                        COLUMNS[7], r -> r.entry().fromAssignee().orElse(null)),
                ArrayInserts.Column.text(COLUMNS[8], r -> r.entry().toAssignee().orElse(null)),
                ArrayInserts.Column.text(COLUMNS[9], r -> r.entry().stepKey().orElse(null)),
                ArrayInserts.Column.text(
                        COLUMNS[10], r -> JsonColumns.map(r.entry().details())),
                ArrayInserts.Column.text(COLUMNS[11], Chained::chain),
                ArrayInserts.Column.int8(COLUMNS[12], Chained::seq),
                ArrayInserts.Column.text(COLUMNS[13], Chained::previousHash),
                ArrayInserts.Column.text(COLUMNS[14], Chained::hash));
    }

    private void bind(PreparedStatement ps, int i, Chained row) throws SQLException {
        AuditEntry e = row.entry();
        ps.setString(i++, e.id());
        ps.setString(i++, e.type().name());
        ps.setString(i++, e.taskId());
        ps.setString(i++, dialect.tenantColumn(e.tenant()));
        Timestamps.bind(ps, i++, e.occurredAt());
        ps.setString(i++, e.actor());
        ps.setInt(i++, e.level());
        ps.setString(i++, e.fromAssignee().orElse(null));
        ps.setString(i++, e.toAssignee().orElse(null));
        ps.setString(i++, e.stepKey().orElse(null));
        ps.setString(i++, JsonColumns.map(e.details()));
        ps.setString(i++, row.chain());
        ps.setLong(i++, row.seq());
        ps.setString(i++, row.previousHash());
        ps.setString(i, row.hash());
    }

    public List<AuditEntry> forTask(Connection connection, String taskId) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement(SELECT + tables.audit() + " WHERE task_id = ? ORDER BY seq")) {
            ps.setString(1, taskId);
            return read(ps);
        }
    }

    public List<AuditEntry> all(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT + tables.audit() + " ORDER BY seq")) {
            return read(ps);
        }
    }

    public List<AuditEntry> ofType(Connection connection, AuditType type) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement(SELECT + tables.audit() + " WHERE type = ? ORDER BY seq")) {
            ps.setString(1, type.name());
            return read(ps);
        }
    }

    /** The heads of every chain, in chain order. */
    public List<ChainHeads.Head> heads(Connection connection) throws SQLException {
        return heads.all(connection);
    }

    public Optional<ChainHeads.Head> head(Connection connection, String chain) throws SQLException {
        return heads.find(connection, chain);
    }

    /**
     * Deletes the oldest entries of {@code chain} - at most {@code limit}, and only a prefix of the
     * chain whose entries all occurred before {@code before} - and moves the chain's anchor to the
     * last one deleted, so that the rest of the chain still verifies. Locks the chain's head.
     *
     * @return the deleted entries, oldest first
     */
    public List<AuditEntry> deletePrefix(Connection connection, String chain, Instant before, int limit)
            throws SQLException {
        heads.lock(connection, List.of(chain));
        List<AuditEntry> prefix = new ArrayList<>();
        long lastSeq = 0;
        String lastHash = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + String.join(", ", COLUMNS) + " FROM "
                + tables.audit() + " WHERE chain = ?" + dialect.sameTenant() + " ORDER BY chain, chain_seq LIMIT ?")) {
            ps.setString(1, chain);
            ps.setInt(dialect.bindTenant(ps, 2, Tenants.ofChain(chain)), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && Timestamps.required(rs, "occurred_at").isBefore(before)) {
                    prefix.add(entry(rs));
                    lastSeq = rs.getLong("chain_seq");
                    lastHash = rs.getString("entry_hash");
                }
            }
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM " + tables.audit() + " WHERE chain = ? AND chain_seq <= ?" + dialect.sameTenant())) {
            ps.setString(1, chain);
            ps.setLong(2, lastSeq);
            dialect.bindTenant(ps, 3, Tenants.ofChain(chain));
            ps.executeUpdate();
        }
        heads.anchor(connection, chain, lastSeq, lastHash);
        return prefix;
    }

    private static List<AuditEntry> read(PreparedStatement ps) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(entry(rs));
            }
        }
        return entries;
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getString("entry_id"),
                AuditType.valueOf(rs.getString("type")),
                rs.getString("task_id"),
                Tenants.read(rs, "tenant"),
                Timestamps.required(rs, "occurred_at"),
                rs.getString("actor"),
                rs.getInt("escalation_level"),
                Optional.ofNullable(rs.getString("from_assignee")),
                Optional.ofNullable(rs.getString("to_assignee")),
                Optional.ofNullable(rs.getString("step_key")),
                JsonColumns.map("details", rs.getString("details")));
    }
}
