package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.ChildJvm;
import dev.escalation.jdbc.testing.CrashChild;
import dev.escalation.jdbc.testing.StoreInvariants;
import dev.escalation.jdbc.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.Optional;
import java.util.Random;
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

    @RegisterExtension
    final TestDatabase db = database();

    @TempDir
    Path logs;

    ChildJvm child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void a_process_killed_a_dozen_times_loses_no_step_doubles_none_and_strands_no_task() throws Exception {
        JdbcEscalationStore store = db.store(ManualClock.at(CrashChild.START));
        Map<String, Instant> slaStarts = openTasks(store);
        execute("DROP TABLE IF EXISTS " + side("crash_clock") + ", " + side("crash_delivery"));
        execute("CREATE TABLE " + side("crash_clock")
                + " (id INTEGER PRIMARY KEY, now TIMESTAMP WITH TIME ZONE NOT NULL)");
        execute("INSERT INTO " + side("crash_clock")
                + " VALUES (1, TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00')");
        execute("CREATE TABLE " + side("crash_delivery") + " (idempotency_key TEXT NOT NULL, task_status TEXT)");

        Random random = new Random(20260105L);
        List<Long> killedAfter = new ArrayList<>();
        for (int kill = 0; kill < kills(); kill++) {
            start(kill);
            int ticks = 1 + random.nextInt(4);
            String line = "";
            for (int t = 0; t < ticks && !line.equals("DONE"); t++) {
                line = nextTick();
            }
            assertThat(line).as("the child ended before kill %d", kill).startsWith("TICK");
            child.kill();
            killedAfter.add(Long.parseLong(line.substring(5)));
        }
        start(kills());
        String line;
        do {
            line = nextTick();
        } while (!line.equals("DONE"));
        assertThat(child.exitValue(Duration.ofSeconds(60))).isZero();

        Instant end = clockRow().plus(Duration.ofHours(1));
        ManualClock clock = ManualClock.at(end);
        JdbcEscalationStore last = db.storeBuilder(db.dataSource(), clock).build();
        EscalationEngine engine = EscalationEngine.builder()
                .repository(last.repository())
                .policy(CrashChild.POLICY)
                .notifier(n -> {
                    try (Connection c = db.dataSource().getConnection()) {
                        String schema = db.schema().schema().orElseThrow();
                        CrashChild.record(
                                c, schema, n.idempotencyKey(), CrashChild.statusOf(c, db.table("task"), n.taskId()));
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

    /** The database: embedded PostgreSQL here, a Citus cluster in {@code CitusCrashTest}. */
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    /** The URL the child process reaches {@link #database()} with. */
    String childUrl() {
        return ChildJvm.postgresUrl();
    }

    /** How long the child's scenario runs in simulated time. */
    Duration scenario() {
        return CrashChild.SCENARIO;
    }

    /** How many times the child is killed. */
    int kills() {
        return 12;
    }

    /** The tenant of task {@code i}: none here. */
    Optional<String> tenantOf(int i) {
        return Optional.empty();
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
            NewTask task = NewTask.of("T-" + i, "purchase-order", "Approval", "alice", start);
            store.tasks().open(tenantOf(i).map(task::withTenant).orElse(task));
            slaStarts.put("T-" + i, start);
        }
        return slaStarts;
    }

    /** Starts the child (see {@link ChildJvm}); its stderr goes to a log file of its own. */
    private void start(int number) throws IOException, InterruptedException {
        child = ChildJvm.start(
                logs.resolve("child-" + number + ".log"),
                CrashChild.class,
                childUrl(),
                db.schema().schema().orElseThrow(),
                db.dialect().name(),
                Long.toString(scenario().toHours()));
    }

    private String nextTick() {
        String line = child.nextLine();
        assertThat(line)
                .as("a line from the child (its log: %s)", child.log())
                .isNotNull()
                .matches("TICK \\d+|DONE");
        return line;
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
