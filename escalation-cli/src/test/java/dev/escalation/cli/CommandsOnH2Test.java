package dev.escalation.cli;

import dev.escalation.jdbc.SchemaOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The commands on an H2 file database, the kind the demo leaves behind. */
class CommandsOnH2Test extends OperationsContract {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("escalation");
    }

    @Override
    DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url());
        return h2;
    }

    @Override
    String tables() {
        return SchemaOptions.DEFAULT_TABLE_PREFIX;
    }

    @Override
    List<String> connection() {
        return List.of("--jdbc-url", url());
    }

    /** Keeps the database open during the test, as a running host would; without it every transaction reopens the file. */
    private Connection open;

    @Override
    KnownStates fill() {
        try {
            open = database().getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + url(), e);
        }
        return KnownStates.fill(database(), SchemaOptions.defaults());
    }

    @AfterEach
    void close() throws SQLException {
        open.close();
    }
}
