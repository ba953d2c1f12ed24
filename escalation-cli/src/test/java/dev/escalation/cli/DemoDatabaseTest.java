package dev.escalation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.time.ManualClock;
import dev.escalation.examples.demo.Demo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's promise: after the demo, the tool opens its database with the command the demo printed. */
class DemoDatabaseTest {

    private static final Pattern HINT =
            Pattern.compile("java -jar escalation-cli/target/escalation-cli.jar (status --jdbc-url (\\S+) .*)");

    @TempDir
    Path dir;

    @Test
    void the_tool_runs_against_the_demos_database_with_the_command_the_demo_prints() throws Exception {
        String printed = demo("--tasks", "40", "--days", "7", "--seed", "5", "--out", dir.toString());
        Matcher hint = HINT.matcher(printed);
        assertThat(hint.find())
                .as("the demo prints the tool's command line:%n%s", printed)
                .isTrue();
        ManualClock machine = ManualClock.at("2026-12-07T00:00:00Z");

        CliRun status = CliRun.of(machine, hint.group(1).split(" "));
        CliRun verify =
                CliRun.of(machine, "verify-audit", "--jdbc-url", hint.group(2), "--table-prefix", "escalation_demo_");

        assertThat(hint.group(2))
                .isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("escalation"));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("Tasks open or on hold", "breached", "Next due");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).matches("(?s)global:\\d+/16: intact, .* 0 broken\n");
    }

    /** Runs the demo's main and returns what it printed. */
    private static String demo(String... args) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Demo.main(args);
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
