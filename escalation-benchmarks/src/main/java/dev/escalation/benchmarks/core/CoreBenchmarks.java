package dev.escalation.benchmarks.core;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Table;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of the core with short, explicit settings (one fork, {@value #WARMUPS}
 * one-second warm-up and {@value #MEASUREMENTS} one-second measurement iterations, one thread) and
 * turns the results into the report's table. JMH forks its JVMs from this JVM's class path, so run
 * it from the benchmarks jar.
 */
public final class CoreBenchmarks {

    static final int WARMUPS = 3;
    static final int MEASUREMENTS = 5;
    /** Evaluation target: tasks per second on one core. */
    static final double EVALUATION_TARGET = 5_000_000;

    private CoreBenchmarks() {
    }

    public static Table run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(SlaEvaluationBenchmark.class.getName())
                .include(BusinessCalendarBenchmark.class.getName())
                .include(RunOnceBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(WARMUPS).warmupTime(TimeValue.seconds(1))
                .measurementIterations(MEASUREMENTS).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        return table(new Runner(options).run());
    }

    static Table table(Collection<RunResult> results) {
        Table table = new Table("Core (JMH, in memory, one thread)", "benchmark", "result", "target");
        List<RunResult> sorted = results.stream().sorted(Comparator.comparing(r -> r.getParams().id())).toList();
        for (RunResult result : sorted) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Result<?> primary = result.getPrimaryResult();
            double score = primary.getScore();
            if (benchmark.startsWith(SlaEvaluationBenchmark.class.getName())) {
                String target = method.equals("planInBusinessTime") ? "-"
                        : "&ge; 5 M tasks/s per core: " + Figures.verdict(score >= EVALUATION_TARGET);
                table.row(evaluationLabel(method), Figures.rate(score) + " tasks " + error(primary), target);
            } else if (benchmark.startsWith(BusinessCalendarBenchmark.class.getName())) {
                table.row(calendarLabel(method), Figures.rate(score) + " " + error(primary), "-");
            } else {
                double steps = result.getSecondaryResults().get("steps").getScore();
                String params = result.getParams().getParam("openTasks") + " open, ~" + result.getParams().getParam("duePerRun")
                        + " due per run, SLA counts " + ("true".equals(result.getParams().getParam("countSla")) ? "on" : "off");
                table.row("`runOnce()`, in-memory repository (" + params + ")",
                        Figures.millis(1000 / score) + " per run, " + Figures.rate(steps) + " steps", "-");
            }
        }
        table.note(String.format(Locale.ROOT, "JMH 1.37, 1 fork, %d x 1 s warm-up, %d x 1 s measurement; +- is the 99.9%% confidence "
                + "half-width. Workloads: `dev.escalation.benchmarks.core.Workloads`, `SteadyWorld`.", WARMUPS, MEASUREMENTS));
        return table;
    }

    private static String error(Result<?> result) {
        double error = result.getScoreError();
        return Double.isNaN(error) ? "" : String.format(Locale.ROOT, "(+- %.0f%%)", 100 * error / result.getScore());
    }

    private static String evaluationLabel(String method) {
        return switch (method) {
            case "assess" -> "SLA evaluation per task, `SlaEvaluator.assess` (24/7 policy)";
            case "plan" -> "SLA evaluation per task, the engine's `StepPlanner.plan` (24/7 policy)";
            case "planInBusinessTime" -> "`StepPlanner.plan`, policy in business time (Berlin office calendar)";
            default -> method;
        };
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
