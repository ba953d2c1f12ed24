package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgement with a timeout (issue #20): {@code tasks.acknowledge(id, who)} holds a task's steps
 * for the policy's {@code acknowledge_timeout}; when nobody acts within it the task escalates to the
 * next level. The task opens Monday 09:00 UTC with an SLA of 8 hours: warning 15:00, deadline and
 * level 1 (dora) 17:00, level 2 (dirk) 21:00, level 3 (cleo) Tuesday 01:00.
 */
class EngineAcknowledgementTest {

    private final EngineFixture world = new EngineFixture();

    private static SlaPolicy.Builder policy() {
        return SlaPolicy.builder("Manager Approval")
                .sla(hours(8))
                .warnBefore(hours(2))
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"), hours(4))
                .escalateTo(EscalationTarget.role("ceo"), hours(8))
                .acknowledgeTimeout(minutes(30));
    }

    private static Instant monday(String time) {
        return Instant.parse("2026-01-05T" + time + ":00Z");
    }

    @Test
    void an_acknowledgement_that_times_out_escalates_to_the_next_level_at_its_end_and_not_a_minute_earlier() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("17:10"));
        world.tasks.acknowledge("PO-1", "dora");

        world.clock.set(monday("17:39"));
        RunReport held = engine.runOnce();
        world.clock.set(monday("17:40"));
        RunReport resumed = engine.runOnce();

        assertThat(held.escalations()).isZero();
        assertThat(resumed.escalations()).isEqualTo(1);
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/0/ESCALATION/1", "PO-1/0/ESCALATION/2");
        assertThat(world.entries(AuditType.ESCALATED).get(1).occurredAt()).isEqualTo(monday("17:40"));
        assertThat(world.task("PO-1").assignee()).isEqualTo("dirk");
        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.occurredAt()).isEqualTo(monday("17:40"));
                    assertThat(e.details())
                            .containsEntry("acknowledgedBy", "dora")
                            .containsEntry("acknowledgedAt", monday("17:10").toString())
                            .containsEntry("acknowledgeTimeout", "PT30M");
                });
        assertThat(world.task("PO-1").escalation().attention().acknowledged()).isFalse();
    }

    @Test
    void while_acknowledged_the_task_is_next_checked_at_the_end_of_the_window() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("17:10"));
        world.tasks.acknowledge("PO-1", "dora");

        engine.runOnce();

        assertThat(world.task("PO-1").escalation().nextCheckAt()).contains(monday("17:40"));
    }

    @Test
    void the_levels_after_the_forced_one_keep_their_instants() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("17:10"));
        world.tasks.acknowledge("PO-1", "dora");
        world.clock.set(monday("17:40"));
        engine.runOnce();

        world.clock.set(START.plus(hours(16)).minus(minutes(1)));
        RunReport before = engine.runOnce();
        world.clock.set(START.plus(hours(16)));
        RunReport at = engine.runOnce();

        assertThat(before.escalations()).isZero();
        assertThat(at.escalations()).isEqualTo(1);
        assertThat(world.task("PO-1").assignee()).isEqualTo("cleo");
    }

    @Test
    void an_acknowledgement_holds_the_warning_and_the_reminders_and_they_catch_up_as_one_at_its_end() {
        EscalationEngine engine = world.engine(policy().remindEvery(hours(1))
                        .acknowledgeTimeout(hours(2))
                        .build())
                .build();
        world.open("PO-1");
        world.clock.set(monday("14:00"));
        world.tasks.acknowledge("PO-1", "alice");

        world.clock.set(monday("15:00"));
        RunReport atWarning = engine.runOnce();
        world.clock.set(monday("16:00"));
        RunReport atEnd = engine.runOnce();

        assertThat(atWarning.warnings()).isZero();
        assertThat(world.stepKeys(AuditType.REMINDER_SENT)).containsExactly("PO-1/0/REMINDER/1");
        assertThat(world.stepKeys(AuditType.STEP_SKIPPED)).containsExactly("PO-1/0/WARNING/1");
        assertThat(atEnd.escalations()).isZero();
        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(monday("16:00"));
    }

    @Test
    void an_acknowledgement_that_times_out_before_the_deadline_escalates_at_the_deadline_and_never_before() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("10:00"));
        world.tasks.acknowledge("PO-1", "alice");

        world.clock.set(monday("10:30"));
        RunReport expired = engine.runOnce();
        world.clock.set(monday("16:59"));
        RunReport beforeDeadline = engine.runOnce();
        world.clock.set(monday("17:00"));
        RunReport atDeadline = engine.runOnce();

        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED)).hasSize(1);
        assertThat(expired.escalations()).isZero();
        assertThat(beforeDeadline.escalations()).isZero();
        assertThat(atDeadline.escalations()).isEqualTo(1);
        assertThat(world.task("PO-1").assignee()).isEqualTo("dora");
    }

    @Test
    void acknowledging_an_acknowledged_task_changes_nothing_and_the_first_window_stands() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("17:10"));
        WorkflowTask first = world.tasks.acknowledge("PO-1", "dora");
        world.clock.set(monday("17:30"));

        WorkflowTask second = world.tasks.acknowledge("PO-1", "dirk");
        world.clock.set(monday("17:40"));
        engine.runOnce();

        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second.escalation().attention().acknowledgedBy()).contains("dora");
        assertThat(world.entries(AuditType.TASK_ACKNOWLEDGED))
                .singleElement()
                .extracting(AuditEntry::actor)
                .isEqualTo("dora");
        assertThat(world.task("PO-1").assignee()).isEqualTo("dirk");
    }

    @Test
    void completing_an_acknowledged_task_within_its_window_ends_escalation() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("17:10"));
        world.tasks.acknowledge("PO-1", "dora");
        world.clock.set(monday("17:20"));
        world.tasks.complete("PO-1");

        world.clock.set(monday("17:40"));
        engine.runOnce();

        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/0/ESCALATION/1");
        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED)).isEmpty();
    }

    @Test
    void reassigning_an_acknowledged_task_ends_the_acknowledgement_with_the_cycle() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:10"));
        world.tasks.acknowledge("PO-1", "alice");

        WorkflowTask reassigned = world.tasks.reassign("PO-1", "bob");
        world.clock.set(monday("17:40"));
        engine.runOnce();

        assertThat(reassigned.escalation().attention().acknowledged()).isFalse();
        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED)).isEmpty();
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
    }

    @Test
    void at_the_last_level_an_acknowledgement_that_times_out_re_escalates() {
        SlaPolicy oneLevel = SlaPolicy.builder("one level")
                .sla(hours(8))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .acknowledgeTimeout(minutes(30))
                .build();
        EscalationEngine engine = world.engine(oneLevel).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("18:00"));
        world.tasks.acknowledge("PO-1", "dora");

        world.clock.set(monday("18:30"));
        RunReport report = engine.runOnce();

        assertThat(report.reEscalations()).isEqualTo(1);
        assertThat(world.stepKeys(AuditType.RE_ESCALATED)).containsExactly("PO-1/0/RE_ESCALATION/1");
        assertThat(world.notifier.delivered(NotificationType.RE_ESCALATION))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora"));
    }

    @Test
    void under_a_policy_without_acknowledge_timeout_an_acknowledgement_is_audited_and_holds_nothing() {
        EscalationEngine engine = world.engine(SlaPolicy.builder("no timeout")
                        .sla(hours(8))
                        .warnBefore(hours(2))
                        .escalateTo(EscalationTarget.role("department_head"))
                        .build())
                .build();
        world.open("PO-1");
        world.clock.set(monday("16:50"));
        world.tasks.acknowledge("PO-1", "alice");

        world.clock.set(monday("17:00"));
        engine.runOnce();

        assertThat(world.entries(AuditType.TASK_ACKNOWLEDGED)).hasSize(1);
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/0/ESCALATION/1");
    }

    @Test
    void acknowledging_a_completed_task_is_refused_and_stores_nothing() {
        world.open("PO-1");
        WorkflowTask completed = world.tasks.complete("PO-1");

        assertThatThrownBy(() -> world.tasks.acknowledge("PO-1", "alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PO-1")
                .hasMessageContaining("COMPLETED");
        assertThat(world.task("PO-1")).isEqualTo(completed);
        assertThat(world.entries(AuditType.TASK_ACKNOWLEDGED)).isEmpty();
    }

    @Test
    void acknowledging_an_unknown_task_is_refused() {
        assertThatThrownBy(() -> world.tasks.acknowledge("PO-404", "alice"))
                .isInstanceOf(TaskNotFoundException.class)
                .hasMessageContaining("PO-404");
    }

    @Test
    void acknowledging_without_naming_who_is_refused_naming_the_field() {
        world.open("PO-1");

        assertThatThrownBy(() -> world.tasks.acknowledge("PO-1", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acknowledgedBy");
        assertThat(world.entries(AuditType.TASK_ACKNOWLEDGED)).isEmpty();
    }

    @Test
    void a_second_run_at_the_instant_the_acknowledgement_expires_changes_nothing() {
        EscalationEngine engine = world.engine(policy().build()).build();
        world.open("PO-1");
        world.clock.set(monday("17:00"));
        engine.runOnce();
        world.clock.set(monday("17:10"));
        world.tasks.acknowledge("PO-1", "dora");
        world.clock.set(monday("17:40"));
        engine.runOnce();
        WorkflowTask after = world.task("PO-1");

        RunReport again = engine.runOnce();

        assertThat(again.escalations()).isZero();
        assertThat(world.task("PO-1")).isEqualTo(after);
        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED)).hasSize(1);
    }
}
