package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Machine;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.AuditVerification;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue #19's idle run and bulk import at a million tasks, apart from the full suite:
 * <ol>
 *   <li><b>Idle runs on the documented one-minute schedule</b> with the engine's and the store's
 *       defaults (SLA counts on, at most a minute old), over the {@link TaskTable} of 1,000,000 open
 *       tasks loaded with {@code COPY}, the clock 60 s further at each run, nothing due: the counts are
 *       the schema's maintained ones (V5), folded every 5 minutes. The database's first count (no
 *       stored counts yet) is timed apart.
 *   <li><b>Bulk import</b>: {@code store.tasks().openAll} of 1,000,000 new tasks into tables of their
 *       own (prefix {@code imp_}), in calls of 100,000, each call one transaction; then the audit chain
 *       is verified and the rows are counted, and the first checks of the first call are read back.
 * </ol>
 * Run: {@code java -cp escalation-benchmarks/target/benchmarks.jar dev.escalation.benchmarks.jdbc.ImportAndIdle [tasks [idle|import]]}.
 */
public final class ImportAndIdle {

    private static final int IDLE_RUNS = 25;
    private static final int IMPORT_CALL = 100_000;

    private ImportAndIdle() {}

    /**
     * Measures both and prints the figures.
     *
     * @param args optionally the number of tasks (default 1,000,000)
     * @throws Exception when the database fails
     */
    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(Machine.describe() + "; load average " + Machine.loadAverage());
        try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, false)) {
            if (args.length < 2 || !args[1].equals("import")) {
                idle(db, tasks);
                System.out.println("load average " + Machine.loadAverage());
            }
            if (args.length < 2 || !args[1].equals("idle")) {
                bulkImport(db, tasks);
            }
            System.out.println("load average " + Machine.loadAverage());
        }
    }

    private static void idle(BenchmarkDatabase db, int tasks) throws Exception {
        // Half an hour before the first slice falls due: 25 runs a minute apart find nothing due.
        ManualClock clock = ManualClock.at(JdbcWorkload.START.minus(Duration.ofMinutes(30)));
        JdbcEscalationStore store = JdbcWorkload.store(db.pool(2), clock);
        store.createSchema();
        TaskTable table = new TaskTable(db, tasks, 10_000);
        long loadStart = System.nanoTime();
        table.load();
        System.out.printf(
                "loaded %s open tasks with COPY in %.1f s%n",
                Figures.count(tasks), (System.nanoTime() - loadStart) / 1e9);
        table.settle();
        EscalationEngine engine = JdbcWorkload.countingEngine(store, new AtomicLong());
        EscalationEngine countsOff = JdbcWorkload.engine(store.repository(), new AtomicLong());
        JdbcEscalationStore everyCall = JdbcEscalationStore.builder(db.pool(2))
                .clock(clock)
                .dialect(SqlDialect.POSTGRESQL)
                .slaCountsMaxAge(Duration.ZERO)
                .build();
        List<Double> millis = new ArrayList<>();
        List<Double> offMillis = new ArrayList<>();
        List<Double> countMillis = new ArrayList<>();
        // The two engines take turns at each instant, so that the machine's load hits both alike;
        // then one count alone, through a store that counts on every call.
        for (int i = 0; i <= IDLE_RUNS; i++) {
            long start = System.nanoTime();
            RunReport report = engine.runOnce();
            double ms = (System.nanoTime() - start) / 1e6;
            if (report.tasksChecked() != 0
                    || report.slaCounts().map(c -> c.open() != tasks).orElse(true)) {
                throw new IllegalStateException("expected an idle run counting " + tasks + " open tasks: " + report);
            }
            start = System.nanoTime();
            countsOff.runOnce();
            double off = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            everyCall
                    .repository()
                    .slaCounts(new RunScope("probe", clock.now(), clock.now().plusSeconds(60), Set.of()));
            double count = (System.nanoTime() - start) / 1e6;
            if (i == 0) {
                System.out.println("first run, the database's first count: " + Figures.millis(ms));
            } else {
                millis.add(ms);
                offMillis.add(off);
                countMillis.add(count);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        System.out.println("idle runs, defaults, one a minute: " + IdleProbe.figure(millis) + ", all " + millis);
        System.out.println(
                "idle runs, SLA counts off, in turns: " + IdleProbe.figure(offMillis) + ", all " + offMillis);
        System.out.println("slaCounts alone (store counting on every call): " + IdleProbe.figure(countMillis) + ", all "
                + countMillis);
    }

    private static void bulkImport(BenchmarkDatabase db, int tasks) {
        ManualClock clock = ManualClock.at(JdbcWorkload.START);
        JdbcEscalationStore store = JdbcEscalationStore.builder(db.pool(2))
                .clock(clock)
                .dialect(SqlDialect.POSTGRESQL)
                .tablePrefix("imp_")
                .build();
        store.createSchema();
        long start = System.nanoTime();
        for (int first = 0; first < tasks; first += IMPORT_CALL) {
            List<NewTask> call = new ArrayList<>(IMPORT_CALL);
            for (int i = first; i < Math.min(tasks, first + IMPORT_CALL); i++) {
                call.add(new NewTask(
                        "OLD-" + i,
                        "purchase-order",
                        "Manager Approval",
                        "user-" + (i % 5_000),
                        "normal",
                        Optional.empty(),
                        // Opened in the old system over the last 30 days.
                        JdbcWorkload.START.minus(Duration.ofSeconds(i % (30 * 86_400))),
                        Map.of("amount", Integer.toString(i % 10_000))));
            }
            store.tasks().openAll(call);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "imported %s tasks in %.1f s: %s tasks/s (calls of %s, each one transaction)%n",
                Figures.count(tasks), seconds, Figures.rate(tasks / seconds), Figures.count(IMPORT_CALL));
        long verifyStart = System.nanoTime();
        AuditVerification verification = store.auditVerifier().verify(Optional.empty());
        System.out.printf(
                "audit chain verified in %.1f s: intact %s, %s%n",
                (System.nanoTime() - verifyStart) / 1e9, verification.intact(), verification);
        Instant now = clock.now();
        long dueNow = store.tasks()
                        .find("OLD-0")
                        .flatMap(t -> t.escalation().nextCheckAt())
                        .map(now::equals)
                        .orElse(false)
                ? 1
                : 0;
        System.out.println("OLD-0 (a task of the first call) due at once: " + (dueNow == 1));
    }
}
