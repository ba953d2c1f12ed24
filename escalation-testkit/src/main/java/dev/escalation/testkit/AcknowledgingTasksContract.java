package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.Attention;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgements and snoozes (issue #20): the store keeps who acknowledged a task and until when its
 * reminders are snoozed, as the task's {@link Attention}, through every read, claim and transition;
 * each change bumps the version, so that a run which evaluated the task before it loses its
 * compare-and-swap, and the engine on the store holds and resumes escalation as the policy says.
 */
abstract class AcknowledgingTasksContract extends ContractSupport {

    private static final SlaPolicy POLICY = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(8))
            .noWarning()
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), Duration.ofHours(4))
            .acknowledgeTimeout(Duration.ofMinutes(30))
            .maxSnooze(Duration.ofHours(4))
            .build();

    @Test
    void an_acknowledgement_is_stored_with_who_and_when_bumps_the_version_and_is_audited() {
        WorkflowTask opened = open("PO-1");
        clock.advance(Duration.ofMinutes(10));

        WorkflowTask acknowledged = store.acknowledge("PO-1", "dora");

        assertThat(acknowledged.version()).isEqualTo(opened.version() + 1);
        assertThat(acknowledged.escalation().attention().acknowledgedBy()).contains("dora");
        assertThat(acknowledged.escalation().attention().acknowledgedAt()).contains(clock.now());
        assertThat(store.find("PO-1")).contains(acknowledged);
        assertThat(audit.entriesFor("PO-1"))
                .filteredOn(e -> e.type() == AuditType.TASK_ACKNOWLEDGED)
                .singleElement()
                .extracting(AuditEntry::actor)
                .isEqualTo("dora");
    }

    @Test
    void acknowledging_an_acknowledged_task_changes_nothing() {
        open("PO-1");
        WorkflowTask first = store.acknowledge("PO-1", "dora");
        clock.advance(Duration.ofMinutes(5));

        WorkflowTask second = store.acknowledge("PO-1", "dirk");

        assertThat(second).isEqualTo(first);
        assertThat(store.find("PO-1")).contains(first);
        assertThat(audit.entriesFor("PO-1"))
                .filteredOn(e -> e.type() == AuditType.TASK_ACKNOWLEDGED)
                .hasSize(1);
    }

    @Test
    void acknowledging_a_completed_task_is_refused_and_changes_nothing() {
        open("PO-1");
        WorkflowTask completed = store.complete("PO-1");

        assertThatThrownBy(() -> store.acknowledge("PO-1", "dora")).isInstanceOf(IllegalStateException.class);
        assertThat(store.find("PO-1")).contains(completed);
    }

    @Test
    void a_run_that_evaluated_the_task_before_its_acknowledgement_loses_and_the_acknowledgement_stands() {
        WorkflowTask claimed = claimOne(open("PO-1"));
        store.acknowledge("PO-1", "dora");

        List<String> applied = repository.record(
                scope(), List.of(transition(claimed, "dora", escalated(claimed, 1, START), List.of())));

        assertThat(applied).isEmpty();
        WorkflowTask now = store.find("PO-1").orElseThrow();
        assertThat(now.escalation().level()).isZero();
        assertThat(now.escalation().attention().acknowledgedBy()).contains("dora");
    }

    @Test
    void a_transition_keeps_the_attention_it_carries() {
        open("PO-1");
        WorkflowTask acknowledged = claimOne(store.acknowledge("PO-1", "dora"));
        Attention ended = acknowledged.escalation().attention().acknowledgementEnded();

        record(new StepTransition(
                "PO-1",
                acknowledged.version(),
                "dora",
                acknowledged.escalation().withAttention(ended),
                List.of(),
                List.of()));

        assertThat(store.find("PO-1").orElseThrow().escalation().attention()).isEqualTo(ended);
    }

    @Test
    void a_snooze_is_stored_with_when_and_until_and_audited() {
        open("PO-1");
        clock.advance(Duration.ofMinutes(10));
        Instant until = clock.now().plus(Duration.ofHours(2));

        WorkflowTask snoozed = store.snooze("PO-1", until, "alice");

        assertThat(snoozed.escalation().attention().snoozedAt()).contains(clock.now());
        assertThat(snoozed.escalation().attention().snoozedUntil()).contains(until);
        assertThat(store.find("PO-1")).contains(snoozed);
        assertThat(audit.entriesFor("PO-1"))
                .filteredOn(e -> e.type() == AuditType.TASK_SNOOZED)
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("until", until.toString()));
    }

    @Test
    void a_snooze_beyond_the_policy_maximum_is_refused_by_a_store_that_knows_the_policies() throws Exception {
        WorkflowRepositoryContract.Fixture strict =
                createFixture(clock, TaskRules.none().withPolicies(task -> Optional.of(POLICY)));
        try {
            TaskStore tasks = strict.store();
            WorkflowTask opened =
                    tasks.open(NewTask.of("PO-9", "purchase-order", "Manager Approval", "alice", clock.now()));
            Instant tooLate = clock.now().plus(Duration.ofHours(4)).plusSeconds(60);

            assertThatThrownBy(() -> tasks.snooze("PO-9", tooLate, "alice"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max_snooze PT4H")
                    .hasMessageContaining(tooLate.toString());
            assertThat(tasks.find("PO-9")).contains(opened);
        } finally {
            strict.onClose().close();
        }
    }

    @Test
    void reassigning_ends_the_acknowledgement_and_the_snooze() {
        open("PO-1");
        store.acknowledge("PO-1", "alice");
        store.snooze("PO-1", clock.now().plus(Duration.ofHours(1)), "alice");

        WorkflowTask reassigned = store.reassign("PO-1", "bob");

        assertThat(reassigned.escalation().attention()).isEqualTo(Attention.NONE);
        assertThat(store.find("PO-1").orElseThrow().escalation().attention()).isEqualTo(Attention.NONE);
    }

    @Test
    void the_engine_holds_an_acknowledged_task_and_escalates_it_to_the_next_level_when_the_window_ends() {
        EscalationEngine engine = EscalationEngine.builder()
                .notificationRetry(EXACT_RETRY)
                .repository(repository)
                .policy(POLICY)
                .notifier(new RecordingNotifier())
                .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
                .build();
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(8)));
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(10)));
        store.acknowledge("PO-1", "dora");

        clock.set(START.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(39)));
        int held = engine.runOnce().escalations();
        clock.set(START.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(40)));
        int resumed = engine.runOnce().escalations();

        assertThat(held).isZero();
        assertThat(resumed).isEqualTo(1);
        WorkflowTask task = store.find("PO-1").orElseThrow();
        assertThat(task.assignee()).isEqualTo("dirk");
        assertThat(task.escalation().attention().acknowledged()).isFalse();
        assertThat(audit.entriesFor("PO-1"))
                .filteredOn(e -> e.type() == AuditType.ACKNOWLEDGEMENT_EXPIRED)
                .hasSize(1);
    }
}
