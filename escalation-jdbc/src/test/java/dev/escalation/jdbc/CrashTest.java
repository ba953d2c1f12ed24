package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.CrashChild;
import dev.escalation.jdbc.testing.StoreInvariants;
import dev.escalation.jdbc.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process running engines against PostgreSQL with SIGKILL at random (seeded) moments, a
 * dozen times over three simulated days, restarting it each time ({@link CrashChild}). Afterwards,
 * once the dead processes' leases have run out and a last run has completed what was due, every
 * invariant of {@link StoreInvariants} holds, and every task's steps are those of the reference
 * model fed with its history as its audit trail tells it.
 */
class CrashTest {

    static final int KILLS = 12;
    static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @TempDir
    Path logs;

    final ExecutorService reader = Executors.newSingleThreadExecutor();
    Process child;
    Path currentLog;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        reader.shutdownNow();
    }

    @Test
    void a_process_killed_a_dozen_times_loses_no_step_doubles_none_and_strands_no_task() throws Exception {
        JdbcEscalationStore store = db.store(ManualClock.at(CrashChild.START));
        Map<String, Instant> slaStarts = openTasks(store);
        execute("CREATE TABLE " + side("crash_clock")
                + " (id INTEGER PRIMARY KEY, now TIMESTAMP WITH TIME ZONE NOT NULL)");
        execute("INSERT INTO " + side("crash_clock")
                + " VALUES (1, TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00')");
        execute("CREATE TABLE " + side("crash_delivery") + " (idempotency_key TEXT NOT NULL, task_status TEXT)");

        Random random = new Random(20260105L);
        List<Long> killedAfter = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            BufferedReader out = start(kill);
            int ticks = 1 + random.nextInt(4);
            String line = "";
            for (int t = 0; t < ticks && !line.equals("DONE"); t++) {
                line = nextTick(out);
            }
            assertThat(line).as("the child ended before kill %d", kill).startsWith("TICK");
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS))
                    .as("the killed child is gone")
                    .isTrue();
            killedAfter.add(Long.parseLong(line.substring(5)));
        }
        BufferedReader out = start(KILLS);
        String line;
        do {
            line = nextTick(out);
        } while (!line.equals("DONE"));
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();

        Instant end = clockRow().plus(Duration.ofHours(1));
        ManualClock clock = ManualClock.at(end);
        JdbcEscalationStore last = db.storeBuilder(db.dataSource(), clock).build();
        EscalationEngine engine = EscalationEngine.builder()
                .repository(last.repository())
                .policy(CrashChild.POLICY)
                .notifier(n -> {
                    try (Connection c = db.dataSource().getConnection();
                            PreparedStatement ps = c.prepareStatement("INSERT INTO " + side("crash_delivery")
                                    + " VALUES (?, (SELECT" + " status FROM " + db.table("task") + " WHERE id = ?))")) {
                        ps.setString(1, n.idempotencyKey());
                        ps.setString(2, n.taskId());
                        ps.executeUpdate();
                    }
                })
                .build();
        engine.runOnce();

        StoreInvariants invariants = new StoreInvariants(db.dataSource(), last, db::table);
        StoreInvariants.Figures figures = invariants.assertAll(
                deliveries(), end, NotificationRetryPolicy.defaults().maxAttempts());
        invariants.assertStepsMatch(id -> new ReferenceModel(id, CrashChild.POLICY), slaStarts, end);
        System.out.printf("crash: killed after ticks %s; %s%n", killedAfter, figures);
        assertThat(killedAfter).as("kills spread over the scenario").doesNotHaveDuplicates();
        assertThat(figures.notifiedSteps()).isGreaterThan(CrashChild.TASKS);
        // Issue #15: the host completes, cancels and reassigns tasks between the runs, and runs die
        // after their commit, leaving notifications behind: those the task's changes made untrue are
        // withdrawn, and none is ever sent for a task that was finished when the notifier was called.
        assertThat(figures.withdrawn()).as("notifications withdrawn").isPositive();
        assertThat(deliveriesForFinishedTasks())
                .as("deliveries for finished tasks")
                .isEmpty();
    }

    private List<String> deliveriesForFinishedTasks() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT idempotency_key, task_status FROM " + side("crash_delivery")
                        + " WHERE task_status IS NULL OR task_status NOT IN ('OPEN', 'ON_HOLD')")) {
            while (rs.next()) {
                keys.add(rs.getString(1) + " (" + rs.getString(2) + ")");
            }
        }
        return keys;
    }

    private Map<String, Instant> openTasks(JdbcEscalationStore store) {
        Random random = new Random(7);
        Map<String, Instant> slaStarts = new HashMap<>();
        for (int i = 0; i < CrashChild.TASKS; i++) {
            Instant start = CrashChild.START.minus(Duration.ofMinutes(random.nextInt(8 * 60)));
            store.tasks().open(NewTask.of("T-" + i, "purchase-order", "Approval", "alice", start));
            slaStarts.put("T-" + i, start);
        }
        return slaStarts;
    }

    /** Starts the child on this JVM's java and class path; its stdout is read line by line, its stderr goes to a file. */
    private BufferedReader start(int number) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=Asia/Kathmandu",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                "jdbc:postgresql://localhost:"
                        + TestDatabase.postgresDataSource().getPortNumbers()[0] + "/postgres?user=postgres",
                db.schema().schema().orElseThrow());
        currentLog = logs.resolve("child-" + number + ".log");
        builder.redirectError(currentLog.toFile());
        child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = read(out);
        if (!"READY".equals(first)) {
            throw new AssertionError("the child did not start (" + first + "), exit "
                    + (child.waitFor(30, TimeUnit.SECONDS) ? child.exitValue() : "none") + "; its log: " + childLog());
        }
        return out;
    }

    private String nextTick(BufferedReader out) throws Exception {
        String line = read(out);
        assertThat(line)
                .as("a line from the child (its log: %s)", childLog())
                .isNotNull()
                .matches("TICK \\d+|DONE");
        return line;
    }

    /** The next line, waiting at most {@link #LINE_TIMEOUT}. */
    private String read(BufferedReader out) {
        Future<String> line = reader.submit(out::readLine);
        try {
            return line.get(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no line from the child within " + LINE_TIMEOUT + "; its log: " + childLog(), e);
        }
    }

    private String childLog() {
        try {
            return Files.readString(currentLog);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private Map<String, Integer> deliveries() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT idempotency_key, COUNT(*) FROM " + side("crash_delivery")
                        + " GROUP BY idempotency_key")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private Instant clockRow() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT now FROM " + side("crash_clock"))) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toInstant();
        }
    }

    /** A table of the test's own, beside the store's in the test's schema. */
    private String side(String name) {
        return db.schema().schema().orElseThrow() + "." + name;
    }

    private void execute(String sql) {
        try {
            db.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
