package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineWarningAndEscalationTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final ManualClock clock = ManualClock.at(START);
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(tasks).policy(policy).notifier(notifier).auditSink(audit).clock(clock)
            .targets(TargetResolver.roles(Map.of("department_head", "dora")))
            .build();

    @Test
    void warning_is_sent_at_the_warning_minute_and_not_one_earlier() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine.runOnce();

        clock.set(START.plus(Duration.ofHours(22)).minusSeconds(60));
        assertThat(engine.runOnce().warnings()).isZero();

        clock.advance(Duration.ofMinutes(1));
        RunReport report = engine.runOnce();

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(notifier.delivered(NotificationType.WARNING)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice"));
    }

    @Test
    void level_one_escalation_reassigns_at_the_deadline_and_notifies_both_assignees() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();

        clock.set(START.plus(Duration.ofHours(24)));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(tasks.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(notifier.delivered(NotificationType.ESCALATION)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora"));
        assertThat(notifier.delivered(NotificationType.ESCALATION_NOTICE)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice"));
        assertThat(audit.entriesOf(AuditType.ESCALATED)).singleElement().satisfies(e -> {
            assertThat(e.fromAssignee()).contains("alice");
            assertThat(e.toAssignee()).contains("dora");
            assertThat(e.level()).isEqualTo(1);
        });
    }
}
