package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases that escalation-jdbc supports. The SQL that differs between them lives in one class per database. */
public enum SqlDialect {
    /** PostgreSQL 12 or later: claims with {@code FOR UPDATE SKIP LOCKED}, inserts with {@code ON CONFLICT DO NOTHING}. */
    POSTGRESQL,
    /** H2 2.x: claims with a select and a lease-guarded update, for tests, demos and single-node hosts. */
    H2,
    /**
     * Citus (PostgreSQL 15 or later with the Citus extension): PostgreSQL's SQL on tables distributed by
     * {@code tenant}, every locking or writing statement routed to one tenant's shard (see
     * docs/scaling-out.md). Citus reports itself as PostgreSQL, so {@link #detect} never answers this:
     * the store's builder must be told.
     */
    CITUS;

    /**
     * Detects the dialect from the database product name.
     *
     * @param dataSource the database to ask
     * @return its dialect
     * @throws IllegalArgumentException when the database is not one of these
     * @throws EscalationStoreException when no connection can be had
     */
    public static SqlDialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fromProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new EscalationStoreException("cannot detect the SQL dialect: " + e.getMessage(), e);
        }
    }

    /**
     * The dialect for a JDBC {@code DatabaseMetaData#getDatabaseProductName()}.
     *
     * @param productName the product name
     * @return its dialect
     */
    public static SqlDialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("database product must be PostgreSQL or H2, but was '" + productName + "'");
    }
}
