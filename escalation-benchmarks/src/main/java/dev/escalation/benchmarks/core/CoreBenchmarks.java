package dev.escalation.benchmarks.core;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Table;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the JMH benchmarks of the core with short, explicit settings (one fork, {@value #WARMUPS}
 * one-second warm-up and {@value #MEASUREMENTS} one-second measurement iterations, one thread) and
 * turns the results into the report's table. JMH forks its JVMs from this JVM's class path, so run
 * it from the benchmarks jar.
 */
public final class CoreBenchmarks {

    static final int WARMUPS = 3;
    static final int MEASUREMENTS = 8;
    /** Evaluation target: tasks per second on one core. */
    static final double EVALUATION_TARGET = 5_000_000;

    private CoreBenchmarks() {}

    public static Table run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(SlaEvaluationBenchmark.class.getName())
                .include(BusinessCalendarBenchmark.class.getName())
                .include(RunOnceBenchmark.class.getName())
                .include(PolicyRegistryBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(WARMUPS)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(MEASUREMENTS)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        return table(new Runner(options).run());
    }

    static Table table(Collection<RunResult> results) {
        Table table = new Table("Core (JMH, in memory, one thread)", "benchmark", "result", "target");
        List<RunResult> sorted = results.stream()
                .sorted(Comparator.comparing(r -> r.getParams().id()))
                .toList();
        for (RunResult result : sorted) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Statistics primary = result.getPrimaryResult().getStatistics();
            double median = primary.getPercentile(50);
            if (benchmark.startsWith(SlaEvaluationBenchmark.class.getName())) {
                String target = method.equals("planInBusinessTime")
                        ? "-"
                        : "&ge; 5 M tasks/s per core: " + Figures.verdict(median >= EVALUATION_TARGET);
                table.row(evaluationLabel(method), Figures.rate(median) + " tasks " + range(primary), target);
            } else if (benchmark.startsWith(PolicyRegistryBenchmark.class.getName())) {
                table.row(registryLabel(method), registryFigure(method, primary), "-");
            } else if (benchmark.startsWith(BusinessCalendarBenchmark.class.getName())) {
                table.row(calendarLabel(method), Figures.rate(median) + " " + range(primary), "-");
            } else {
                Statistics steps = result.getSecondaryResults().get("steps").getStatistics();
                String params = Figures.count(Long.parseLong(result.getParams().getParam("openTasks"))) + " open, ~"
                        + Figures.count(Long.parseLong(result.getParams().getParam("duePerRun")))
                        + " due per run, SLA counts "
                        + ("true".equals(result.getParams().getParam("countSla")) ? "on" : "off");
                table.row(
                        "`runOnce()`, in-memory repository (" + params + ")",
                        Figures.millis(1000 / median) + " per run, " + Figures.rate(steps.getPercentile(50)) + " steps "
                                + range(steps),
                        "-");
            }
        }
        table.note(String.format(
                Locale.ROOT,
                "JMH 1.37, 1 fork, %d x 1 s warm-up, %d x 1 s measurement; each figure is the median of the"
                        + " measurement iterations, with their range in brackets. Workloads: `dev.escalation.benchmarks.core.Workloads`,"
                        + " `SteadyWorld`.",
                WARMUPS,
                MEASUREMENTS));
        return table;
    }

    /** "(6.91 M/s - 7.80 M/s)": the slowest and the fastest iteration, so that a noisy neighbour shows. */
    private static String range(Statistics statistics) {
        return "(" + Figures.rate(statistics.getMin()) + " - " + Figures.rate(statistics.getMax()) + ")";
    }

    private static String evaluationLabel(String method) {
        return switch (method) {
            case "assess" -> "SLA evaluation per task, `SlaEvaluator.assess` (24/7 policy)";
            case "plan" -> "SLA evaluation per task, the engine's `StepPlanner.plan` (24/7 policy)";
            case "planInBusinessTime" -> "`StepPlanner.plan`, policy in business time (Berlin office calendar)";
            default -> method;
        };
    }

    private static String registryLabel(String method) {
        String definitions = Figures.count(PolicyRegistryBenchmark.DEFINITIONS);
        return switch (method) {
            case "load" -> "`PolicyRegistry`: read " + definitions + " JSON definitions and build the registry";
            case "policyFor" -> "`PolicyRegistry.policyFor` among " + definitions + " policies";
            default -> method;
        };
    }

    /** A load is timed once per iteration (milliseconds); lookups are a rate. */
    private static String registryFigure(String method, Statistics primary) {
        if (method.equals("load")) {
            return Figures.millis(primary.getPercentile(50)) + " per load (" + Figures.millis(primary.getMin()) + " - "
                    + Figures.millis(primary.getMax()) + ")";
        }
        return Figures.rate(primary.getPercentile(50)) + " lookups " + range(primary);
    }

    private static String calendarLabel(String method) {
        return switch (method) {
            case "plusThirtyBusinessDays" -> "`BusinessCalendar.plus`, 30-business-day SLA with holidays";
            case "minusThirtyBusinessDays" -> "`BusinessCalendar.minus`, 30 business days";
            case "betweenStartAndDeadline" -> "`BusinessCalendar.between`, 30 business days";
            case "plusTenBusinessYears" -> "`BusinessCalendar.plus`, 10 business years";
            default -> method;
        };
    }
}
