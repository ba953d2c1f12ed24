package dev.escalation.examples.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a host unit-tests its own policy: a ManualClock, the in-memory repository, a recording
 * notifier, and the real engine. No sleeping, no database.
 */
class ManagerApprovalPolicyTest {

    // The policy under test, as the host configures it in production.
    static final SlaPolicy MANAGER_APPROVAL = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofHours(4))
            .maxReminders(2)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), Duration.ofHours(24))
            .build();

    ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    RecordingNotifier notifier = new RecordingNotifier();
    EscalationEngine engine;

    @BeforeEach
    void given_an_engine_with_our_policy_and_org_chart() {
        engine = EscalationEngine.builder()
                .repository(tasks)
                .policy(MANAGER_APPROVAL)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
                .build();
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
    }

    @Test
    void alice_is_warned_two_hours_before_the_deadline() {
        clock.advance(Duration.ofHours(22));
        engine.runOnce();

        assertThat(notifier.delivered(NotificationType.WARNING))
                .extracting(n -> n.recipient())
                .containsExactly("alice");
    }

    @Test
    void an_unapproved_purchase_order_goes_to_the_department_head_after_24_hours() {
        clock.advance(Duration.ofHours(24));
        engine.runOnce();

        assertThat(tasks.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(tasks.auditTrail().entriesOf(AuditType.ESCALATED))
                .singleElement()
                .satisfies(e -> assertThat(e.toAssignee()).contains("dora"));
    }

    @Test
    void the_director_gets_it_a_day_later_if_dora_does_not_act_either() {
        for (int hour = 0; hour < 48; hour++) { // the host's scheduler runs every hour
            clock.advance(Duration.ofHours(1));
            engine.runOnce();
        }

        assertThat(tasks.auditTrail().entriesOf(AuditType.ESCALATED))
                .extracting(AuditEntry::level)
                .containsExactly(1, 2);
        assertThat(tasks.find("PO-1").orElseThrow().assignee()).isEqualTo("dirk");
    }

    @Test
    void approving_in_time_stops_everything() {
        clock.advance(Duration.ofHours(20));
        tasks.complete("PO-1");
        clock.advance(Duration.ofDays(3));
        engine.runOnce();

        assertThat(notifier.delivered()).isEmpty();
    }
}
