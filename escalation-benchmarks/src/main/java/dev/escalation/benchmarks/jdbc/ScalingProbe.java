package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Machine;
import dev.escalation.benchmarks.Table;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How one engine's run grows with the steps due (issue #19: linear from 1,000 to 100,000, heap
 * bounded): for each size, a fresh embedded PostgreSQL (embedded defaults) holding the same
 * number of open tasks, warm-up runs over slices of that size (at least {@link #WARM_UP_STEPS}
 * steps), then the measured run over the next; time per step and the run's heap ({@link HeapUse}). Each run is checked as the main
 * harness checks its runs.
 */
public final class ScalingProbe {

    /** The due steps per run that the suite measures. */
    public static final List<Integer> SIZES = List.of(1_000, 10_000, 100_000);

    /** Steps run before each size's measured run (at least one run of that size). */
    static final int WARM_UP_STEPS = 10_000;

    private ScalingProbe() {}

    /**
     * Measures a run of each of {@code dueSteps} (ascending) among {@code openTasks} open tasks, which must hold
     * two slices of the largest size.
     */
    public static Table run(List<Integer> dueSteps, int openTasks, Consumer<String> progress) throws Exception {
        double loadAtStart = Machine.loadAverage();
        Table t = new Table(
                "One engine's run by due steps, embedded defaults, among " + Figures.count(openTasks) + " open tasks",
                "due steps",
                "time",
                "steps/s",
                "per step",
                "heap of the run");
        Double firstPerStep = null;
        for (int due : dueSteps) {
            try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, false)) {
                ManualClock clock = ManualClock.at(JdbcWorkload.START);
                JdbcEscalationStore store = JdbcWorkload.store(db.pool(2), clock);
                store.createSchema();
                TaskTable table = new TaskTable(db, openTasks, due);
                table.load();
                AtomicLong delivered = new AtomicLong();
                EscalationEngine engine = JdbcWorkload.engine(store.repository(), delivered);
                // Warm-up: at least WARM_UP_STEPS steps, so that every size is measured with the statements
                // prepared on the server and planned (pgjdbc prepares a statement on its fifth use), not only
                // the sizes whose single warm-up run has five batches or more.
                int warmed = 0;
                do {
                    warmed += measuredRun(table, clock, engine).steps();
                } while (warmed < WARM_UP_STEPS && table.slicesLeft() > 1);
                MeasuredRun run = measuredRun(table, clock, engine);
                int steps = run.steps();
                double millis = run.millis();
                HeapUse heap = run.heap();
                double perStepMicros = millis * 1000 / steps;
                if (firstPerStep == null) {
                    firstPerStep = perStepMicros;
                }
                progress.accept(String.format(
                        "[scaling] %s due steps in %s (load average %.2f)",
                        Figures.count(steps), Figures.millis(millis), Machine.loadAverage()));
                t.row(
                        Figures.count(due),
                        Figures.millis(millis),
                        Figures.rate(steps * 1000 / millis),
                        String.format(
                                java.util.Locale.ROOT,
                                "%.0f µs (%.2fx the smallest's)",
                                perStepMicros,
                                perStepMicros / firstPerStep),
                        heap.figure(steps));
                db.closePools();
            }
        }
        t.note(String.format(
                java.util.Locale.ROOT,
                "Each size on its own embedded PostgreSQL, after warm-up runs of the same size (at least "
                        + Figures.count(WARM_UP_STEPS) + " steps); one measured run each, so"
                        + " a neighbour's build shows. Per step near 1.00x the smallest's means linear cost; heap in use after"
                        + " collections that does not grow with the steps means a bounded heap (the peak follows the JVM's"
                        + " heap sizing: it includes garbage not yet collected). Load average (`uptime`) %.2f at the"
                        + " start, %.2f at the end.",
                loadAtStart,
                Machine.loadAverage()));
        return t;
    }

    /** One run's steps, wall time and heap: the engine's {@code runOnce()} alone. */
    private record MeasuredRun(int steps, double millis, HeapUse heap) {}

    /**
     * Runs the engine over the next slice and checks it. Only {@code runOnce()} is timed and metered:
     * the slice's preparation (a {@code VACUUM ANALYZE} of the three tables, so that every run starts
     * alike) and the check afterwards read every row of the slice and took about a second whatever the
     * slice's size, which made the smallest run look four times as dear per step as the larger ones.
     */
    private static MeasuredRun measuredRun(TaskTable table, ManualClock clock, EscalationEngine engine)
            throws Exception {
        TaskTable.Slice slice = table.nextSlice();
        table.settle();
        clock.set(slice.dueAt());
        HeapUse.collectBeforeMeasuring();
        HeapUse.Meter meter = HeapUse.start();
        long start = System.nanoTime();
        RunReport report = engine.runOnce();
        double millis = (System.nanoTime() - start) / 1e6;
        HeapUse heap = meter.stop();
        if (report.warnings() != slice.size() || !report.failures().isEmpty()) {
            throw new IllegalStateException("expected " + slice.size() + " warnings, but the run applied "
                    + report.warnings() + " with failures " + report.failures());
        }
        table.verifyWarned(slice);
        return new MeasuredRun(report.warnings(), millis, heap);
    }
}
