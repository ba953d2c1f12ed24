package dev.escalation.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;

/**
 * Citus: PostgreSQL's SQL on tables distributed by {@code tenant}. Citus runs {@code FOR UPDATE} only
 * in a statement it routes to one shard, and routes a statement only when it fixes the distribution
 * column; so every locking or writing statement carries {@link #sameTenant()} and each transaction
 * writes one tenant. The tenant column is NOT NULL: a task without a tenant is stored under
 * {@link Tenants#NONE}.
 */
final class CitusDialect extends PostgresDialect {

    @Override
    public SqlDialect kind() {
        return SqlDialect.CITUS;
    }

    /** PostgreSQL's files, then the distribution by tenant from its own folder. */
    @Override
    public String ddlPath(SchemaVersions.Version version) {
        return version.equals(SchemaVersions.CITUS_DISTRIBUTION)
                ? "db/escalation/citus/" + version.file()
                : super.ddlPath(version);
    }

    @Override
    public boolean distributed() {
        return true;
    }

    @Override
    public String sameTenant() {
        return " AND tenant = ?";
    }

    @Override
    public int bindTenant(PreparedStatement ps, int index, String tenant) throws SQLException {
        ps.setString(index, tenant);
        return index + 1;
    }

    @Override
    public String tenantColumn(Optional<String> tenant) {
        return tenant.orElse(Tenants.NONE);
    }

    /** No conflict target: the keys are unique per tenant ({@code (tenant, key)}), and the row fixes the tenant. */
    @Override
    public String insertIfAbsent(String table, String[] columns, int rows) {
        String row = "(" + Dialect.placeholders(columns.length) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row)) + " ON CONFLICT DO NOTHING";
    }
}
