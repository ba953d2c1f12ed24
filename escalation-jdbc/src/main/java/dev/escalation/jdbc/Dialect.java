package dev.escalation.jdbc;

import java.sql.SQLException;

/**
 * Everything that differs between the supported databases, in one small interface with one class
 * per database (after db-scheduler's {@code JdbcCustomization}). The rest of the module speaks
 * plain SQL that both understand.
 */
interface Dialect {

    SqlDialect kind();

    /**
     * The classpath folder (ending in {@code /}) with this database's versioned DDL files
     * ({@link SchemaVersions}), with {@code ${table_prefix}} and {@code ${index_prefix}} placeholders.
     */
    String ddlFolder();

    /** The classpath resource of {@code version}'s DDL file: in {@link #ddlFolder()} unless the dialect keeps it elsewhere. */
    default String ddlPath(SchemaVersions.Version version) {
        return ddlFolder() + version.file();
    }

    /** What follows a text column in ORDER BY and comparisons so that it sorts by code point, as the keyset cursors need. */
    String codePointOrder();

    /** What replaces {@code ${index_prefix}}: index names are bare in PostgreSQL and schema-qualified in H2. */
    String indexPrefix(Tables tables);

    /**
     * Whether due rows can be claimed with one {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)
     * RETURNING ...} statement; otherwise the claim selects candidates and takes each with a lease-guarded update.
     */
    boolean supportsSingleStatementClaim();

    /**
     * Whether a batch of row changes can be one statement over arrays ({@code UPDATE ... FROM unnest(?, ...)}):
     * one statement, one plan and one pass for the whole batch instead of one execution per row.
     */
    boolean supportsSetBasedUpdates();

    /**
     * An insert of {@code rows} rows of {@code columns} into {@code table} that skips a row whose
     * key (the first column) exists. When {@link #repeatsKeyParameter()} the statement takes the key
     * once more as its last parameter (then {@code rows} is 1).
     */
    String insertIfAbsent(String table, String[] columns, int rows);

    /** How many rows one {@link #insertIfAbsent} statement may insert. */
    int maxRowsPerInsert();

    /** Whether {@link #insertIfAbsent} needs the key bound again after the columns. */
    boolean repeatsKeyParameter();

    /** Whether the exception says that a unique constraint was violated. */
    default boolean isUniqueViolation(SQLException e) {
        for (SQLException c = e; c != null; c = c.getNextException()) {
            if ("23505".equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The predicate that routes a statement to one tenant's shard: {@code " AND tenant = ?"} on a
     * distributed database, nothing elsewhere. Every locking or writing statement appends it to its
     * {@code WHERE} (and to its sub-select's) and binds {@link #bindTenant} where it stands; the one
     * place to re-apply when a statement changes.
     */
    default String sameTenant() {
        return "";
    }

    /** Binds {@code tenant} (its column value) at {@code index} when {@link #sameTenant()} adds a parameter; returns the next index. */
    default int bindTenant(java.sql.PreparedStatement ps, int index, String tenant) throws SQLException {
        return index;
    }

    /** Whether tables are distributed by tenant: one tenant per transaction, every write routed to its shard. */
    default boolean distributed() {
        return false;
    }

    /**
     * What the {@code tenant} column holds for {@code tenant}: NULL for none where the column is
     * nullable; {@link Tenants#NONE} where it is the distribution key and cannot be NULL.
     */
    default String tenantColumn(java.util.Optional<String> tenant) {
        return tenant.orElse(null);
    }

    static Dialect of(SqlDialect kind) {
        return switch (kind) {
            case POSTGRESQL -> new PostgresDialect();
            case H2 -> new H2Dialect();
            case CITUS -> new CitusDialect();
        };
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
