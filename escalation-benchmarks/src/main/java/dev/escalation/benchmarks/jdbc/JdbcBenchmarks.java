package dev.escalation.jdbc.perf;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures one {@code runOnce()} against 1,000,000 open tasks on embedded PostgreSQL (default,
 * durable server settings), of which 10,000 are due for their warning: the run applies 10,000
 * steps (state, audit row, outbox row, delivery outcome). Also measures runs with nothing due.
 * Run by hand, not part of the test suite (see docs/jdbc.md):
 *
 * <pre>
 * mvn -B -q -pl escalation-core,escalation-jdbc -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "escalation-jdbc/target/test-classes:escalation-jdbc/target/classes:$(cat escalation-jdbc/target/cp.txt)" \
 *     dev.escalation.jdbc.perf.JdbcPerformanceHarness [openTasks] [dueTasks]
 * </pre>
 * Knobs: {@code -DbatchSize=500} (the engine's batch size), {@code -DrewriteBatchedInserts=true}
 * (the PostgreSQL driver's multi-row rewrite of batched inserts).
 */
public final class JdbcPerformanceHarness {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx");

    private JdbcPerformanceHarness() {
    }

    public static void main(String[] args) throws Exception {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int due = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "512MB")
                .setServerConfig("timezone", "Pacific/Chatham").start()) {
            PGSimpleDataSource plain = new PGSimpleDataSource();
            plain.setServerNames(new String[] {"localhost"});
            plain.setPortNumbers(new int[] {postgres.getPort()});
            plain.setDatabaseName("postgres");
            plain.setUser("postgres");
            plain.setReWriteBatchedInserts(Boolean.parseBoolean(System.getProperty("rewriteBatchedInserts", "false")));
            System.out.println("reWriteBatchedInserts=" + plain.getReWriteBatchedInserts());
            HikariConfig config = new HikariConfig();
            config.setDataSource(plain);
            config.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                run(pool, open, due);
            }
        }
    }

    private static void run(HikariDataSource pool, int open, int due) throws Exception {
        ManualClock clock = ManualClock.at(NOW);
        JdbcEscalationStore store = JdbcEscalationStore.builder(pool).clock(clock).dialect(SqlDialect.POSTGRESQL).build();
        store.createSchema();
        long loadStart = System.nanoTime();
        load(pool, open, due, 0);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE escalation_task");
        }
        System.out.printf("loaded %,d open tasks (%,d due) in %.1f s%n", open, due, (System.nanoTime() - loadStart) / 1e9);

        AtomicLong delivered = new AtomicLong();
        SlaPolicy policy = SlaPolicy.builder("Approval").sla(Duration.ofHours(24)).warnBefore(Duration.ofHours(2))
                .escalateTo(EscalationTarget.user("dora")).build();
        TimedRepository timed = new TimedRepository(store.repository());
        EscalationEngine counting = engine(timed, store, clock, policy, delivered, true);
        EscalationEngine notCounting = engine(timed, store, clock, policy, delivered, false);

        long start = System.nanoTime();
        RunReport report = counting.runOnce();
        double cold = (System.nanoTime() - start) / 1e6;
        System.out.printf("run with %,d due (cold JVM, SLA counts on): %.0f ms, %d warnings, %d delivered, counts %s%n%s", due, cold,
                report.warnings(), report.notificationsDelivered(), report.slaCounts().orElseThrow(), timed.report());

        List<Double> warm = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            makeDue(pool, due, round);
            start = System.nanoTime();
            report = notCounting.runOnce();
            warm.add((System.nanoTime() - start) / 1e6);
            if (report.warnings() != due) {
                throw new IllegalStateException("expected " + due + " warnings, but the run applied " + report.warnings());
            }
        }
        System.out.printf("run with %,d due (warm, 3 rounds, SLA counts off): %s ms%n%s", due, format(warm), timed.report());

        timed.report();
        System.out.printf("run with nothing due, SLA counts on:  median %.1f ms%n", median(idle(counting)));
        System.out.printf("run with nothing due, SLA counts off: median %.1f ms%n", median(idle(notCounting)));
        JdbcEscalationStore cached = JdbcEscalationStore.builder(pool).clock(clock).dialect(SqlDialect.POSTGRESQL)
                .slaCountsMaxAge(Duration.ofMinutes(1)).build();
        EscalationEngine cachedCounts = engine(cached.repository(), cached, clock, policy, delivered, true);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofSeconds(10));
            long t = System.nanoTime();
            cachedCounts.runOnce();
            times.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("runs every 10 s with nothing due, SLA counts at most 1 min old: median %.1f ms, max %.1f ms%n",
                median(times), Collections.max(times));
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM escalation_audit), (SELECT COUNT(*) FROM escalation_outbox WHERE status = 'DELIVERED')");
            rs.next();
            System.out.printf("audit rows %,d, delivered outbox rows %,d, notifier calls %,d%n", rs.getLong(1), rs.getLong(2), delivered.get());
        }
    }

    private static EscalationEngine engine(dev.escalation.core.spi.WorkflowRepository repository, JdbcEscalationStore store,
            ManualClock clock, SlaPolicy policy, AtomicLong delivered, boolean count) {
        return EscalationEngine.builder().repository(repository).auditSink(store.auditTrail()).clock(clock).policy(policy)
                .notifier(n -> delivered.incrementAndGet()).countSla(count).batchSize(Integer.getInteger("batchSize", 500)).build();
    }

    private static List<Double> idle(EscalationEngine engine) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            RunReport report = engine.runOnce();
            times.add((System.nanoTime() - start) / 1e6);
            if (report.tasksChecked() != 0) {
                throw new IllegalStateException("expected nothing due, but " + report.tasksChecked() + " tasks were checked");
            }
        }
        return times;
    }

    /** Bulk-loads tasks with COPY: the first {@code due} are due for their warning now, the rest fall due within 30 days. */
    private static void load(HikariDataSource pool, int open, int due, int offset) throws Exception {
        try (Connection c = pool.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int first = 0; first < open; first += chunk) {
                StringBuilder rows = new StringBuilder(chunk * 300);
                for (int i = first; i < Math.min(open, first + chunk); i++) {
                    Instant slaStart = i < due ? NOW.minus(Duration.ofHours(23)) : NOW.plus(Duration.ofMinutes(i % (30 * 24 * 60)));
                    Instant deadline = slaStart.plus(Duration.ofHours(24));
                    Instant warningAt = deadline.minus(Duration.ofHours(2));
                    Instant nextCheck = i < due ? NOW.minusSeconds(60) : warningAt;
                    rows.append("PO-").append(i).append("\tpurchase-order\tApproval\tuser-").append(i % 5000).append("\tnormal\t\\N\t")
                            .append(ts(slaStart.isAfter(NOW) ? NOW : slaStart)).append("\t{}\tOPEN\t[]\t0\t\\N\t0\t0\t\\N\t0\t\\N\t")
                            .append(ts(warningAt)).append('\t').append(ts(deadline)).append('\t').append(ts(nextCheck))
                            .append("\t1\t\\N\t\\N\t").append(ts(NOW)).append('\t').append(ts(NOW)).append('\n');
                }
                copy.copyIn("COPY escalation_task (id, workflow_type, stage, assignee, priority, tenant, sla_start, attributes, status, holds,"
                        + " cycle, warned_at, reminders_sent, escalation_level, last_escalated_at, re_escalations, breached_at, warning_at,"
                        + " deadline, next_check_at, version, claimed_by, claimed_until, created_at, updated_at) FROM STDIN",
                        new StringReader(rows.toString()));
            }
        }
    }

    /** Makes another {@code due} of the not-yet-due tasks due for their warning now. */
    private static void makeDue(HikariDataSource pool, int due, int round) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            int first = 100_000 * round;
            s.executeUpdate("UPDATE escalation_task SET sla_start = TIMESTAMPTZ '" + ts(NOW.minus(Duration.ofHours(23))) + "',"
                    + " next_check_at = TIMESTAMPTZ '" + ts(NOW.minusSeconds(60)) + "' WHERE id IN (SELECT 'PO-' || g FROM generate_series("
                    + first + ", " + (first + due - 1) + ") g)");
            s.execute("ANALYZE escalation_task");
        }
    }

    private static String ts(Instant instant) {
        return PG.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }
}
