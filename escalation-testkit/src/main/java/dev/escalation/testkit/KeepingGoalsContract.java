package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.GoalProgress;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tasks of a policy with named goals ({@code response} in 4 hours, {@code resolution} in 24): the
 * store keeps each goal's progress, {@code meet} records a goal met and completes the task at its
 * last goal, and two engines apply each goal's steps once.
 */
abstract class KeepingGoalsContract extends ContractSupport {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final SlaPolicy policy = SlaPolicy.builder("Service Request")
            .goal(new Goal(
                    "response",
                    SlaPolicy.builder("response")
                            .sla(Duration.ofHours(4))
                            .warnBefore(Duration.ofHours(1))
                            .escalateTo(EscalationTarget.role("department_head"))
                            .build()))
            .goal(new Goal(
                    "resolution",
                    SlaPolicy.builder("resolution")
                            .sla(Duration.ofHours(24))
                            .warnBefore(Duration.ofHours(2))
                            .escalateTo(EscalationTarget.role("director"))
                            .build()))
            .build();

    private EscalationEngine engine() {
        return EscalationEngine.builder()
                .notificationRetry(EXACT_RETRY)
                .repository(repository)
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
                .build();
    }

    @Test
    void each_goals_progress_is_read_back_as_the_engine_recorded_it() {
        open("SR-1");
        engine().runOnce();
        clock.set(START.plus(Duration.ofHours(3)));
        engine().runOnce();

        WorkflowTask task = store.find("SR-1").orElseThrow();
        GoalProgress response = task.escalation().goals().progress("response");
        assertThat(response.warnedAt()).contains(START.plus(Duration.ofHours(3)));
        assertThat(response.deadline()).contains(START.plus(Duration.ofHours(4)));
        assertThat(response.nextCheckAt()).contains(START.plus(Duration.ofHours(4)));
        assertThat(task.escalation().goals().progress("resolution").deadline())
                .contains(START.plus(Duration.ofHours(24)));
        assertThat(task.escalation().goals().goals().keySet()).containsExactly("response", "resolution");
    }

    @Test
    void the_task_is_due_at_the_earliest_step_of_its_open_goals() {
        open("SR-1");
        engine().runOnce();
        assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofHours(3)));

        clock.set(START.plus(Duration.ofHours(1)));
        store.meet("SR-1", "response");
        engine().runOnce();

        assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofHours(22)));
    }

    @Test
    void meet_records_the_goal_met_and_audits_it() {
        open("SR-1");
        engine().runOnce();
        clock.set(START.plus(Duration.ofMinutes(90)));

        WorkflowTask met = store.meet("SR-1", "response");

        assertThat(met.escalation().goals().progress("response").metAt()).contains(clock.now());
        assertThat(store.find("SR-1")).contains(met);
        assertThat(audit.entriesFor("SR-1"))
                .filteredOn(e -> e.type() == AuditType.GOAL_MET)
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("goal", "response"));
    }

    @Test
    void meeting_the_last_goal_completes_the_task() {
        open("SR-1");
        engine().runOnce();
        store.meet("SR-1", "resolution");

        WorkflowTask done = store.meet("SR-1", "response");

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.find("SR-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.escalation().nextCheckAt()).isEmpty();
    }

    @Test
    void meeting_a_goal_of_a_completed_task_is_refused_and_changes_nothing() {
        open("SR-1");
        engine().runOnce();
        store.complete("SR-1");
        WorkflowTask completed = store.find("SR-1").orElseThrow();

        assertThatThrownBy(() -> store.meet("SR-1", "response")).isInstanceOf(IllegalStateException.class);
        assertThat(store.find("SR-1")).contains(completed);
    }

    @Test
    void the_worklist_narrowed_to_a_goal_judges_each_task_by_that_goal_and_pages_by_key() {
        assumeTrue(repository instanceof OperatorQueries, "this repository does not offer OperatorQueries");
        OperatorQueries queries = (OperatorQueries) repository;
        open("SR-1");
        open("SR-2");
        open("SR-3");
        engine().runOnce();
        clock.set(START.plus(Duration.ofHours(1)));
        store.meet("SR-2", "response");
        clock.set(START.plus(Duration.ofHours(5)));
        engine().runOnce();
        TaskQuery at5 = TaskQuery.asOf(clock.now());

        assertThat(ids(queries.openTasks(at5.standing(SlaStanding.BREACHED).goal("response"))))
                .as("response overdue; SR-2's was met in time")
                .containsExactly("SR-1", "SR-3");
        assertThat(ids(queries.openTasks(at5.standing(SlaStanding.BREACHED).goal("resolution"))))
                .isEmpty();
        assertThat(ids(queries.openTasks(at5.standing(SlaStanding.FINE).goal("resolution"))))
                .as("in worklist order: by the task's deadline, its earliest open goal's (SR-2's is resolution's)")
                .containsExactly("SR-1", "SR-3", "SR-2");
        Page<OpenTask> first = queries.openTasks(
                at5.standing(SlaStanding.BREACHED).goal("response").limit(1));
        assertThat(ids(first)).containsExactly("SR-1");
        assertThat(ids(queries.openTasks(at5.standing(SlaStanding.BREACHED)
                        .goal("response")
                        .limit(1)
                        .after(first.next().orElseThrow()))))
                .containsExactly("SR-3");
        assertThat(ids(queries.openTasks(at5.goal("first_reply"))))
                .as("no task has that goal")
                .isEmpty();
    }

    private static java.util.List<String> ids(Page<OpenTask> page) {
        return page.items().stream().map(t -> t.task().id()).toList();
    }

    @Test
    void two_engines_apply_each_goals_steps_once() {
        EscalationEngine first = engine();
        EscalationEngine second = engine();
        for (int i = 0; i < 10; i++) {
            open("SR-" + i);
        }
        first.runOnce();
        clock.set(START.plus(Duration.ofHours(25)));

        int escalations = first.runOnce().escalations() + second.runOnce().escalations();

        assertThat(escalations).isEqualTo(20);
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .doesNotHaveDuplicates()
                .hasSize(40)
                .contains("SR-3/0/response/ESCALATION/1/new-assignee", "SR-3/0/resolution/ESCALATION/1/new-assignee");
    }
}
