package dev.escalation.benchmarks.core;

import dev.escalation.core.RunReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code runOnce()} over the in-memory repository with {@link #openTasks} open tasks, of which
 * about {@link #duePerRun} fall due between two runs (see {@link SteadyWorld}). The primary score
 * is runs per second; the {@code steps} counter is steps applied per second.
 *
 * <p>{@code countSla=true} adds the in-memory repository's SLA counts to every run, which walk
 * every open task: the one part of a run whose cost grows with the open tasks rather than with
 * the due ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RunOnceBenchmark {

    @Param("100000")
    public int openTasks;

    @Param("1000")
    public int duePerRun;

    @Param({"false", "true"})
    public boolean countSla;

    private SteadyWorld world;

    /** A fresh world per iteration, so the outbox an iteration fills does not slow the next one down. */
    @Setup(Level.Iteration)
    public void openTasks() {
        world = new SteadyWorld(openTasks, duePerRun, countSla);
    }

    @Benchmark
    public RunReport runOnce(StepCounter counter) {
        RunReport report = world.nextRun();
        counter.steps += report.stepsApplied();
        return report;
    }

    /** Steps applied, reported by JMH as a rate beside the runs per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class StepCounter {
        public long steps;

        @Setup(Level.Iteration)
        public void reset() {
            steps = 0;
        }
    }
}
