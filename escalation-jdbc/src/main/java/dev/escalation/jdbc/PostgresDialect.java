package dev.escalation.jdbc;

import java.util.Collections;

/** PostgreSQL: single-statement claims with {@code SKIP LOCKED}, race-free {@code ON CONFLICT DO NOTHING} inserts. */
class PostgresDialect implements Dialect {

    @Override
    public SqlDialect kind() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public String ddlFolder() {
        return "db/escalation/postgresql/";
    }

    @Override
    public String codePointOrder() {
        return " COLLATE \"C\"";
    }

    @Override
    public String indexPrefix(Tables tables) {
        return tables.options().tablePrefix();
    }

    @Override
    public boolean supportsSetBasedUpdates() {
        return true;
    }

    @Override
    public boolean supportsSingleStatementClaim() {
        return true;
    }

    /**
     * {@code COPY table (columns) FROM STDIN} in the binary format ({@link CopyInserts}): like an
     * {@code INSERT}, a row whose key exists fails it with a unique violation.
     */
    static String copyFromStdin(String table, String[] columns) {
        return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * {@code INSERT INTO table (columns) SELECT * FROM unnest(?::type[], ...)}: one array parameter per
     * column, of the column's element type ({@link ArrayInserts}). No {@code ON CONFLICT}: a row whose
     * key exists fails the statement (a unique violation), and its speculative insertion would cost
     * every row an extra index probe.
     */
    static String insertFromArrays(String table, String[] columns, String[] types) {
        String[] arrays = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            arrays[i] = "?::" + types[i] + "[]";
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT * FROM unnest("
                + String.join(", ", arrays) + ")";
    }

    /** A multi-row VALUES list: one statement per 100 rows costs far less than 100 statements, even batched. */
    @Override
    public String insertIfAbsent(String table, String[] columns, int rows) {
        String row = "(" + Dialect.placeholders(columns.length) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row)) + " ON CONFLICT (" + columns[0] + ") DO NOTHING";
    }

    @Override
    public int maxRowsPerInsert() {
        return 100;
    }

    @Override
    public boolean repeatsKeyParameter() {
        return false;
    }
}
