package dev.escalation.cli;

import dev.escalation.jdbc.SchemaOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The commands on embedded PostgreSQL: one server per JVM in a time zone far from UTC, a schema per
 * test, named to the tool with --schema.
 */
class CommandsOnPostgresTest extends OperationsContract {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String schema = "cli" + SEQUENCE.incrementAndGet();

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("timezone", "Pacific/Chatham")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    @Override
    DataSource database() {
        return server().getPostgresDatabase();
    }

    @Override
    String tables() {
        return schema + "." + SchemaOptions.DEFAULT_TABLE_PREFIX;
    }

    @Override
    List<String> connection() {
        return List.of("--jdbc-url", server().getJdbcUrl("postgres", "postgres"), "--schema", schema);
    }

    @Override
    KnownStates fill() {
        try (Connection c = database().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return KnownStates.fill(database(), SchemaOptions.defaults().withSchema(schema));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = database().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
