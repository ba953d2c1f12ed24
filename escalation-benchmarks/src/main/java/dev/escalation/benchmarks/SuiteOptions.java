package dev.escalation.benchmarks;

import dev.escalation.benchmarks.jdbc.Durability;
import dev.escalation.benchmarks.jdbc.ImportAndIdle;
import dev.escalation.benchmarks.jdbc.JdbcBenchmarks;
import dev.escalation.benchmarks.jdbc.ScalingProbe;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link BenchmarkSuite} runs, from its command line. Defaults: everything, at full size.
 *
 * @param core        whether to run the JMH benchmarks of the core
 * @param durabilities the PostgreSQL settings to run the JDBC figures with; empty for none
 * @param sizes       the JDBC figures' table size, due steps per run and rounds
 * @param statementStatistics whether to print, per measured JDBC run, the statements PostgreSQL spent its time on
 * @param scaling     whether to measure one engine's run at 1,000, 10,000 and 100,000 due steps ({@link ScalingProbe})
 * @param importAndIdle whether to measure idle runs on the one-minute schedule and a bulk import at the open-task
 *                    count ({@link ImportAndIdle})
 * @param output      where the Markdown report goes (besides the console)
 */
public record SuiteOptions(
        boolean core,
        Set<Durability> durabilities,
        JdbcBenchmarks.Sizes sizes,
        boolean statementStatistics,
        boolean scaling,
        boolean importAndIdle,
        Path output) {

    static final String USAGE = """
            java -jar escalation-benchmarks/target/benchmarks.jar [options]
              --only core|jdbc        run only the JMH core benchmarks, or only the JDBC harness (default: both)
              --durability defaults|durable|both   PostgreSQL commit settings for the JDBC harness (default: both)
              --open-tasks N          open tasks in the JDBC table (default 1000000)
              --due N                 due steps per measured JDBC run (default 10000)
              --rounds N              interleaved rounds of the JDBC scenarios after a warm-up round, 1..4 (default 4)
              --no-scaling            skip the JDBC run at 1,000, 10,000 and 100,000 due steps (cost and heap by size)
              --no-import             skip the idle runs on the one-minute schedule and the bulk import at the open-task count
              --statements            print each measured JDBC run's statements with PostgreSQL's time for them (pg_stat_statements)
              --out FILE              the Markdown report (default: benchmarks.md beside the jar)
              --help\
            """;

    /**
     * @throws IllegalArgumentException naming the option and the value when one is bad
     */
    static SuiteOptions parse(List<String> args, Path defaultOutput) {
        boolean core = true;
        boolean jdbc = true;
        Set<Durability> durabilities = EnumSet.allOf(Durability.class);
        int open = 1_000_000;
        int due = 10_000;
        int rounds = 4;
        boolean statements = false;
        boolean scaling = true;
        boolean importAndIdle = true;
        Path output = defaultOutput;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (option) {
                case "--only" -> {
                    core = "core".equals(value);
                    jdbc = "jdbc".equals(value);
                    if (!core && !jdbc) {
                        throw new IllegalArgumentException("--only must be core or jdbc, but was " + value);
                    }
                    i++;
                }
                case "--durability" -> {
                    durabilities = switch (value == null ? "" : value) {
                        case "defaults" -> EnumSet.of(Durability.EMBEDDED_DEFAULTS);
                        case "durable" -> EnumSet.of(Durability.DURABLE);
                        case "both" -> EnumSet.allOf(Durability.class);
                        default ->
                            throw new IllegalArgumentException(
                                    "--durability must be defaults, durable or both, but was " + value);
                    };
                    i++;
                }
                case "--open-tasks" -> {
                    open = positive(option, value);
                    i++;
                }
                case "--due" -> {
                    due = positive(option, value);
                    i++;
                }
                case "--rounds" -> {
                    rounds = positive(option, value);
                    i++;
                }
                case "--statements" -> statements = true;
                case "--no-scaling" -> scaling = false;
                case "--no-import" -> importAndIdle = false;
                case "--out" -> {
                    if (value == null) {
                        throw new IllegalArgumentException("--out needs a file name");
                    }
                    output = Path.of(value);
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new SuiteOptions(
                core,
                jdbc ? durabilities : EnumSet.noneOf(Durability.class),
                new JdbcBenchmarks.Sizes(open, due, rounds),
                statements,
                jdbc && scaling,
                jdbc && importAndIdle,
                output);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.replace("_", "").replace(",", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(option + " must be a positive number, but was " + value);
    }
}
