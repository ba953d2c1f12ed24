package dev.escalation.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL (zonky, the same server the JDBC tests use) started with one
 * {@link Durability}, and the connections the benchmarks take from it. Closing it closes every pool
 * and stops the server.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Durability durability;
    private final boolean statementStatistics;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private BenchmarkDatabase(EmbeddedPostgres postgres, Durability durability, boolean statementStatistics) {
        this.postgres = postgres;
        this.durability = durability;
        this.statementStatistics = statementStatistics;
    }

    /**
     * Starts a server with {@code durability}'s commit settings and 512 MB of shared buffers (the
     * million-task table and its indexes fit), and checks that the settings took. With
     * {@code statementStatistics}, the server also keeps {@code pg_stat_statements}, for
     * {@link #takeStatementStatistics()}.
     */
    public static BenchmarkDatabase start(Durability durability, boolean statementStatistics)
            throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "512MB");
        durability.serverConfig().forEach(builder::setServerConfig);
        if (statementStatistics) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        BenchmarkDatabase db = new BenchmarkDatabase(builder.start(), durability, statementStatistics);
        try {
            if (statementStatistics) {
                db.execute("CREATE EXTENSION pg_stat_statements");
            }
            for (Map.Entry<String, String> expected :
                    durability.expectedSettings().entrySet()) {
                String actual = db.show(expected.getKey());
                if (!actual.equals(expected.getValue())) {
                    throw new IllegalStateException("PostgreSQL started for " + durability + " shows "
                            + expected.getKey() + "=" + actual + ", but " + expected.getValue() + " was asked for");
                }
            }
        } catch (RuntimeException | SQLException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public Durability durability() {
        return durability;
    }

    /** A new connection per call, the way the benchmarks' own set-up and checks use it. */
    public DataSource plain() {
        return postgres.getPostgresDatabase();
    }

    /** A HikariCP pool of {@code size} connections, as a host would give the store; closed with this database. */
    public DataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(plain());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bench-" + pools.size());
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** Closes the pools made so far, so that the next scenario starts with its own connections. */
    public void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    /** The value of a server setting, as {@code SHOW} prints it. */
    public String show(String setting) throws SQLException {
        return text("SHOW " + setting);
    }

    /** "PostgreSQL 17.6". */
    public String version() throws SQLException {
        return "PostgreSQL " + show("server_version");
    }

    /** Runs statements outside a transaction (VACUUM needs that), one after the other. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = plain().getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The single number a query returns. */
    public long number(String sql) throws SQLException {
        try (Connection c = plain().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The statements the server executed since the last call, most time first: calls, execution
     * time, rows and the statement's start; then starts counting afresh. Empty unless started with
     * statement statistics.
     */
    public List<String> takeStatementStatistics() throws SQLException {
        if (!statementStatistics) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Connection c = plain().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                                + " WHERE total_exec_time >= 1 ORDER BY total_exec_time DESC LIMIT 10")) {
            while (rs.next()) {
                String query = rs.getString(4);
                lines.add(String.format(
                        Locale.ROOT,
                        "%8d calls %9.1f ms %8d rows  %s",
                        rs.getLong(1),
                        rs.getDouble(2),
                        rs.getLong(3),
                        query.length() > 100 ? query.substring(0, 100) + "..." : query));
            }
        }
        execute("SELECT pg_stat_statements_reset()");
        return lines;
    }

    private String text(String sql) throws SQLException {
        try (Connection c = plain().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        closePools();
        postgres.close();
    }
}
