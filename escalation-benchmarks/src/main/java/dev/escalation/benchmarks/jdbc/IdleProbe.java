package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Figures;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of a run with nothing due among all the open tasks, three ways: without SLA counts;
 * with the engine's and the store's defaults - counts at most a minute old ({@code slaCountsMaxAge})
 * - and a run every 10 s, so one run in six counts; and with counts on every run.
 * Each run is checked to have found nothing to do.
 */
final class IdleProbe {

    static final int RUNS = 25;
    static final int COUNTING_RUNS = 5;

    private final BenchmarkDatabase db;
    private final ManualClock clock;
    private final AtomicLong delivered = new AtomicLong();

    IdleProbe(BenchmarkDatabase db, ManualClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Milliseconds per run of each variant. */
    record Result(List<Double> countsOff, List<Double> countsCached, List<Double> countsEveryRun) {}

    /** Measures with {@code countsOff}, an engine that does not count, then with two that do. */
    Result measure(EscalationEngine countsOff) {
        List<Double> off = runs(countsOff, RUNS, Duration.ZERO);
        List<Double> cached = runs(
                JdbcWorkload.countingEngine(JdbcWorkload.store(db.pool(2), clock), delivered),
                RUNS,
                Duration.ofSeconds(10));
        JdbcEscalationStore countsEveryCall = JdbcEscalationStore.builder(db.pool(2))
                .clock(clock)
                .dialect(SqlDialect.POSTGRESQL)
                .slaCountsMaxAge(Duration.ZERO)
                .build();
        List<Double> everyRun =
                runs(JdbcWorkload.countingEngine(countsEveryCall, delivered), COUNTING_RUNS, Duration.ZERO);
        return new Result(off, cached, everyRun);
    }

    /** "median 1.1 ms, max 28.8 ms (25 runs)". */
    static String figure(List<Double> millis) {
        return "median " + Figures.millis(Figures.median(millis)) + ", max " + Figures.millis(Collections.max(millis))
                + " (" + millis.size() + " runs)";
    }

    private List<Double> runs(EscalationEngine engine, int runs, Duration every) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            clock.advance(every);
            long start = System.nanoTime();
            RunReport report = engine.runOnce();
            millis.add((System.nanoTime() - start) / 1e6);
            if (report.tasksChecked() != 0 || report.notificationsDelivered() != 0) {
                throw new IllegalStateException(
                        "the idle probe expected nothing due, but the run checked " + report.tasksChecked()
                                + " tasks and delivered " + report.notificationsDelivered() + " notifications");
            }
        }
        return millis;
    }
}
