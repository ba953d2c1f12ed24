package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.task.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a run reports: counts, SLA standing, and when the next work falls due. */
class EngineReportTest {

    private final EngineFixture world = new EngineFixture();
    /** Warning 22 h, reminder 25 h, level 1 at 24 h, level 2 at 32 h, re-escalations every 24 h from 56 h, twice. */
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .remindEvery(hours(3))
            .maxReminders(1)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), hours(8))
            .maxReEscalations(2)
            .build();

    private final EscalationEngine engine = world.engine(policy).build();

    @Test
    void the_next_due_instant_is_always_the_next_step_of_the_task() {
        world.open("PO-1");
        List<Duration> steps = List.of(hours(22), hours(24), hours(25), hours(32), hours(56), hours(80));

        Instant nextDue = engine.runOnce().nextDueAt().orElseThrow();
        for (Duration step : steps) {
            assertThat(nextDue).isEqualTo(START.plus(step));
            world.clock.set(nextDue);
            RunReport report = engine.runOnce();
            assertThat(report.stepsApplied()).as("steps at %s", step).isEqualTo(1);
            nextDue = report.nextDueAt().orElse(null);
        }
        assertThat(nextDue).isNull();
    }

    @Test
    void the_next_due_instant_is_the_earliest_over_all_tasks() {
        world.open("PO-1");
        world.clock.advance(hours(3));
        world.open("PO-2");

        assertThat(engine.runOnce().nextDueAt()).contains(START.plus(hours(22)));
    }

    @Test
    void the_next_due_instant_of_a_task_without_policy_is_after_the_retry_delay() {
        EscalationEngine engine = world.engine(policy)
                .policies(task -> Optional.empty())
                .retryDelay(minutes(7))
                .build();
        world.open("PO-1");

        assertThat(engine.runOnce().nextDueAt()).contains(START.plus(minutes(7)));
    }

    @Test
    void the_next_due_instant_is_empty_when_nothing_will_ever_fall_due() {
        world.open("PO-1");
        world.tasks.complete("PO-1");

        assertThat(engine.runOnce().nextDueAt()).isEmpty();
    }

    @Test
    void a_run_counts_what_it_did_by_kind_and_level() {
        for (int i = 1; i <= 4; i++) {
            world.open("PO-" + i);
        }
        world.tasks.open(NewTask.of("PO-old", "purchase-order", "Manager Approval", "alice", START.minus(hours(4))));
        world.at(hours(22));
        RunReport warnings = engine.runOnce();
        world.tasks.complete("PO-4");
        world.at(hours(24));

        RunReport report = engine.runOnce();

        assertThat(warnings.tasksChecked()).isEqualTo(5);
        assertThat(warnings.warnings()).isEqualTo(4);
        assertThat(warnings.escalationsByLevel()).containsEntry(1, 1);
        assertThat(warnings.breaches()).isEqualTo(1);
        assertThat(report.tasksChecked()).isEqualTo(3);
        assertThat(report.escalations()).isEqualTo(3);
        assertThat(report.escalationsByLevel()).containsExactly(Map.entry(1, 3));
        assertThat(report.breaches()).isEqualTo(3);
        assertThat(report.stepsApplied()).isEqualTo(3);
        assertThat(report.notificationsDelivered()).isEqualTo(6);
        assertThat(report.failures()).isEmpty();
        assertThat(report.startedAt()).isEqualTo(START.plus(hours(24)));
        assertThat(report.duration()).isZero();
    }

    @Test
    void a_run_reports_where_open_tasks_stand_against_their_sla() {
        world.open("PO-ok");
        world.tasks.open(NewTask.of("PO-near", "purchase-order", "Manager Approval", "alice", START.minus(hours(23))));
        world.tasks.open(NewTask.of("PO-late", "purchase-order", "Manager Approval", "alice", START.minus(hours(30))));
        world.open("PO-held");
        world.tasks.hold("PO-held");

        RunReport report = engine.runOnce();

        assertThat(report.slaCounts()).contains(new SlaCounts(4, 1, 1, 1));
    }

    @Test
    void a_run_without_sla_counting_reports_none() {
        EscalationEngine engine = world.engine(policy).countSla(false).build();
        world.open("PO-1");

        assertThat(engine.runOnce().slaCounts()).isEmpty();
    }

    @Test
    void a_run_stops_at_its_task_cap_says_so_and_leaves_the_rest_to_the_next_run() {
        EscalationEngine engine =
                world.engine(policy).batchSize(2).maxTasksPerRun(3).build();
        for (int i = 1; i <= 5; i++) {
            world.open("PO-" + i);
        }
        world.at(hours(22));

        RunReport capped = engine.runOnce();
        RunReport rest = engine.runOnce();

        assertThat(capped.tasksChecked()).isEqualTo(3);
        assertThat(capped.capped()).isTrue();
        assertThat(capped.nextDueAt()).hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(world.clock.now()));
        assertThat(rest.tasksChecked()).isEqualTo(2);
        assertThat(rest.capped()).isFalse();
    }

    @Test
    void an_engine_limited_to_tenants_handles_only_their_tasks() {
        EscalationEngine acme = world.engine(policy).tenants(Set.of("acme")).build();
        world.tasks.open(NewTask.of("PO-acme", "purchase-order", "Manager Approval", "alice", START)
                .withTenant("acme"));
        world.tasks.open(NewTask.of("PO-globex", "purchase-order", "Manager Approval", "alice", START)
                .withTenant("globex"));
        world.at(hours(22));

        RunReport report = acme.runOnce();

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(world.notifier.delivered())
                .singleElement()
                .satisfies(n -> assertThat(n.tenant()).contains("acme"));
        assertThat(world.task("PO-globex").escalation().warned()).isFalse();
    }

    @Test
    void every_run_has_its_own_id() {
        assertThat(engine.runOnce().runId()).isNotEqualTo(engine.runOnce().runId());
    }
}
