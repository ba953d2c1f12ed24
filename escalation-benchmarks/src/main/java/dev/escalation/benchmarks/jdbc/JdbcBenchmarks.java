package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Machine;
import dev.escalation.benchmarks.Table;
import dev.escalation.benchmarks.jdbc.TaskTable.Slice;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The JDBC figures for one {@link Durability}, on a fresh embedded PostgreSQL holding
 * {@link Sizes#openTasks()} open tasks ({@link TaskTable}):
 * <ol>
 *   <li>in interleaved rounds: the plain-JDBC limit ({@link PlainJdbcLimit}, a step's rows and nothing more), one
 *       engine's run applying {@link Sizes#dueSteps()} due warnings (task state, audit row, outbox row, delivery), the
 *       same steps split over 2 engines running at once (each with its own store and pool, as on separate nodes), and
 *       db-scheduler doing the same per-item work ({@link DbSchedulerBaseline});
 *   <li>the idle probe: runs with nothing due;
 *   <li>the naive baseline ({@link NaiveBaseline}), when a slice is left: load everything, evaluate everything, write
 *       one by one.
 * </ol>
 * Each measured run works on its own slice of due tasks, starts after the table is vacuumed and
 * checkpointed, and is checked afterwards: every task of the slice warned once, with one audit row
 * and one delivered notification, each handed to the notifier once. Timed with {@code System.nanoTime}, the engine's clock is a
 * {@link ManualClock} set to the slice's due instant.
 */
public final class JdbcBenchmarks {

    private final BenchmarkDatabase db;
    private final Sizes sizes;
    private final Consumer<String> progress;
    private final TaskTable table;
    private final ManualClock clock = ManualClock.at(JdbcWorkload.START);
    private final AtomicLong delivered = new AtomicLong();

    /**
     * How big the JDBC harness's table and runs are.
     *
     * @param openTasks how many open tasks the table holds
     * @param dueSteps  how many of them fall due for each measured run
     * @param rounds    measured runs per scenario (the naive baseline runs once)
     */
    public record Sizes(int openTasks, int dueSteps, int rounds) {
        public Sizes {
            if (rounds < 1 || slices(rounds) > TaskTable.MAX_SLICES) {
                throw new IllegalArgumentException(
                        "rounds must lie in 1.." + (TaskTable.MAX_SLICES / 4 - 1) + ", but was " + rounds);
            }
            if (dueSteps < 1 || (long) slices(rounds) * dueSteps > openTasks) {
                throw new IllegalArgumentException("dueSteps must lie in 1.." + openTasks / slices(rounds) + " for "
                        + openTasks + " open tasks and " + rounds
                        + " rounds (each run needs its own due tasks), but was " + dueSteps);
            }
        }

        /**
         * Slices of due tasks a suite run needs: 4 scenarios of a warm-up round and of {@code rounds} measured
         * rounds. The naive baseline runs when a slice is left.
         */
        private static int slices(int rounds) {
            return 4 * (1 + rounds);
        }
    }

    private JdbcBenchmarks(BenchmarkDatabase db, Sizes sizes, Consumer<String> progress) {
        this.db = db;
        this.sizes = sizes;
        this.progress = message -> progress.accept("[" + db.durability().label() + "] " + message);
        this.table = new TaskTable(db, sizes.openTasks(), sizes.dueSteps());
    }

    /**
     * Starts PostgreSQL with {@code durability}, measures every scenario, stops it, and returns the
     * figures. With {@code statementStatistics}, each measured run's statements (calls, server time,
     * rows, from {@code pg_stat_statements}) go to {@code progress} too: where the database's time goes.
     */
    public static Table run(Durability durability, Sizes sizes, boolean statementStatistics, Consumer<String> progress)
            throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.start(durability, statementStatistics)) {
            return new JdbcBenchmarks(db, sizes, progress).measure();
        }
    }

    private Table measure() throws Exception {
        double loadStartAverage = Machine.loadAverage();
        JdbcEscalationStore store = JdbcWorkload.store(db.pool(2), clock);
        store.createSchema();
        db.execute(DbSchedulerBaseline.schema());
        long loadStart = System.nanoTime();
        progress.accept("loading " + Figures.count(sizes.openTasks()) + " open tasks with COPY");
        table.load();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        progress.accept(String.format("loaded in %.1f s", loadSeconds));

        TimedRepository timed = new TimedRepository(store.repository());
        EscalationEngine engine = JdbcWorkload.engine(timed, delivered);
        List<Map<String, Double>> breakdowns = new ArrayList<>();
        List<HeapUse> heap = new ArrayList<>();
        Scenario oneEngine = new Scenario("one engine", slice -> {
            HeapUse.Meter meter = HeapUse.start();
            int steps = engineRun(engine);
            heap.add(meter.stop());
            breakdowns.add(timed.takeMillis());
            return steps;
        });
        PlainJdbcLimit plain = new PlainJdbcLimit(db.pool(2), delivered);
        Scenario limit = new Scenario("plain-JDBC limit", slice -> plain.run(slice.dueAt()));
        DbSchedulerBaseline dbScheduler = new DbSchedulerBaseline(db.pool(DbSchedulerBaseline.THREADS + 2), delivered);
        Scenario scheduler = new Scenario(
                "db-scheduler",
                slice -> dbScheduler.schedule(slice.dueAt()),
                slice -> dbScheduler.run(slice.dueAt(), slice.size()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Scenario twoEngines = concurrent(2, threads);
        double coldMillis;
        List<List<Double>> rounds;
        try {
            // A round that is not counted warms every scenario alike: the JIT, the prepared statements, the pages.
            // With one warm-up run each, the engine's measured runs still sped up round by round (2.19, 1.88, 1.37 s
            // on 2026-12-07 21:08, the limit's 1.14, 1.37, 1.41 s): its code is larger, and on 2 cores the JIT's
            // compiler threads take turns with PostgreSQL. The round's first run, the engine's, is the JVM's first.
            coldMillis = alternate(
                            1,
                            new Scenario("one engine, first run of the JVM (warm-up round)", oneEngine.run()),
                            new Scenario("plain-JDBC limit, warm-up round", limit.run()),
                            new Scenario("2 engines, warm-up round", twoEngines.run()),
                            new Scenario("db-scheduler, warm-up round", scheduler.prepare(), scheduler.run()))
                    .get(0)
                    .get(0);
            breakdowns.clear();
            heap.clear();
            // Every scenario takes its turn in every round, so that a change in the machine's load hits all alike.
            rounds = alternate(sizes.rounds(), limit, oneEngine, twoEngines, scheduler);
        } finally {
            threads.shutdownNow();
        }
        List<Double> limitMillis = rounds.get(0);
        List<Double> engineMillis = rounds.get(1);
        int median = engineMillis.indexOf(Figures.lowerMedian(engineMillis));

        Optional<JdbcReport.Naive> naive = Optional.empty();
        if (table.slicesLeft() > 0) {
            NaiveBaseline baseline = new NaiveBaseline(db.pool(2), delivered);
            List<NaiveBaseline.Timing> naiveTimings = new ArrayList<>();
            double naiveMillis = alternate(1, new Scenario("naive baseline", slice -> {
                        naiveTimings.add(baseline.run(slice.dueAt()));
                        return naiveTimings.get(0).stepsApplied();
                    }))
                    .get(0)
                    .get(0);
            naive = Optional.of(new JdbcReport.Naive(naiveMillis, naiveTimings.get(0)));
        }

        table.settle();
        IdleProbe.Result idle = new IdleProbe(db, clock).measure(engine);
        progress.accept("idle probe: " + IdleProbe.figure(idle.countsOff()) + " with SLA counts off, "
                + IdleProbe.figure(idle.countsCached()) + " cached, " + IdleProbe.figure(idle.countsEveryRun())
                + " on every run");
        Table result = JdbcReport.table(
                db.durability(),
                sizes,
                new JdbcReport.Measured(
                        coldMillis,
                        engineMillis,
                        breakdowns.get(median),
                        heap.get(median),
                        limitMillis,
                        rounds.get(2),
                        rounds.get(3),
                        naive,
                        idle));
        result.note(String.format(
                "%s, %s (%s, shared_buffers %s); %s open tasks loaded with COPY in %.1f s. Load average (`uptime`) %.2f"
                        + " at the start, %.2f at the end.",
                db.version(),
                db.durability().label(),
                db.durability().settings(),
                db.show("shared_buffers"),
                Figures.count(sizes.openTasks()),
                loadSeconds,
                loadStartAverage,
                Machine.loadAverage()));
        db.closePools();
        return result;
    }

    /** One measured run over a slice; returns the steps it applied. */
    @FunctionalInterface
    private interface SliceRun {
        int run(Slice slice) throws Exception;
    }

    /**
     * A named way of applying the steps of a slice; {@code prepare} runs before the clock starts (db-scheduler's
     * executions are scheduled there, as the engine's tasks are due before its run).
     */
    private record Scenario(String name, SliceRun prepare, SliceRun run) {
        Scenario(String name, SliceRun run) {
            this(name, slice -> 0, run);
        }
    }

    /**
     * Runs {@code rounds} rounds in which each scenario in turn applies the steps of its own slice,
     * each run started on a settled table and checked afterwards; returns each scenario's wall
     * times in milliseconds, in the order given.
     */
    private List<List<Double>> alternate(int rounds, Scenario... scenarios) throws Exception {
        List<List<Double>> millis = new ArrayList<>();
        for (Scenario ignored : scenarios) {
            millis.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < scenarios.length; k++) {
                millis.get(k).add(measure(scenarios[k]));
            }
        }
        return millis;
    }

    private double measure(Scenario scenario) throws Exception {
        Slice slice = table.nextSlice();
        table.settle();
        db.takeStatementStatistics();
        clock.set(slice.dueAt());
        scenario.prepare().run(slice);
        long notified = delivered.get();
        HeapUse.collectBeforeMeasuring();
        long start = System.nanoTime();
        int steps = scenario.run().run(slice);
        double took = (System.nanoTime() - start) / 1e6;
        long notifications = delivered.get() - notified;
        if (steps != slice.size() || notifications != slice.size()) {
            throw new IllegalStateException(
                    scenario.name() + ": expected " + slice.size() + " steps and notifications, but " + steps
                            + " steps were applied and " + notifications + " notifications delivered");
        }
        List<String> statements = db.takeStatementStatistics();
        table.verifyWarned(slice);
        progress.accept(
                String.format("%s: %s steps in %s", scenario.name(), Figures.count(steps), Figures.millis(took)));
        statements.forEach(line -> progress.accept("  " + line));
        return took;
    }

    private static int engineRun(EscalationEngine engine) {
        RunReport report = engine.runOnce();
        if (!report.failures().isEmpty() || report.staleTransitions() != 0) {
            throw new IllegalStateException("the run reported failures " + report.failures() + " and "
                    + report.staleTransitions() + " lost races");
        }
        return report.warnings();
    }

    /** {@code engines} engines, each with its own pool and store as on its own node, run once at the same moment. */
    private Scenario concurrent(int engines, ExecutorService threads) {
        List<EscalationEngine> nodes = new ArrayList<>();
        for (int i = 0; i < engines; i++) {
            JdbcEscalationStore store = JdbcWorkload.store(db.pool(2), clock);
            nodes.add(JdbcWorkload.engine(store.repository(), delivered));
        }
        return new Scenario(engines + " engines", slice -> {
            CountDownLatch ready = new CountDownLatch(engines);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RunReport>> runs = new ArrayList<>();
            for (EscalationEngine node : nodes) {
                runs.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return node.runOnce();
                }));
            }
            ready.await();
            go.countDown();
            int steps = 0;
            for (Future<RunReport> run : runs) {
                RunReport report = run.get();
                if (!report.failures().isEmpty()) {
                    throw new IllegalStateException("a run reported failures: " + report.failures());
                }
                steps += report.warnings();
            }
            return steps;
        });
    }
}
