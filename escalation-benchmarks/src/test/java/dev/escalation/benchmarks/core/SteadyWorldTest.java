package dev.escalation.benchmarks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.RunReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory runOnce benchmark measures what it says: the same number of due steps in every run. */
class SteadyWorldTest {

    @Test
    void every_run_finds_the_same_number_of_steps_due_through_warnings_reminders_and_escalations() {
        SteadyWorld world = new SteadyWorld(1_000, 10, false);

        // 250 runs, 36 s apart: 2.5 h, through every task's deadline (escalation level 1) and on.
        for (int run = 0; run < 250; run++) {
            RunReport report = world.nextRun();

            assertThat(report.stepsApplied()).as("steps of run %d", run).isEqualTo(10);
            assertThat(report.failures()).isEmpty();
        }
        assertThat(world.runInterval()).isEqualTo(Duration.ofSeconds(36));
    }

    @Test
    void the_runs_escalate_as_well_as_remind() {
        SteadyWorld world = new SteadyWorld(1_000, 10, true);
        int escalations = 0;
        int reminders = 0;

        for (int run = 0; run < 250; run++) {
            RunReport report = world.nextRun();
            escalations += report.escalations();
            reminders += report.reminders();
            assertThat(report.slaCounts()).isPresent();
        }

        assertThat(escalations).isEqualTo(1_000);
        assertThat(reminders).isEqualTo(2_500 - 1_000);
        // The first run's warnings, each reminder, and two per escalation: the new assignee and the previous one.
        assertThat(world.notificationsSent()).isEqualTo(1_000 + 1_500 + 2 * 1_000);
    }

    @Test
    void more_due_per_run_than_open_tasks_is_refused_with_both_numbers() {
        assertThatThrownBy(() -> new SteadyWorld(100, 101, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duePerRun must lie in 1..100, but was 101");
    }
}
