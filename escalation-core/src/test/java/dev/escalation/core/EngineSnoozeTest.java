package dev.escalation.core;

import static dev.escalation.core.EngineFixture.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Snooze (issue #20): {@code tasks.snooze(id, until, who)} holds a task's reminders, and only them,
 * until {@code until}, at most the policy's {@code max_snooze} later. The task opens Monday 09:00 UTC
 * with an SLA of 8 hours: warning 15:00, reminders hourly from 16:00 (three at most), deadline and
 * level 1 (dora) 17:00.
 */
class EngineSnoozeTest {

    private final EngineFixture world = new EngineFixture();

    private static final SlaPolicy POLICY = SlaPolicy.builder("Manager Approval")
            .sla(hours(8))
            .warnBefore(hours(2))
            .remindEvery(hours(1))
            .maxReminders(3)
            .escalateTo(EscalationTarget.role("department_head"))
            .maxSnooze(hours(4))
            .build();

    private static Instant monday(String time) {
        return Instant.parse("2026-01-05T" + time + ":00Z");
    }

    private void runEveryTenMinutesUntil(EscalationEngine engine, String time) {
        while (world.clock.now().isBefore(monday(time))) {
            world.clock.advance(java.time.Duration.ofMinutes(10));
            engine.runOnce();
        }
    }

    @Test
    void a_snooze_holds_the_reminders_until_its_end_and_then_sends_the_latest_one() {
        EscalationEngine engine = world.engine(POLICY).build();
        world.open("PO-1");
        world.clock.set(monday("15:30"));
        world.tasks.snooze("PO-1", monday("17:30"), "alice");

        runEveryTenMinutesUntil(engine, "18:00");

        assertThat(world.entries(AuditType.REMINDER_SENT))
                .extracting(AuditEntry::stepKey, AuditEntry::occurredAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.of("PO-1/0/REMINDER/2"), monday("17:30")),
                        org.assertj.core.groups.Tuple.tuple(Optional.of("PO-1/0/REMINDER/3"), monday("18:00")));
        assertThat(world.stepKeys(AuditType.STEP_SKIPPED)).containsExactly("PO-1/0/REMINDER/1");
    }

    @Test
    void a_snooze_holds_neither_the_warning_nor_the_deadline_nor_the_escalation() {
        EscalationEngine engine = world.engine(POLICY).build();
        world.open("PO-1");
        world.clock.set(monday("14:00"));
        world.tasks.snooze("PO-1", monday("18:00"), "alice");

        runEveryTenMinutesUntil(engine, "17:00");

        assertThat(world.entries(AuditType.WARNING_SENT))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(monday("15:00"));
        assertThat(world.entries(AuditType.SLA_BREACHED))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(monday("17:00"));
        assertThat(world.entries(AuditType.ESCALATED))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(monday("17:00"));
        assertThat(world.entries(AuditType.REMINDER_SENT)).isEmpty();
    }

    @Test
    void while_snoozed_the_next_reminder_check_is_the_end_of_the_snooze() {
        EscalationEngine engine = world.engine(POLICY).build();
        world.open("PO-1");
        world.clock.set(monday("15:00"));
        engine.runOnce();
        world.clock.set(monday("15:30"));
        world.tasks.snooze("PO-1", monday("16:45"), "alice");

        engine.runOnce();

        assertThat(world.task("PO-1").escalation().nextCheckAt()).contains(monday("16:45"));
    }

    @Test
    void a_snooze_is_audited_with_who_and_until() {
        world.open("PO-1");
        world.clock.set(monday("15:30"));

        world.tasks.snooze("PO-1", monday("17:30"), "alice");

        assertThat(world.entries(AuditType.TASK_SNOOZED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.occurredAt()).isEqualTo(monday("15:30"));
            assertThat(e.details()).containsEntry("until", monday("17:30").toString());
        });
        assertThat(world.task("PO-1").escalation().attention().snoozedUntil()).contains(monday("17:30"));
    }

    @Test
    void a_snooze_beyond_the_policy_maximum_is_refused_naming_the_field_and_the_value_before_anything_is_stored() {
        InMemoryAuditSink audit = new InMemoryAuditSink();
        PolicyResolver policies = task -> Optional.of(POLICY);
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(
                world.clock, audit, TaskRules.none().withPolicies(policies));
        WorkflowTask opened =
                tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", world.clock.now()));
        world.clock.set(monday("15:30"));

        assertThatThrownBy(() -> tasks.snooze("PO-1", monday("19:31"), "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_snooze PT4H")
                .hasMessageContaining("until")
                .hasMessageContaining(monday("19:31").toString());
        assertThat(tasks.find("PO-1")).contains(opened);
        assertThat(audit.entriesOf(AuditType.TASK_SNOOZED)).isEmpty();
    }

    @Test
    void a_snooze_of_exactly_the_policy_maximum_is_accepted() {
        PolicyResolver policies = task -> Optional.of(POLICY);
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(
                world.clock, new InMemoryAuditSink(), TaskRules.none().withPolicies(policies));
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", world.clock.now()));
        world.clock.set(monday("15:30"));

        WorkflowTask snoozed = tasks.snooze("PO-1", monday("19:30"), "alice");

        assertThat(snoozed.escalation().attention().snoozedUntil()).contains(monday("19:30"));
    }

    @Test
    void the_engine_holds_reminders_no_longer_than_the_policy_maximum_when_the_store_could_not_check_it() {
        EscalationEngine engine = world.engine(POLICY).build();
        world.open("PO-1");
        world.clock.set(monday("15:00"));
        world.tasks.snooze("PO-1", monday("23:00"), "alice");

        runEveryTenMinutesUntil(engine, "19:10");

        // Held until 15:00 + max_snooze 4 h = 19:00, not 23:00: reminders 1 and 2 collapse into 3 then.
        assertThat(world.entries(AuditType.REMINDER_SENT))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(monday("19:00"));
        assertThat(world.stepKeys(AuditType.REMINDER_SENT)).containsExactly("PO-1/0/REMINDER/3");
    }

    @Test
    void a_snooze_ending_now_or_earlier_is_refused() {
        world.open("PO-1");
        world.clock.set(monday("15:30"));

        assertThatThrownBy(() -> world.tasks.snooze("PO-1", monday("15:30"), "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("until must be after now")
                .hasMessageContaining(monday("15:30").toString());
    }

    @Test
    void snoozing_a_cancelled_task_is_refused() {
        world.open("PO-1");
        world.tasks.cancel("PO-1");

        assertThatThrownBy(() -> world.tasks.snooze("PO-1", monday("17:30"), "alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void snoozing_again_replaces_the_snooze() {
        EscalationEngine engine = world.engine(POLICY).build();
        world.open("PO-1");
        world.clock.set(monday("15:30"));
        world.tasks.snooze("PO-1", monday("18:30"), "alice");
        world.clock.set(monday("15:40"));
        world.tasks.snooze("PO-1", monday("16:30"), "alice");

        runEveryTenMinutesUntil(engine, "16:30");

        assertThat(world.entries(AuditType.REMINDER_SENT))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(monday("16:30"));
    }
}
