package dev.escalation.benchmarks;

import dev.escalation.benchmarks.core.CoreBenchmarks;
import dev.escalation.benchmarks.jdbc.Durability;
import dev.escalation.benchmarks.jdbc.ImportAndIdle;
import dev.escalation.benchmarks.jdbc.JdbcBenchmarks;
import dev.escalation.benchmarks.jdbc.ScalingProbe;
import dev.escalation.core.time.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the whole benchmark suite - the core's JMH benchmarks, then the JDBC harness with the
 * embedded defaults and with durable commits, the run by due steps, then the idle runs and the bulk
 * import at the open-task count - and writes one Markdown table to the console and to
 * a file ({@code benchmarks.md} beside the jar unless {@code --out} says otherwise):
 *
 * <pre>
 * mvn -B -q -pl escalation-benchmarks -am package -DskipTests
 * java -jar escalation-benchmarks/target/benchmarks.jar [--help]
 * </pre>
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(SuiteOptions.USAGE);
            return;
        }
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(List.of(args), besideTheJar());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + SuiteOptions.USAGE);
            System.exit(2);
            return;
        }
        String report = run(options);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(options.output().toAbsolutePath().getParent());
        Files.writeString(options.output(), report, StandardCharsets.UTF_8);
        System.out.println("written to " + options.output().toAbsolutePath().normalize());
    }

    static String run(SuiteOptions options) throws Exception {
        long start = System.nanoTime();
        String machine = Machine.describe();
        double loadAtStart = Machine.loadAverage();
        List<Table> tables = new ArrayList<>();
        if (options.core()) {
            tables.add(CoreBenchmarks.run());
        }
        for (Durability durability : options.durabilities()) {
            tables.add(JdbcBenchmarks.run(
                    durability, options.sizes(), options.statementStatistics(), System.out::println));
        }
        if (options.scaling()) {
            List<Integer> sizes = ScalingProbe.SIZES;
            tables.add(ScalingProbe.run(sizes, 2 * sizes.get(sizes.size() - 1), System.out::println));
        }
        if (options.importAndIdle()) {
            tables.add(ImportAndIdle.run(options.sizes().openTasks(), System.out::println));
        }
        StringBuilder report = new StringBuilder("# Benchmark figures\n\n");
        report.append(String.format(
                Locale.ROOT,
                "Measured %s on %s. Load average %.2f at the start, %.2f at the end; the suite took %.1f min.%n%n",
                Clock.system().now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                machine,
                loadAtStart,
                Machine.loadAverage(),
                (System.nanoTime() - start) / 60e9));
        for (Table table : tables) {
            report.append(table.markdown()).append('\n');
        }
        return report.toString();
    }

    /** {@code target/benchmarks.md} when run from {@code target/benchmarks.jar}, else the working directory's. */
    private static Path besideTheJar() {
        try {
            Path location = Path.of(BenchmarkSuite.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return (Files.isRegularFile(location) ? location.getParent() : Path.of("")).resolve("benchmarks.md");
        } catch (Exception e) {
            return Path.of("benchmarks.md");
        }
    }
}
