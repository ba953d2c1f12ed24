package dev.escalation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.benchmarks.jdbc.Durability;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteOptionsTest {

    private static final Path BESIDE_THE_JAR = Path.of("target", "benchmarks.md");

    @Test
    void without_options_everything_runs_at_full_size() {
        SuiteOptions options = SuiteOptions.parse(List.of(), BESIDE_THE_JAR);

        assertThat(options.core()).isTrue();
        assertThat(options.durabilities()).containsExactly(Durability.EMBEDDED_DEFAULTS, Durability.DURABLE);
        assertThat(options.sizes().openTasks()).isEqualTo(1_000_000);
        assertThat(options.sizes().dueSteps()).isEqualTo(10_000);
        assertThat(options.sizes().rounds()).isEqualTo(4);
        assertThat(options.statementStatistics()).isFalse();
        assertThat(options.importAndIdle()).isTrue();
        assertThat(options.output()).isEqualTo(BESIDE_THE_JAR);
    }

    @Test
    void no_import_skips_the_idle_runs_and_the_bulk_import_but_not_the_rest_of_the_jdbc_harness() {
        SuiteOptions options = SuiteOptions.parse(List.of("--no-import"), BESIDE_THE_JAR);

        assertThat(options.importAndIdle()).isFalse();
        assertThat(options.durabilities()).isNotEmpty();
        assertThat(options.scaling()).isTrue();
    }

    @Test
    void only_jdbc_with_durable_commits_and_smaller_sizes() {
        SuiteOptions options = SuiteOptions.parse(
                List.of(
                        "--only",
                        "jdbc",
                        "--durability",
                        "durable",
                        "--open-tasks",
                        "200_000",
                        "--due",
                        "5,000",
                        "--rounds",
                        "1",
                        "--statements",
                        "--out",
                        "x.md"),
                BESIDE_THE_JAR);

        assertThat(options.core()).isFalse();
        assertThat(options.durabilities()).containsExactly(Durability.DURABLE);
        assertThat(options.sizes().openTasks()).isEqualTo(200_000);
        assertThat(options.sizes().dueSteps()).isEqualTo(5_000);
        assertThat(options.statementStatistics()).isTrue();
        assertThat(options.output()).isEqualTo(Path.of("x.md"));
    }

    @Test
    void only_core_runs_no_jdbc_figures() {
        SuiteOptions options = SuiteOptions.parse(List.of("--only", "core"), BESIDE_THE_JAR);

        assertThat(options.durabilities()).isEmpty();
        assertThat(options.importAndIdle()).isFalse();
    }

    @Test
    void a_bad_value_is_refused_with_the_option_and_the_value() {
        assertThatThrownBy(() -> SuiteOptions.parse(List.of("--due", "many"), BESIDE_THE_JAR))
                .hasMessage("--due must be a positive number, but was many");
        assertThatThrownBy(() -> SuiteOptions.parse(List.of("--durability", "sometimes"), BESIDE_THE_JAR))
                .hasMessage("--durability must be defaults, durable or both, but was sometimes");
        assertThatThrownBy(() -> SuiteOptions.parse(List.of("--fast"), BESIDE_THE_JAR))
                .hasMessage("unknown option --fast");
    }

    @Test
    void more_due_steps_than_the_runs_can_take_from_the_open_tasks_is_refused() {
        assertThatThrownBy(() -> SuiteOptions.parse(List.of("--open-tasks", "1000", "--due", "100"), BESIDE_THE_JAR))
                .hasMessage(
                        "dueSteps must lie in 1..50 for 1000 open tasks and 4 rounds (each run needs its own due tasks), but was 100");
    }

    @Test
    void more_rounds_than_the_table_has_slices_for_after_the_warm_up_round_are_refused() {
        assertThatThrownBy(() -> SuiteOptions.parse(List.of("--rounds", "5"), BESIDE_THE_JAR))
                .hasMessage("rounds must lie in 1..4, but was 5");
    }
}
