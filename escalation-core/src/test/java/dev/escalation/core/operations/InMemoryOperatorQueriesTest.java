package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory repository's operator queries driven by the engine, as a host's operator sees them
 * (the testkit's contract checks each query on every store; this is the core's own view).
 */
class InMemoryOperatorQueriesTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(8))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    private EscalationEngine engine(Notifier notifier) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    @Test
    void the_worklist_shows_what_the_engine_found_breached_near_breach_held_and_fine() {
        EscalationEngine engine = engine(n -> {});
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now())
                .withTenant("acme"));
        clock.advance(Duration.ofHours(3));
        tasks.open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "bob", clock.now()));
        tasks.open(NewTask.of("PO-3", "invoice", "Review", "carol", clock.now()));
        engine.runOnce();
        tasks.hold("PO-3");
        clock.advance(Duration.ofHours(5)); // 17:00: PO-1 at its deadline, PO-2 before its warning (18:00)
        engine.runOnce();

        TaskQuery now = TaskQuery.asOf(clock.now());

        assertThat(queriesSee(now)).containsExactly("PO-1=BREACHED", "PO-2=FINE", "PO-3=ON_HOLD");
        assertThat(queriesSee(now.standing(SlaStanding.BREACHED).tenant("acme").assignee("dora")))
                .containsExactly("PO-1=BREACHED");
        assertThat(queriesSee(now.workflowType("invoice").stage("Review"))).containsExactly("PO-3=ON_HOLD");
        clock.advance(Duration.ofHours(1));
        assertThat(queriesSee(TaskQuery.asOf(clock.now()).standing(SlaStanding.NEAR_BREACH, SlaStanding.FINE)))
                .containsExactly("PO-2=NEAR_BREACH");
    }

    @Test
    void failing_and_given_up_notifications_are_listed_with_their_attempts_and_last_error() {
        EscalationEngine engine = engine(n -> {
            throw new IllegalStateException("smtp down for " + n.recipient());
        });
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(6));
        engine.runOnce();

        Page<OutboxNotification> failing = tasks.notifications(OutboxQuery.inState(DeliveryState.FAILING));

        assertThat(failing.items()).singleElement().satisfies(n -> {
            assertThat(n.notification().type().name()).isEqualTo("WARNING");
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.lastError()).hasValueSatisfying(e -> assertThat(e).contains("smtp down for alice"));
        });
        assertThat(tasks.notifications(OutboxQuery.inState(DeliveryState.PENDING, DeliveryState.GIVEN_UP))
                        .items())
                .isEmpty();
        assertThat(tasks.auditEntries(
                                AuditQuery.all().type(AuditType.WARNING_SENT).task("PO-1"))
                        .items())
                .hasSize(1);
    }

    @Test
    void pages_of_one_walk_the_worklist_audit_and_outbox_each_item_once() {
        for (int i = 1; i <= 3; i++) {
            tasks.open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", clock.now()));
        }
        engine(n -> {
                    throw new IllegalStateException("down");
                })
                .runOnce();
        clock.advance(Duration.ofHours(6));
        engine(n -> {
                    throw new IllegalStateException("down");
                })
                .runOnce();

        int tasksSeen = 0;
        for (Page<OpenTask> p = tasks.openTasks(TaskQuery.asOf(clock.now()).limit(1)); ; ) {
            tasksSeen += p.items().size();
            if (!p.hasNext()) {
                break;
            }
            p = tasks.openTasks(
                    TaskQuery.asOf(clock.now()).limit(1).after(p.next().get()));
        }
        int entriesSeen = 0;
        for (Page<dev.escalation.core.audit.AuditEntry> p =
                        tasks.auditEntries(AuditQuery.all().limit(1));
                ; ) {
            entriesSeen += p.items().size();
            if (!p.hasNext()) {
                break;
            }
            p = tasks.auditEntries(AuditQuery.all().limit(1).after(p.next().get()));
        }
        int notificationsSeen = 0;
        for (Page<OutboxNotification> p =
                        tasks.notifications(OutboxQuery.undelivered().limit(1));
                ; ) {
            notificationsSeen += p.items().size();
            if (!p.hasNext()) {
                break;
            }
            p = tasks.notifications(
                    OutboxQuery.undelivered().limit(1).after(p.next().get()));
        }

        assertThat(tasksSeen).isEqualTo(3);
        assertThat(entriesSeen).isEqualTo(tasks.auditTrail().entries().size());
        assertThat(notificationsSeen).isEqualTo(3);
    }

    private java.util.List<String> queriesSee(TaskQuery query) {
        return tasks.openTasks(query).items().stream()
                .map(t -> t.task().id() + "=" + t.standing())
                .toList();
    }
}
