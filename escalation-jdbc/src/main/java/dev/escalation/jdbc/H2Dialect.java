package dev.escalation.jdbc;

/**
 * H2 2.x: no {@code SKIP LOCKED} and no {@code ON CONFLICT}, so claims select and then take rows
 * with a lease-guarded update, and idempotent inserts check for the key first. Good for tests,
 * demos and single-node hosts.
 */
final class H2Dialect implements Dialect {

    @Override
    public SqlDialect kind() {
        return SqlDialect.H2;
    }

    @Override
    public String ddlFolder() {
        return "db/escalation/h2/";
    }

    @Override
    public String codePointOrder() {
        return "";
    }

    @Override
    public String indexPrefix(Tables tables) {
        return tables.options().qualifiedPrefix();
    }

    @Override
    public boolean supportsSetBasedUpdates() {
        return false;
    }

    @Override
    public boolean supportsSingleStatementClaim() {
        return false;
    }

    @Override
    public String insertIfAbsent(String table, String[] columns, int rows) {
        if (rows != 1) {
            throw new IllegalArgumentException("rows must be 1 on H2, but was " + rows);
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
                + Dialect.placeholders(columns.length) + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE "
                + columns[0] + " = ?)";
    }

    @Override
    public int maxRowsPerInsert() {
        return 1;
    }

    @Override
    public boolean repeatsKeyParameter() {
        return true;
    }
}
