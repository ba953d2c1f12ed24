package dev.escalation.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the crash tests share, on both sides of the kill. The test's side: child processes
 * ({@link ChildJvm}) started against the test's database, killed where they say they are, the node
 * that finishes after them, and what they left (the deliveries their notifier recorded in the test's
 * own {@code crash_delivery} table). The child's side: {@link #commitThenBlock}, the {@code main} of
 * a child that runs one engine, says {@code COMMITTED n} right after its {@code n}-th committed
 * batch (before that batch's notifications go out) and blocks until it is killed; so the kill lands
 * at the same point on every run, without a sleep.
 *
 * <p>Registered after the test's {@link TestDatabase} ({@code @RegisterExtension final KilledRun run = new
 * KilledRun(db);}), so that it kills what child is left before the database drops the test's schema.
 */
public final class KilledRun implements BeforeEachCallback, AfterEachCallback {

    /** How a child and the node that finishes after it build their engine. */
    @FunctionalInterface
    public interface EngineOf {
        /** The engine over {@code repository}, its notifier recording into {@code schema}'s crash_delivery. */
        EscalationEngine engine(WorkflowRepository repository, DataSource source, String schema);
    }

    private final TestDatabase db;
    private Path logs;
    private ChildJvm child;

    /** A run against {@code db}; each test's children write their logs to a folder of the test's own. */
    public KilledRun(TestDatabase db) {
        this.db = db;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        logs = Files.createTempDirectory("killed-run");
    }

    /** Kills the child left by the test, if any, and removes the children's logs (failures quote them). */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (child != null) {
                child.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(logs)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The test's schema, which the children are handed. */
    public String schema() {
        return db.schema().schema().orElseThrow();
    }

    /** A table of the test's own, beside the store's in the test's schema. */
    public String side(String name) {
        return schema() + "." + name;
    }

    /** Creates the table the children's notifiers record each delivery in (its key, and the task's status then). */
    public void recordDeliveries() throws SQLException {
        db.execute("DROP TABLE IF EXISTS " + side("crash_delivery"));
        db.execute("CREATE TABLE " + side("crash_delivery") + " (idempotency_key TEXT NOT NULL, task_status TEXT)");
    }

    /**
     * Opens {@code count} tasks, task {@code i} started a seeded random time up to 8 h before {@code start};
     * returns each one's SLA start by id.
     */
    public static Map<String, Instant> openTasks(
            JdbcEscalationStore store,
            int count,
            long seed,
            Instant start,
            BiFunction<Integer, Instant, NewTask> task) {
        Random random = new Random(seed);
        Map<String, Instant> slaStarts = new HashMap<>();
        for (int i = 0; i < count; i++) {
            NewTask opened = task.apply(i, start.minus(Duration.ofMinutes(random.nextInt(8 * 60))));
            store.tasks().open(opened);
            slaStarts.put(opened.id(), opened.slaStart());
        }
        return slaStarts;
    }

    /** Starts {@code main} with the URL {@code url}, the schema and {@code args}; its log is named after {@code name}. */
    public ChildJvm start(String name, String url, Class<?> main, String... args)
            throws IOException, InterruptedException {
        String[] all = new String[args.length + 2];
        all[0] = url;
        all[1] = schema();
        System.arraycopy(args, 0, all, 2, args.length);
        child = ChildJvm.start(logs.resolve("child-" + name + ".log"), main, all);
        return child;
    }

    /**
     * Starts a {@link #commitThenBlock} child on embedded PostgreSQL running at {@code at}, waits for
     * its {@code COMMITTED batches} and kills it there.
     */
    public void killAfterCommitted(Class<?> main, Instant at, int batches) throws IOException, InterruptedException {
        start("committing", ChildJvm.postgresUrl(), main, at.toString(), String.valueOf(batches));
        awaitCommittedAndKill(batches);
    }

    /** Waits for the child's {@code COMMITTED batches} and kills it there. */
    public void awaitCommittedAndKill(int batches) throws InterruptedException {
        String line = child.nextLine();
        if (!("COMMITTED " + batches).equals(line)) {
            throw new AssertionError(
                    "expected COMMITTED " + batches + " from the child, got " + line + "; its log: " + child.log());
        }
        child.kill();
    }

    /** The child started last. */
    public ChildJvm child() {
        return child;
    }

    /** A node of the test's own on the test's database, as the one that finishes after a killed child. */
    public JdbcEscalationStore node(Clock clock) {
        return db.storeBuilder(db.dataSource(), clock).build();
    }

    /** A fresh node at {@code clock}'s instant runs {@code engine} once; returns its store. */
    public JdbcEscalationStore finish(ManualClock clock, EngineOf engine) {
        JdbcEscalationStore fresh = node(clock);
        engine.engine(fresh.repository(), db.dataSource(), schema()).runOnce();
        return fresh;
    }

    /** How often the notifiers were handed each idempotency key. */
    public Map<String, Integer> deliveries() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> row : db.query(
                "SELECT idempotency_key, COUNT(*) FROM " + side("crash_delivery") + " GROUP BY idempotency_key")) {
            counts.put(row.get(0), Integer.parseInt(row.get(1)));
        }
        return counts;
    }

    /** The single number {@code sql} selects. */
    public int count(String sql) throws SQLException {
        return Integer.parseInt(db.query(sql).get(0).get(0));
    }

    // ---- the child's side ------------------------------------------------------------------------

    /** A pool of {@code size} connections to {@code url}: a new PostgreSQL connection costs a server process. */
    public static DataSource pool(String url, int size) {
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(url);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(server);
        pool.setMaximumPoolSize(size);
        return new HikariDataSource(pool);
    }

    /**
     * The {@code main} of a child that commits and blocks. Arguments: JDBC URL, schema, the instant of
     * the run, the number of batches to commit. Prints {@code READY}, runs {@code engine} once over a
     * repository that blocks after that many committed batches; prints {@code DONE} only if the run
     * took fewer, on which the test fails.
     */
    public static void commitThenBlock(String[] args, EngineOf engine) {
        DataSource source = pool(args[0], 2);
        String schema = args[1];
        ManualClock clock = ManualClock.at(Instant.parse(args[2]));
        JdbcEscalationStore store =
                JdbcEscalationStore.builder(source).clock(clock).schema(schema).build();
        EscalationEngine child =
                engine.engine(new CommitsThenBlocks(store.repository(), Integer.parseInt(args[3])), source, schema);
        System.out.println("READY");
        child.runOnce();
        System.out.println("DONE");
    }

    /**
     * The engine the committing children and the nodes that finish after them share, but for its
     * policies: batches of {@code batchSize}, a 5 minute lease, its notifier recording deliveries.
     */
    public static EscalationEngine.Builder engineBuilder(
            WorkflowRepository repository, DataSource source, String schema, int batchSize) {
        return EscalationEngine.builder()
                .repository(repository)
                .notifier(recordingDeliveries(source, schema))
                .batchSize(batchSize)
                .claimLease(Duration.ofMinutes(5))
                .countSla(false);
    }

    /** Records each idempotency key the notifier is handed in the test's {@code crash_delivery} table. */
    public static Notifier recordingDeliveries(DataSource source, String schema) {
        return n -> {
            try (Connection c = source.getConnection()) {
                record(c, schema, n.idempotencyKey(), null);
            }
        };
    }

    /** Records one delivery of {@code key} in the test's {@code crash_delivery} table, with the task's status then. */
    public static void record(Connection c, String schema, String key, String taskStatus) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + schema + ".crash_delivery (idempotency_key, task_status) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, taskStatus);
            ps.executeUpdate();
        }
    }

    /**
     * A repository that after its {@code n}-th committed batch (a {@code record}, which the engine's
     * due batches reach through {@code claimAndRecord}'s default) says so and blocks for good.
     */
    public static final class CommitsThenBlocks extends ForwardingWorkflowRepository {

        private final int batches;
        private int committed;

        /** Wraps {@code repository}; blocks after {@code batches} committed batches. */
        public CommitsThenBlocks(WorkflowRepository repository, int batches) {
            super(repository);
            this.batches = batches;
        }

        @Override
        public List<String> record(RunScope scope, List<StepTransition> transitions) {
            List<String> accepted = super.record(scope, transitions);
            if (++committed == batches) {
                System.out.println("COMMITTED " + committed);
                System.out.flush();
                blockUntilKilled();
            }
            return accepted;
        }

        /** Waits on the test's end of stdin, which it never writes to; a test that dies first ends the child too. */
        private static void blockUntilKilled() {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent
                }
            } catch (IOException e) {
                // the test is gone
            }
            Runtime.getRuntime().halt(3);
        }
    }
}
