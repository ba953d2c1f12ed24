package dev.escalation.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcAuditSource;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where the demo keeps its tasks and audit trail: the library's JDBC store over a HikariCP pool,
 * on an embedded H2 database unless {@code --jdbc-url} names another one. The demo's tables have a
 * prefix of their own, {@value #TABLE_PREFIX}, so that {@code --reset} can never drop a host's
 * real {@code escalation_} tables in the same database.
 */
final class DemoBackend implements AutoCloseable {

    /** The embedded H2 database's file name in the output folder (H2 adds {@code .mv.db}). */
    static final String EMBEDDED_H2_FILE = "escalation";

    static final String TABLE_PREFIX = "escalation_demo_";
    /** Every table of the store, its schema history last: without the history a reset makes them all anew. */
    private static final List<String> TABLES = List.of(
            "task",
            "task_count",
            "task_count_change",
            "audit",
            "audit_chain",
            "outbox",
            "operator_request",
            "policy_pause",
            "schema_version");

    /** The database already holds an earlier run's tasks, which the same simulation would open again. */
    static final class EarlierRunException extends Exception {
        EarlierRunException(String message) {
            super(message);
        }
    }

    private final HikariDataSource dataSource;
    private final JdbcEscalationStore store;
    private final String url;
    private final String tables;

    DemoBackend(String jdbcUrl, boolean reset, Clock clock) throws EarlierRunException {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(4);
        pool.setPoolName("escalation-demo");
        this.dataSource = new HikariDataSource(pool);
        this.url = jdbcUrl;
        try {
            this.store = JdbcEscalationStore.builder(dataSource)
                    .clock(clock)
                    .tablePrefix(TABLE_PREFIX)
                    .build();
            boolean created = store.createSchema();
            long earlier = taskCount();
            if (earlier > 0 && !reset) {
                throw new EarlierRunException(String.format(
                        "%stask already holds %d tasks from an earlier run; run again with --reset to drop the"
                                + " demo's tables (%s*) first",
                        TABLE_PREFIX, earlier, TABLE_PREFIX));
            }
            if (reset) {
                dropTables();
                store.createSchema();
            }
            this.tables = TABLE_PREFIX + "* ("
                    + (reset
                            ? "made anew by --reset; they held " + earlier + " tasks"
                            : created ? "created" : "already there, empty")
                    + ")";
        } catch (EarlierRunException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The embedded default: an H2 file in the output folder, so that the command-line tool can open
     * it after the demo (an in-memory database would be gone). Each run starts on a new file, as it
     * would in memory: the last run's file is deleted first.
     */
    static String freshEmbeddedDatabase(Path out) throws IOException {
        Files.createDirectories(out);
        Path file = out.toAbsolutePath().resolve(EMBEDDED_H2_FILE);
        Files.deleteIfExists(file.resolveSibling(EMBEDDED_H2_FILE + ".mv.db"));
        Files.deleteIfExists(file.resolveSibling(EMBEDDED_H2_FILE + ".trace.db"));
        return "jdbc:h2:file:" + file;
    }

    WorkflowRepository repository() {
        return store.repository();
    }

    TaskStore tasks() {
        return store.tasks();
    }

    /** The audit trail so far, in order. */
    List<AuditEntry> auditTrail() {
        return store.auditTrail().entries();
    }

    /** The store's operator queries, for the operator console. */
    OperatorQueries queries() {
        return store.queries();
    }

    /** The store's operator actions, for the operator console. */
    OperatorActions operatorActions() {
        return store.operatorActions();
    }

    /** The audit trail read in bounded memory, for the operator console's compliance chart. */
    JdbcAuditSource auditSource() {
        return new JdbcAuditSource(dataSource, store.schemaOptions(), JdbcAuditSource.DEFAULT_FETCH_SIZE);
    }

    /** For the console: what the demo runs on. */
    String description() {
        return "escalation-jdbc on " + store.dialect() + " (" + maskedUrl() + ")";
    }

    /** The database's URL without its password, if it has one. */
    String maskedUrl() {
        return url.replaceAll("(?i)password=[^;&]*", "password=***");
    }

    /** For the console: the demo's tables, and whether this run created them, found them or made them anew. */
    String tables() {
        return tables;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private void dropTables() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("DROP TABLE IF EXISTS " + TABLE_PREFIX + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the demo's tables " + TABLE_PREFIX + "*", e);
        }
    }

    private long taskCount() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE_PREFIX + "task")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the demo's tasks in " + TABLE_PREFIX + "task", e);
        }
    }
}
