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

    static Dialect of(SqlDialect kind) {
        return switch (kind) {
            case POSTGRESQL -> new PostgresDialect();
            case H2 -> new H2Dialect();
        };
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
