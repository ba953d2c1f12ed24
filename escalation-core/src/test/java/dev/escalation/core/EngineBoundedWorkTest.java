package dev.escalation.core;

import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's work for one task does not grow with how late the run is: however many steps were
 * missed, they are audited as at most one skipped range per kind (issue #14, "bounded work").
 */
class EngineBoundedWorkTest {

    /** The SLA start of a task whose start date was lost: the epoch, 20,458 days before {@link EngineFixture#START}. */
    private static final Instant EPOCH = Instant.EPOCH;

    private final EngineFixture world = new EngineFixture();

    /** Warning 22 h, reminders 23/24/25 h, level 1 at 24 h, level 2 at 32 h, then a re-escalation every 24 h without end. */
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .remindEvery(hours(1))
            .maxReminders(3)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), hours(8))
            .build();

    @Test
    void a_task_whose_sla_started_in_1970_gets_six_audit_entries_in_one_run() {
        EscalationEngine engine = world.engine(policy).build();
        openSince1970("PO-1");

        RunReport report = engine.runOnce();

        // 20,458 days and 9 hours since the epoch; re-escalations fall due from 56 h, one a day.
        long dueReEscalations = (Duration.between(EPOCH, EngineFixture.START).toHours() - 32) / 24;
        assertThat(dueReEscalations).isEqualTo(20_457);
        // The warning, reminders 1-3, level 1 and re-escalations 1-20,457 are skipped as one entry per
        // kind; the breach and level 2 (the most advanced step, the one notified) make six.
        assertThat(runEntries("PO-1"))
                .extracting(AuditEntry::type)
                .containsExactlyInAnyOrder(
                        AuditType.STEP_SKIPPED,
                        AuditType.STEP_SKIPPED,
                        AuditType.STEP_SKIPPED,
                        AuditType.STEP_SKIPPED,
                        AuditType.SLA_BREACHED,
                        AuditType.ESCALATED);
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .filteredOn(e -> e.stepKey().orElseThrow().contains("/RE_ESCALATION/"))
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("firstSkipped", "PO-1/0/RE_ESCALATION/1")
                        .containsEntry("lastSkipped", "PO-1/0/RE_ESCALATION/20457")
                        .containsEntry("skipped", "20457"));
        assertThat(report.stepsSkipped()).isEqualTo(1 + 3 + 1 + 20_457);
        assertThat(world.task("PO-1").escalation().reEscalations()).isEqualTo(20_457);
    }

    @Test
    void fifty_tasks_whose_sla_started_in_1970_take_six_audit_entries_each_in_one_run() {
        EscalationEngine engine = world.engine(policy).build();
        for (int i = 1; i <= 50; i++) {
            openSince1970("PO-" + i);
        }
        int opened = world.audit.entries().size();

        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(50);
        assertThat(world.audit.entries().size() - opened).isEqualTo(50 * 6);
        assertThat(world.notifier.delivered()).hasSize(50 * 2);
    }

    @Test
    void the_finest_re_escalation_the_bounds_allow_missed_since_1970_is_one_skipped_entry() {
        SlaPolicy everyMinute = SlaPolicy.builder("Manager Approval")
                .sla(hours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .reEscalateEvery(minutes(1))
                .build();
        EscalationEngine engine = world.engine(everyMinute).build();
        openSince1970("PO-1");

        engine.runOnce();

        // Re-escalation k falls due 24 h + k minutes after the epoch; the latest due one is notified.
        long due = Duration.between(EPOCH.plus(hours(24)), EngineFixture.START).toMinutes();
        assertThat(world.stepKeys(AuditType.RE_ESCALATED)).isEmpty();
        assertThat(runEntries("PO-1"))
                .extracting(AuditEntry::type)
                .containsExactlyInAnyOrder(AuditType.STEP_SKIPPED, AuditType.SLA_BREACHED, AuditType.ESCALATED);
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("skipped", Long.toString(due)));
        assertThat(world.task("PO-1").escalation().nextCheckAt())
                .contains(EPOCH.plus(hours(24)).plus(minutes(due + 1)));
    }

    private void openSince1970(String id) {
        world.tasks.open(NewTask.of(id, "purchase-order", "Manager Approval", "alice", EPOCH));
    }

    /** The task's entries but the one its opening wrote. */
    private List<AuditEntry> runEntries(String id) {
        return world.audit.entries().stream()
                .filter(e -> e.taskId().equals(id))
                .filter(e -> e.type() != AuditType.TASK_OPENED)
                .toList();
    }
}
