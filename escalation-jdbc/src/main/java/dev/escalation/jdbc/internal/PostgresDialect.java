package dev.escalation.jdbc.internal;

import dev.escalation.jdbc.SqlDialect;

/** PostgreSQL: single-statement claims with {@code SKIP LOCKED}, race-free {@code ON CONFLICT DO NOTHING} inserts. */
final class PostgresDialect implements Dialect {

    @Override
    public SqlDialect kind() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public String ddlResource() {
        return "db/escalation/postgresql/V1__escalation.sql";
    }

    @Override
    public String indexPrefix(Tables tables) {
        return tables.options().tablePrefix();
    }

    @Override
    public boolean supportsSingleStatementClaim() {
        return true;
    }

    @Override
    public String insertIfAbsent(String table, String[] columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + Dialect.placeholders(columns.length)
                + ") ON CONFLICT (" + columns[0] + ") DO NOTHING";
    }

    @Override
    public boolean repeatsKeyParameter() {
        return false;
    }
}
