package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.days;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaStatus;
import dev.escalation.core.task.NewTask;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the host tells the task store - complete, reassign, hold, change priority or stage - steers the engine. */
class EngineHostChangesTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final EscalationEngine engine = world.engine(policy).build();

    @Test
    void completing_a_task_stops_its_escalation() {
        world.open("PO-1");
        world.at(hours(22));
        engine.runOnce();

        world.tasks.complete("PO-1");
        world.at(days(5));
        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isZero();
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
        assertThat(world.entries(AuditType.SLA_BREACHED)).isEmpty();
        assertThat(world.task("PO-1").assignee()).isEqualTo("alice");
    }

    @Test
    void cancelling_a_task_stops_its_escalation() {
        world.open("PO-1");
        world.tasks.cancel("PO-1");
        world.at(days(5));

        assertThat(engine.runOnce().stepsApplied()).isZero();
        assertThat(world.notifier.delivered()).isEmpty();
    }

    @Test
    void a_step_planned_before_the_task_was_completed_is_not_applied() {
        world.open("PO-1");
        world.at(hours(24));
        EscalationEngine racing = world.engine(policy)
                .policies(task -> {
                    world.tasks.complete(task.id()); // the assignee acts while the engine evaluates
                    return java.util.Optional.of(policy);
                })
                .build();

        RunReport report = racing.runOnce();

        assertThat(report.staleTransitions()).isEqualTo(1);
        assertThat(report.escalations()).isZero();
        assertThat(world.notifier.delivered()).isEmpty();
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
    }

    @Test
    void reassigning_restarts_escalation_in_a_new_cycle_with_fresh_keys() {
        world.open("PO-1");
        world.at(hours(24));
        engine.runOnce();
        world.at(hours(30));
        world.tasks.reassign("PO-1", "bob");
        engine.runOnce();

        world.at(hours(30 + 22).minus(minutes(1)));
        assertThat(engine.runOnce().warnings()).isZero();
        world.at(hours(30 + 22));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);
        world.at(hours(30 + 24));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);

        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/0/ESCALATION/1", "PO-1/1/ESCALATION/1");
        assertThat(world.notifier.delivered(NotificationType.WARNING))
                .extracting(Notification::idempotencyKey, Notification::recipient)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PO-1/1/WARNING/1/assignee", "bob"));
        assertThat(world.notifier.delivered(NotificationType.ESCALATION_NOTICE))
                .extracting(Notification::recipient)
                .containsExactly("alice", "bob");
        assertThat(world.deliveredKeys()).doesNotHaveDuplicates();
    }

    @Test
    void nothing_escalates_while_the_task_is_on_hold() {
        world.open("PO-1");
        world.at(hours(10));
        world.tasks.hold("PO-1");

        for (Duration at = hours(11); at.compareTo(days(10)) <= 0; at = at.plus(hours(6))) {
            world.at(at);
            assertThat(engine.runOnce().tasksChecked()).isZero();
        }

        assertThat(world.notifier.delivered()).isEmpty();
        // The trail holds the host's own changes, and nothing of the engine's.
        assertThat(world.audit.entries())
                .extracting(AuditEntry::type)
                .containsExactly(AuditType.TASK_OPENED, AuditType.TASK_HELD);
    }

    @Test
    void resuming_moves_the_deadline_by_the_time_spent_on_hold() {
        world.open("PO-1");
        world.at(hours(10));
        world.tasks.hold("PO-1");
        world.at(hours(40));
        world.tasks.resume("PO-1");

        RunReport resumed = engine.runOnce();
        assertThat(resumed.stepsApplied()).isZero();
        assertThat(resumed.nextDueAt()).contains(START.plus(hours(52)));
        assertThat(world.task("PO-1").escalation().deadline()).contains(START.plus(hours(54)));

        world.at(hours(54).minus(minutes(1)));
        assertThat(engine.runOnce().escalations()).isZero();
        world.at(hours(54));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);
    }

    @Test
    void a_hold_after_the_warning_postpones_the_escalation_and_keeps_the_warning() {
        world.open("PO-1");
        world.at(hours(22));
        engine.runOnce();
        world.at(hours(23));
        world.tasks.hold("PO-1");
        world.at(hours(28));
        world.tasks.resume("PO-1");

        world.at(hours(29).minus(minutes(1)));
        assertThat(engine.runOnce().escalations()).isZero();
        world.at(hours(29));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(world.entries(AuditType.WARNING_SENT)).hasSize(1);
    }

    @Test
    void the_assessment_of_a_held_task_shows_the_time_left_frozen() {
        world.open("PO-1");
        world.at(hours(20));
        world.tasks.hold("PO-1");
        world.at(hours(100));

        assertThat(engine.assess(world.task("PO-1"))).hasValueSatisfying(a -> {
            assertThat(a.status()).isEqualTo(SlaStatus.OK);
            assertThat(a.remaining()).isEqualTo(hours(4));
            assertThat(a.nextChangeAt()).isEmpty();
        });
    }

    @Test
    void raising_the_priority_to_a_shorter_sla_escalates_at_once_when_that_deadline_has_passed() {
        EscalationEngine engine = engineWithAnUrgentPolicyForP1();
        world.open("PO-1");
        world.at(hours(5));
        assertThat(engine.runOnce().stepsApplied()).isZero();

        world.tasks.changePriority("PO-1", "P1");
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(world.task("PO-1").assignee()).isEqualTo("dirk");
        assertThat(world.task("PO-1").escalation().deadline()).contains(START.plus(hours(4)));
        assertThat(world.stepKeys(AuditType.STEP_SKIPPED)).containsExactly("PO-1/0/WARNING/1");
    }

    @Test
    void lowering_the_priority_to_a_longer_sla_moves_the_next_step_later() {
        EscalationEngine engine = engineWithAnUrgentPolicyForP1();
        world.tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START)
                .withPriority("P1"));
        assertThat(engine.runOnce().nextDueAt()).contains(START.plus(hours(3)));

        world.at(hours(2));
        world.tasks.changePriority("PO-1", "normal");
        RunReport report = engine.runOnce();

        assertThat(report.nextDueAt()).contains(START.plus(hours(22)));
        world.at(hours(4));
        assertThat(engine.runOnce().stepsApplied()).isZero();
    }

    @Test
    void a_task_beyond_the_last_level_of_its_new_policy_re_escalates_on_that_policy_schedule() {
        SlaPolicy twoLevels = SlaPolicy.builder("two levels")
                .sla(hours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"), hours(2))
                .build();
        SlaPolicy oneLevel = SlaPolicy.builder("one level")
                .sla(hours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .reEscalateEvery(hours(24))
                .build();
        EscalationEngine engine = world.engine(policy)
                .policies(PolicyRegistry.builder()
                        .register(PolicyKey.stage("Manager Approval").withPriority("low"), oneLevel)
                        .defaultPolicy(twoLevels)
                        .build())
                .build();
        world.open("PO-1");
        world.at(hours(26));
        engine.runOnce();
        assertThat(world.task("PO-1").escalation().level()).isEqualTo(2);

        world.at(hours(30));
        world.tasks.changePriority("PO-1", "low");
        engine.runOnce();
        world.at(hours(48));
        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isEqualTo(1);
        assertThat(report.reEscalations()).isEqualTo(1);
        assertThat(world.task("PO-1").escalation().level()).isEqualTo(2);
        assertThat(world.task("PO-1").escalation().nextCheckAt()).contains(START.plus(hours(72)));
    }

    @Test
    void moving_the_task_to_another_stage_restarts_under_that_stage_policy() {
        SlaPolicy finance = SlaPolicy.builder("Finance Review")
                .sla(hours(8))
                .warnBefore(hours(1))
                .escalateTo(EscalationTarget.role("ceo"))
                .build();
        EscalationEngine engine = world.engine(policy)
                .policies(PolicyRegistry.builder()
                        .register(PolicyKey.stage("Manager Approval"), policy)
                        .register(PolicyKey.stage("Finance Review"), finance)
                        .build())
                .build();
        world.open("PO-1");
        world.at(hours(6));
        world.tasks.changeStage("PO-1", "Finance Review", "fred", START.plus(hours(5)));
        engine.runOnce();

        world.at(hours(13));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(world.task("PO-1").assignee()).isEqualTo("cleo");
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/1/ESCALATION/1");
    }

    /** An engine on which P1 tasks get a 4-hour SLA escalating to the director, and the rest {@link #policy}. */
    private EscalationEngine engineWithAnUrgentPolicyForP1() {
        SlaPolicy urgent = SlaPolicy.builder("urgent")
                .sla(hours(4))
                .warnBefore(hours(1))
                .escalateTo(EscalationTarget.role("director"))
                .build();
        return world.engine(policy)
                .policies(PolicyRegistry.builder()
                        .register(PolicyKey.stage("Manager Approval").withPriority("P1"), urgent)
                        .defaultPolicy(policy)
                        .build())
                .build();
    }
}
