package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link EscalationSchema#create} does inside its transaction: makes an empty database current,
 * or applies the versions an older one lacks, and records each in {@code <prefix>schema_version}.
 */
final class SchemaInstaller {

    /** The name, after the table prefix, of the table in which {@code create} records the versions it applied. */
    static final String HISTORY = "schema_version";

    private final Connection connection;
    private final SqlDialect dialect;
    private final SchemaOptions options;
    private final String history;

    SchemaInstaller(Connection connection, SqlDialect dialect, SchemaOptions options) {
        this.connection = connection;
        this.dialect = dialect;
        this.options = options;
        this.history = options.qualifiedPrefix() + HISTORY;
    }

    /** Brings the tables to the latest version; returns whether any version's DDL ran. */
    boolean install() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (dialect != SqlDialect.H2) {
                // Nodes that start together must not both create the tables: the second waits here
                // until the first commits, then finds the tables current.
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, lockKey());
                    lock.execute();
                }
            }
            if (options.schema().isPresent()) {
                statement.execute(
                        "CREATE SCHEMA IF NOT EXISTS " + options.schema().get());
            }
            boolean tablesExist = exists(options.tablePrefix() + "task");
            if (!exists(options.tablePrefix() + HISTORY)) {
                statement.execute("CREATE TABLE " + history + " (version INTEGER PRIMARY KEY,"
                        + " file VARCHAR(200) NOT NULL,"
                        + " installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                if (tablesExist) {
                    // Tables made before this library recorded versions were made by version 1.
                    recordApplied(SchemaVersions.ALL.get(0));
                }
            }
            Set<Integer> applied = applied();
            boolean ran = false;
            for (SchemaVersions.Version version : SchemaVersions.of(dialect)) {
                if (!applied.contains(version.number())) {
                    for (String sql : EscalationSchema.statements(dialect, options, version)) {
                        statement.execute(sql);
                    }
                    recordApplied(version);
                    ran = true;
                }
            }
            return ran;
        }
    }

    private long lockKey() {
        return ("escalation-schema:" + options.qualifiedPrefix()).hashCode();
    }

    private Set<Integer> applied() throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version FROM " + history)) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private void recordApplied(SchemaVersions.Version version) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO " + history + " (version, file) VALUES (?, ?)")) {
            insert.setInt(1, version.number());
            insert.setString(2, version.file());
            insert.executeUpdate();
        }
    }

    private boolean exists(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        boolean upper = meta.storesUpperCaseIdentifiers();
        String schema = options.schema().orElse(connection.getSchema());
        try (ResultSet rs =
                meta.getTables(null, schema == null ? null : cased(schema, upper), cased(table, upper), null)) {
            return rs.next();
        }
    }

    private static String cased(String identifier, boolean upper) {
        return upper ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }
}
