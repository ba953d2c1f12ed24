package dev.escalation.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int demo(String... args) throws Exception {
        return Demo.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    /** 40 tasks over a week, into {@code out}, on {@code database}. */
    private static String[] smallRun(Path out, String database, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--tasks", "40", "--days", "7", "--seed", "5", "--out", out.toString(), "--jdbc-url", database));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** What the demo printed since the last call. */
    private String console() {
        String printed = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return printed;
    }

    @Test
    void a_small_run_prints_the_timeline_table_and_figures_and_writes_its_files(@TempDir Path dir) throws Exception {
        int status = demo(
                "--tasks",
                "60",
                "--days",
                "10",
                "--seed",
                "3",
                "--out",
                dir.toString(),
                "--jdbc-url",
                "jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1");

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(console)
                .contains("Timeline", "ESCALATED", "Outcome per stage", "contract / Legal Sign-off", "Run figures");
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{\"id\""));
        assertThat(Files.readString(dir.resolve("metrics.prom"))).contains("escalation_steps_total");
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<svg", "<polyline")
                .doesNotContain("<script");
    }

    @Test
    void with_reset_the_same_simulation_runs_twice_on_the_same_database(@TempDir Path dir) throws Exception {
        String database = "jdbc:h2:file:" + dir.resolve("demo-db");

        int first = demo(smallRun(dir.resolve("first"), database, "--reset"));
        String firstConsole = console();
        int second = demo(smallRun(dir.resolve("second"), database, "--reset"));

        assertThat(first).isZero();
        assertThat(firstConsole).contains("Tables: escalation_demo_* (made anew by --reset; they held 0 tasks)");
        assertThat(second).isZero();
        assertThat(console()).contains("Tables: escalation_demo_* (made anew by --reset; they held 40 tasks)");
        assertThat(Files.readAllLines(dir.resolve("second/audit.jsonl")))
                .hasSameSizeAs(Files.readAllLines(dir.resolve("first/audit.jsonl")));
    }

    @Test
    void without_reset_a_second_run_on_the_same_database_stops_and_names_the_option(@TempDir Path dir)
            throws Exception {
        String database = "jdbc:h2:file:" + dir.resolve("demo-db");
        demo(smallRun(dir.resolve("first"), database));
        assertThat(console()).contains("Tables: escalation_demo_* (created)");

        int status = demo(smallRun(dir.resolve("second"), database));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("escalation_demo_task already holds 40 tasks from an earlier run; run again with --reset");
        assertThat(dir.resolve("second")).doesNotExist();
    }

    @Test
    void an_unknown_option_prints_usage_and_exits_with_2() throws Exception {
        int status = demo("--colour", "blue");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour", "usage: demo");
    }

    @Test
    void a_number_out_of_range_names_the_option_and_the_value() throws Exception {
        int status = demo("--tasks", "0");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tasks must be between 1 and 100000, but was 0");
    }
}
