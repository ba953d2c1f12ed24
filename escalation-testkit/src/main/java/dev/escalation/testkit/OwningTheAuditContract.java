package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.WorkflowTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The repository owns the audit trail: the entries of applied transitions, the entries the engine
 * appends on their own, and one for every change the host makes.
 */
abstract class OwningTheAuditContract extends ContractSupport {

    @Test
    void stores_the_audit_entries_of_an_applied_transition() {
        WorkflowTask task = claimOne(open("PO-1"));
        AuditEntry warned = entry(task, AuditType.WARNING_SENT);

        record(withAudit(task, warned));

        assertThat(audit.entriesFor("PO-1"))
                .extracting(AuditEntry::type)
                .containsExactly(AuditType.TASK_OPENED, AuditType.WARNING_SENT);
        assertThat(audit.entriesOf(AuditType.WARNING_SENT)).containsExactly(warned);
    }

    @Test
    void stores_nothing_of_a_transition_that_lost_its_race() {
        WorkflowTask stale = open("PO-1");
        store.reassign("PO-1", "bob");

        assertThat(repository.record(scope(), List.of(withAudit(stale, entry(stale, AuditType.WARNING_SENT)))))
                .isEmpty();

        assertThat(audit.entriesOf(AuditType.WARNING_SENT)).isEmpty();
    }

    @Test
    void stores_entries_that_belong_to_no_transition() {
        WorkflowTask task = open("PO-1");
        AuditEntry givenUp = entry(task, AuditType.NOTIFICATION_GIVEN_UP);

        repository.appendAudit(scope(), List.of(givenUp));

        assertThat(audit.entriesOf(AuditType.NOTIFICATION_GIVEN_UP)).containsExactly(givenUp);
    }

    @Test
    void audits_every_change_the_host_makes() {
        open("PO-1");
        store.reassign("PO-1", "bob");
        store.hold("PO-1");
        store.resume("PO-1");
        store.changePriority("PO-1", "P1");
        store.changeStage("PO-1", "Finance Approval", "fiona", clock.now());
        store.complete("PO-1");

        assertThat(audit.entriesFor("PO-1"))
                .extracting(AuditEntry::type)
                .containsExactly(
                        AuditType.TASK_OPENED,
                        AuditType.TASK_REASSIGNED,
                        AuditType.TASK_HELD,
                        AuditType.TASK_RESUMED,
                        AuditType.PRIORITY_CHANGED,
                        AuditType.STAGE_CHANGED,
                        AuditType.TASK_COMPLETED);
    }

    private StepTransition withAudit(WorkflowTask task, AuditEntry entry) {
        return new StepTransition(
                task.id(), task.version(), task.assignee(), task.escalation(), List.of(entry), List.of());
    }

    private AuditEntry entry(WorkflowTask task, AuditType type) {
        return new AuditEntry(
                "entry-" + type + "-" + task.id(),
                type,
                task.id(),
                task.tenant(),
                clock.now(),
                "runner-a",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("reason", "contract"));
    }
}
