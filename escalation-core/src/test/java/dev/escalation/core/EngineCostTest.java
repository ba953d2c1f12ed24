package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's work grows with what is due, not with how many tasks are open: the engine touches only
 * the tasks the repository hands it as due. Measured by counting, never by timing.
 */
class EngineCostTest {

    private static final int OPEN_TASKS = 2_000;

    private final EngineFixture world = new EngineFixture();
    private final InstrumentedRepository repository = new InstrumentedRepository(world.tasks);
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final EscalationEngine engine = world.engine(policy)
            .repository(repository)
            .batchSize(100)
            .countSla(false)
            .build();

    @BeforeEach
    void manyTasksThatAreNotDue() {
        for (int i = 0; i < OPEN_TASKS; i++) {
            world.open("PO-" + i);
        }
        engine.runOnce();
        repository.resetCounts();
    }

    @Test
    void a_run_with_nothing_due_reads_no_task() {
        world.at(hours(1));

        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isZero();
        assertThat(repository.tasksClaimed).hasValue(0);
        // It asks when work falls due, and claims nothing: nothing is due before then.
        assertThat(repository.claimCalls).hasValue(0);
        assertThat(repository.recordCalls).hasValue(0);
    }

    @Test
    void a_run_touches_only_the_tasks_that_are_due() {
        world.at(hours(1));
        for (int i = 0; i < 7; i++) {
            world.tasks.open(
                    NewTask.of("PO-late-" + i, "purchase-order", "Manager Approval", "alice", START.minus(hours(30))));
        }

        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isEqualTo(7);
        assertThat(report.escalations()).isEqualTo(7);
        assertThat(repository.tasksClaimed).hasValue(7);
        assertThat(repository.transitionsRecorded).hasValue(7);
        assertThat(repository.claimCalls).hasValue(2);
    }

    @Test
    void due_work_is_claimed_in_batches_and_each_task_once_per_run() {
        world.at(hours(22));

        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isEqualTo(OPEN_TASKS);
        assertThat(repository.tasksClaimed).hasValue(OPEN_TASKS);
        assertThat(repository.recordCalls).hasValue(OPEN_TASKS / 100);
        assertThat(repository.claimCalls).hasValue(OPEN_TASKS / 100 + 1);

        world.at(hours(22).plus(minutes(1)));
        repository.resetCounts();
        assertThat(engine.runOnce().tasksChecked()).isZero();
        assertThat(repository.tasksClaimed).hasValue(0);
    }
}
