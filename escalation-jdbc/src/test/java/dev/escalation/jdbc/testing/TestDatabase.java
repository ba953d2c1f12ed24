package dev.escalation.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real database with a fresh, empty escalation schema for every test: embedded PostgreSQL (one
 * server per JVM, its own schema per test) or an in-memory H2 database per test.
 *
 * <p>PostgreSQL runs with a server time zone of {@value #SERVER_TIME_ZONE} and sessions in
 * {@value #SESSION_TIME_ZONE}, and the build runs the JVM in yet another zone: any instant that
 * goes through a local time instead of UTC shows up as a wrong due time.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestDatabase db = TestDatabase.postgres();
 * JdbcEscalationStore store = db.store(clock);
 * }</pre>
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback {

    public static final String SERVER_TIME_ZONE = "Pacific/Chatham";
    public static final String SESSION_TIME_ZONE = "America/St_Johns";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static HikariDataSource postgresPool;
    private static HikariDataSource citusPool;
    /** Whether the embedded server has the stand-ins of Citus's table functions ({@link #citusTablesOnPostgres}). */
    private static boolean citusStandInsInstalled;
    /** The one schema of every Citus test. */
    private static final String CITUS_SCHEMA = "escalation_citus";

    private final SqlDialect dialect;
    /** Citus's tables on the embedded PostgreSQL server instead of a cluster ({@link #citusTablesOnPostgres}). */
    private final boolean citusTablesOnPostgres;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private DataSource dataSource;
    private SchemaOptions schema;
    private String name;

    private TestDatabase(SqlDialect dialect) {
        this(dialect, false);
    }

    private TestDatabase(SqlDialect dialect, boolean citusTablesOnPostgres) {
        this.dialect = dialect;
        this.citusTablesOnPostgres = citusTablesOnPostgres;
    }

    public static TestDatabase postgres() {
        return new TestDatabase(SqlDialect.POSTGRESQL);
    }

    public static TestDatabase h2() {
        return new TestDatabase(SqlDialect.H2);
    }

    /**
     * Citus ({@link CitusCluster}): creating distributed tables costs seconds, so every test shares one
     * schema, created once, and starts with its rows deleted.
     */
    public static TestDatabase citus() {
        return new TestDatabase(SqlDialect.CITUS);
    }

    /**
     * Citus's tables on the embedded PostgreSQL server, its own schema per test: the store speaks
     * {@link SqlDialect#CITUS} (one tenant per transaction, {@code AND tenant = ?} in every locking or writing
     * statement, no tenant stored as the empty one), and V9 runs as on Citus (tenant NOT NULL and leading every
     * key, the maintained counts gone) with Citus's {@code create_distributed_table} and
     * {@code create_reference_table} as stand-ins that leave each table where it is, after checking, as Citus
     * does, that the distribution column is part of every unique index. So the per-tenant code runs, and is
     * checked by its rows, in the build without a cluster; whether each statement reaches one shard only a real
     * cluster can tell ({@link #citus()}, the citus profile).
     */
    public static TestDatabase citusTablesOnPostgres() {
        return new TestDatabase(SqlDialect.CITUS, true);
    }

    /** {@link #citusTablesOnPostgres()} outside of JUnit's lifecycle, for fixtures; {@link #close()} drops it. */
    public static TestDatabase openCitusTablesOnPostgres() {
        TestDatabase db = citusTablesOnPostgres();
        db.beforeEach(null);
        return db;
    }

    public static TestDatabase of(SqlDialect dialect) {
        return new TestDatabase(dialect);
    }

    /** A fresh database outside of JUnit's lifecycle, for fixtures; {@link #close()} drops it. */
    public static TestDatabase open(SqlDialect dialect) {
        TestDatabase db = new TestDatabase(dialect);
        db.beforeEach(null);
        return db;
    }

    /** Drops this test's tables and closes its pools. */
    public void close() throws SQLException {
        afterEach(null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        name = "t" + SEQUENCE.incrementAndGet();
        if (dialect == SqlDialect.POSTGRESQL || citusTablesOnPostgres) {
            dataSource = sharedPostgresPool();
            schema = SchemaOptions.defaults().withSchema(name);
            if (citusTablesOnPostgres) {
                installCitusStandIns(dataSource);
            }
        } else if (dialect == SqlDialect.CITUS) {
            dataSource = sharedCitusPool();
            schema = SchemaOptions.defaults().withSchema(CITUS_SCHEMA);
            clearCitusTables();
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
            schema = SchemaOptions.defaults();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        if (dialect == SqlDialect.CITUS && !citusTablesOnPostgres) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(dialect == SqlDialect.H2 ? "SHUTDOWN" : "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Connections to this test's database: a small shared pool on PostgreSQL (a new server process per connection costs ~20 ms), plain ones on H2. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Where this test's tables live. */
    public SchemaOptions schema() {
        return schema;
    }

    /** A table name as SQL needs it, e.g. {@code table("task")}. */
    public String table(String name) {
        return schema.qualifiedPrefix() + name;
    }

    /** A builder over {@code source} for this test's tables, with the schema created. */
    public JdbcEscalationStore.Builder storeBuilder(DataSource source, Clock clock) {
        JdbcEscalationStore.Builder builder =
                JdbcEscalationStore.builder(source).clock(clock).schemaOptions(schema);
        // Citus reports itself as PostgreSQL: the store must be told.
        return dialect == SqlDialect.CITUS ? builder.dialect(SqlDialect.CITUS) : builder;
    }

    /** A store over this test's (empty) tables, created if need be. */
    public JdbcEscalationStore store(Clock clock) {
        JdbcEscalationStore store = storeBuilder(dataSource, clock).build();
        store.createSchema();
        return store;
    }

    /** A store over this test's (empty) tables, created if need be, with the builder's settings changed by {@code configure}. */
    public JdbcEscalationStore store(Clock clock, UnaryOperator<JdbcEscalationStore.Builder> configure) {
        JdbcEscalationStore store =
                configure.apply(storeBuilder(dataSource, clock)).build();
        store.createSchema();
        return store;
    }

    /** A HikariCP pool of {@code size} connections, closed after the test. */
    public DataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(
                switch (dialect) {
                    case POSTGRESQL -> postgresDataSource();
                    case CITUS -> citusTablesOnPostgres ? postgresDataSource() : CitusCluster.coordinator();
                    case H2 -> dataSource;
                });
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("test-" + name);
        if (dialect != SqlDialect.H2) {
            config.setConnectionInitSql("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
        }
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** Runs a query, for checking rows: each row's columns as strings, in order. */
    public List<List<String>> query(String sql) throws SQLException {
        return query(dataSource, sql);
    }

    /** Runs a query on {@code source}: each row's columns as strings, in order. */
    public static List<List<String>> query(DataSource source, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = source.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Runs one statement, for setting up odd rows. */
    public int execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** Deletes every row of the shared Citus schema's tables, creating them on first use. */
    private void clearCitusTables() {
        JdbcEscalationStore.builder(dataSource)
                .dialect(SqlDialect.CITUS)
                .schemaOptions(schema)
                .build()
                .createSchema();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of("task", "audit", "audit_chain", "outbox", "operator_request", "policy_pause")) {
                s.execute("DELETE FROM " + table(table));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the Citus tables", e);
        }
    }

    /**
     * Citus's two table functions that V9 calls, in the embedded server's {@code public} schema (on every
     * session's search path): each checks what Citus would refuse - a unique index without the distribution
     * column - and leaves the table as it is.
     */
    private static synchronized void installCitusStandIns(DataSource source) {
        if (citusStandInsInstalled) {
            return;
        }
        try (Connection c = source.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION public.create_distributed_table(table_name regclass,"
                    + " distribution_column text, colocate_with text DEFAULT 'default') RETURNS void"
                    + " LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = table_name AND i.indisunique"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = table_name"
                    + " AND a.attname = distribution_column AND a.attnum = ANY (i.indkey))) THEN"
                    + " RAISE EXCEPTION 'cannot distribute % by %: a unique index leaves the column out',"
                    + " table_name, distribution_column; END IF; END $$");
            s.execute("CREATE OR REPLACE FUNCTION public.create_reference_table(table_name regclass) RETURNS void"
                    + " LANGUAGE plpgsql AS $$ BEGIN END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the stand-ins of Citus's table functions", e);
        }
        citusStandInsInstalled = true;
    }

    private static synchronized DataSource sharedCitusPool() {
        if (citusPool == null) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(CitusCluster.coordinator());
            config.setMaximumPoolSize(6);
            config.setMinimumIdle(1);
            config.setPoolName("test-citus");
            config.setConnectionInitSql("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
            citusPool = new HikariDataSource(config);
            // The cluster's data directory outlives the JVM (the script reuses it on one machine), so the shared
            // schema may hold the tables of an older build, with an older version history: each JVM starts from none.
            try (Connection c = citusPool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + CITUS_SCHEMA + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the shared Citus schema " + CITUS_SCHEMA, e);
            }
        }
        return citusPool;
    }

    private static synchronized DataSource sharedPostgresPool() {
        if (postgresPool == null) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(postgresDataSource());
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
            config.setPoolName("test-shared");
            // The driver sends the JVM's zone at start-up, so the session's own zone is set afterwards.
            config.setConnectionInitSql("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
            postgresPool = new HikariDataSource(config);
        }
        return postgresPool;
    }

    /** A plain data source on the shared embedded PostgreSQL server (its sessions start in the JVM's zone). */
    public static synchronized PGSimpleDataSource postgresDataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("timezone", SERVER_TIME_ZONE)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
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
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {postgres.getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        return ds;
    }
}
