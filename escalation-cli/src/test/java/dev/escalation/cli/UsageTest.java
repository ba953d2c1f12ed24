package dev.escalation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.time.ManualClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, usage errors and connection failures: what a shell user sees before any data. */
class UsageTest {

    private final ManualClock machine = ManualClock.at("2026-01-06T08:00:00Z");

    @TempDir
    Path dir;

    private String missingDatabase() {
        return "jdbc:h2:file:" + dir.resolve("missing");
    }

    @Test
    void help_lists_the_commands_the_exit_codes_and_the_environment() {
        CliRun run = CliRun.of(machine, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: escalation [-hV] [--json] [--jdbc-url=URL]")
                .contains(
                        "  status         ",
                        "  breached       ",
                        "  explain        ",
                        "  audit          ",
                        "  redeliver      ",
                        "  pause-policy   ",
                        "  resume-policy  ",
                        "  report         ",
                        "  verify-audit   ")
                .contains(
                        "Exit codes:",
                        "  0   success",
                        "  1   a check failed: a broken audit chain, or a breach (--fail-on-breach)",
                        "  2   usage error: an unknown, missing or bad option",
                        "  3   cannot connect, or the database reported an error")
                .contains("ESCALATION_JDBC_URL");
    }

    @Test
    void a_commands_help_lists_its_options_and_the_exit_codes_too() {
        CliRun run = CliRun.of(machine, "verify-audit", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: escalation verify-audit", "--published-head=PLACE:HASH", "--jdbc-url=URL")
                .contains("Exit codes:", "  1   a check failed");
    }

    @Test
    void an_unknown_option_is_a_usage_error_with_exit_code_2() {
        CliRun run = CliRun.of(machine, "status", "--colour", "blue", "--jdbc-url", missingDatabase());

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("Unknown options: '--colour', 'blue'", "Usage: escalation status");
    }

    @Test
    void no_command_is_a_usage_error() {
        CliRun run = CliRun.of(machine, "--jdbc-url", missingDatabase());

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("Missing required command", "Commands:");
    }

    @Test
    void without_a_jdbc_url_the_error_names_the_option_and_the_variable() {
        CliRun run = CliRun.of(machine, "status");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("Missing required option: '--jdbc-url=URL' (or ESCALATION_JDBC_URL)");
    }

    @Test
    void a_bad_table_prefix_is_a_usage_error_that_names_the_value() {
        CliRun run = CliRun.of(machine, "status", "--jdbc-url", missingDatabase(), "--table-prefix", "Bad-");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err())
                .contains("Invalid value for option '--table-prefix': tablePrefix must be a plain SQL identifier")
                .contains("but was 'Bad-'");
    }

    @Test
    void a_published_head_without_its_chain_or_tenant_is_a_usage_error_that_asks_for_the_chain() {
        CliRun run = CliRun.of(
                machine, "verify-audit", "--jdbc-url", missingDatabase(), "--published-head", "12:" + "a".repeat(64));

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("Missing option '--chain' for '--published-head'", "e.g. global:3/16");
    }

    @Test
    void a_published_head_that_is_no_place_and_hash_is_a_usage_error() {
        CliRun run = CliRun.of(
                machine, "verify-audit", "--jdbc-url", missingDatabase(), "--published-head", "12:not-a-hash");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("must be PLACE:HASH", "but was '12:not-a-hash'");
    }

    @Test
    void an_h2_file_that_does_not_exist_is_not_created_and_exits_with_3() {
        CliRun run = CliRun.of(machine, "status", "--jdbc-url", missingDatabase());

        assertThat(run.exitCode()).isEqualTo(EscalationCli.DATABASE_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("error: cannot connect to " + missingDatabase())
                .contains("not found");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void a_server_that_does_not_answer_exits_with_3_and_never_prints_the_password() {
        CliRun run = CliRun.of(
                machine, "verify-audit", "--jdbc-url", "jdbc:postgresql://localhost:1/approvals?password=s3cret");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.DATABASE_ERROR);
        assertThat(run.err())
                .startsWith("error: cannot connect to jdbc:postgresql://localhost:1/approvals?password=***")
                .doesNotContain("s3cret");
    }

    @Test
    void the_environment_supplies_the_jdbc_url() {
        CliRun run = CliRun.of(machine, Map.of("ESCALATION_JDBC_URL", missingDatabase()), "audit", "--task", "PO-1");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.DATABASE_ERROR);
        assertThat(run.err()).startsWith("error: cannot connect to " + missingDatabase());
    }
}
