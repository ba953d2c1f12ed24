package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.Attention;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recording transitions: a compare-and-swap on the version that applies only to open tasks, bumps
 * the version, releases the claim and sets the next check.
 */
abstract class RecordingTransitionsContract extends ContractSupport {

    @Test
    void applies_a_transition_at_the_expected_version_and_bumps_the_version() {
        WorkflowTask task = open("PO-1");
        EscalationState state = escalated(task, 1, START.plus(Duration.ofHours(24)));

        List<String> applied = repository.record(scope(), List.of(transition(task, "dora", state, List.of())));

        assertThat(applied).containsExactly("PO-1");
        WorkflowTask stored = store.find("PO-1").orElseThrow();
        assertThat(stored.version()).isEqualTo(task.version() + 1);
        assertThat(stored.assignee()).isEqualTo("dora");
        assertThat(stored.escalation()).isEqualTo(state);
    }

    @Test
    void keeps_how_many_warning_thresholds_a_task_has_had() {
        WorkflowTask task = open("PO-1");
        EscalationState s = task.escalation();
        // A policy with several warning thresholds (issue 20): the third was applied; a store that kept
        // only "warned" would send the second and third again.
        EscalationState warnedThrice = new EscalationState(
                s.cycle(),
                Optional.of(clock.now()),
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.of(START.plus(Duration.ofHours(4))),
                Optional.of(START.plus(Duration.ofHours(8))),
                Optional.of(START.plus(Duration.ofHours(8))),
                Optional.empty(),
                Attention.NONE,
                3);

        record(transition(task, task.assignee(), warnedThrice, List.of()));

        assertThat(store.find("PO-1").orElseThrow().escalation().warningsSent()).isEqualTo(3);
    }

    @Test
    void rejects_a_transition_planned_on_a_stale_version() {
        WorkflowTask task = open("PO-1");
        store.changePriority("PO-1", "P1");
        WorkflowTask changed = store.find("PO-1").orElseThrow();

        List<String> applied =
                repository.record(scope(), List.of(transition(task, "dora", escalated(task, 1, START), List.of())));

        assertThat(applied).isEmpty();
        assertThat(store.find("PO-1")).contains(changed);
    }

    @Test
    void a_second_transition_from_the_same_version_loses_the_race() {
        WorkflowTask task = open("PO-1");
        record(transition(task, "dora", escalated(task, 1, START), List.of()));

        List<String> applied =
                repository.record(scope(), List.of(transition(task, "erin", escalated(task, 1, START), List.of())));

        assertThat(applied).isEmpty();
        assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
    }

    @Test
    void rejects_a_transition_for_a_completed_task() {
        WorkflowTask task = open("PO-1");
        WorkflowTask completed = store.complete("PO-1");

        List<String> applied = repository.record(scope(), List.of(reschedule(task, START.plus(Duration.ofHours(1)))));

        assertThat(applied).isEmpty();
        assertThat(store.find("PO-1")).contains(completed);
    }

    @Test
    void rejects_a_transition_for_a_held_task_even_at_its_current_version() {
        open("PO-1");
        WorkflowTask held = store.hold("PO-1");

        List<String> applied = repository.record(scope(), List.of(reschedule(held, START.plus(Duration.ofHours(1)))));

        assertThat(applied).isEmpty();
        assertThat(store.find("PO-1")).contains(held);
    }

    @Test
    void ignores_a_transition_for_an_unknown_task() {
        WorkflowTask ghost = WorkflowTask.builder("PO-ghost")
                .workflowType("purchase-order")
                .stage("Manager Approval")
                .assignee("alice")
                .slaStart(START)
                .version(1)
                .build();

        assertThat(repository.record(scope(), List.of(reschedule(ghost, START))))
                .isEmpty();
        assertThat(store.find("PO-ghost")).isEmpty();
    }

    @Test
    void applies_the_matching_transitions_of_a_batch_and_reports_only_those() {
        WorkflowTask first = open("PO-1");
        WorkflowTask second = open("PO-2");
        WorkflowTask third = open("PO-3");
        store.changePriority("PO-2", "P1");

        List<String> applied = repository.record(
                scope(),
                List.of(
                        reschedule(first, START.plus(Duration.ofHours(1))),
                        reschedule(second, START.plus(Duration.ofHours(1))),
                        reschedule(third, START.plus(Duration.ofHours(1)))));

        assertThat(applied).containsExactlyInAnyOrder("PO-1", "PO-3");
    }

    @Test
    void recording_releases_the_claim() {
        open("PO-1");
        WorkflowTask claimed = claim(10).get(0);

        record(reschedule(claimed, START));

        assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-1");
    }

    @Test
    void a_recorded_next_check_decides_when_the_task_is_due_again() {
        WorkflowTask claimed = claimOne(open("PO-1"));
        record(reschedule(claimed, START.plus(Duration.ofHours(3))));

        clock.set(START.plus(Duration.ofHours(3)).minusSeconds(1));
        assertThat(claim(10)).isEmpty();
        clock.set(START.plus(Duration.ofHours(3)));
        assertThat(ids(claim(10))).containsExactly("PO-1");
    }

    @Test
    void a_task_with_nothing_left_to_check_is_never_claimed_again() {
        WorkflowTask claimed = claimOne(open("PO-1"));

        record(transition(
                claimed, claimed.assignee(), claimed.escalation().withNextCheckAt(Optional.empty()), List.of()));

        clock.advance(Duration.ofDays(365));
        assertThat(claim(10)).isEmpty();
        assertThat(repository.nextDueAt(scope())).isEmpty();
    }
}
