package dev.escalation.examples.adapter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh database per test with the host's table and the adapter's tables: an in-memory H2
 * database, or a schema of its own on one embedded PostgreSQL server per JVM. Closing it drops it.
 */
final class HostDatabase implements AutoCloseable {

    /** Which database a test runs on. */
    enum Kind {
        H2,
        POSTGRESQL
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    final DataSource dataSource;
    private final Drop drop;

    private HostDatabase(DataSource dataSource, Drop drop) throws SQLException {
        this.dataSource = dataSource;
        this.drop = drop;
        EscalationTables.createHostTable(dataSource);
        EscalationTables.create(dataSource);
    }

    static HostDatabase create() {
        return create(Kind.H2);
    }

    static HostDatabase create(Kind kind) {
        try {
            return kind == Kind.H2 ? h2() : postgres();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the host's tables on " + kind, e);
        }
    }

    private static HostDatabase h2() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:host-" + UUID.randomUUID());
        // An in-memory H2 database lives while a connection to it is open.
        Connection keepAlive = h2.getConnection();
        return new HostDatabase(h2, keepAlive::close);
    }

    private static HostDatabase postgres() throws SQLException {
        EmbeddedPostgres server = server();
        String schema = "host" + SEQUENCE.incrementAndGet();
        execute(server.getPostgresDatabase(), "CREATE SCHEMA " + schema);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setPoolName(schema);
        HikariDataSource pool = new HikariDataSource(config);
        return new HostDatabase(pool, () -> {
            pool.close();
            execute(server.getPostgresDatabase(), "DROP SCHEMA " + schema + " CASCADE");
        });
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // The JVM is going away; the server's directory is temporary.
                }
            }));
        }
        return postgres;
    }

    private static void execute(DataSource source, String sql) throws SQLException {
        try (Connection c = source.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        drop.run();
    }

    /** What closing drops. */
    private interface Drop {
        void run() throws SQLException;
    }
}
