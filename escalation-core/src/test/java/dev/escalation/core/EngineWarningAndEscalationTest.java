package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warning before the deadline and the escalation levels after it, minute by minute. */
class EngineWarningAndEscalationTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final EscalationEngine engine = world.engine(policy).build();

    @Test
    void warning_is_sent_at_the_warning_minute_and_not_one_earlier() {
        world.open("PO-1");
        engine.runOnce();

        world.at(hours(22).minus(minutes(1)));
        assertThat(engine.runOnce().warnings()).isZero();

        world.at(hours(22));
        RunReport report = engine.runOnce();

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(world.notifier.delivered(NotificationType.WARNING))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice"));
        assertThat(world.stepKeys(AuditType.WARNING_SENT)).containsExactly("PO-1/0/WARNING/1");
    }

    @Test
    void warning_is_sent_once_however_often_the_engine_runs_before_the_deadline() {
        world.open("PO-1");
        for (Duration at = hours(22); at.compareTo(hours(24)) < 0; at = at.plus(minutes(10))) {
            world.at(at);
            engine.runOnce();
        }

        assertThat(world.notifier.delivered(NotificationType.WARNING)).hasSize(1);
        assertThat(world.entries(AuditType.WARNING_SENT)).hasSize(1);
    }

    @Test
    void warning_without_a_window_falls_due_two_hours_before_the_deadline_by_default() {
        SlaPolicy defaults = SlaPolicy.builder("defaults")
                .sla(hours(8))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        EscalationEngine engine = world.engine(defaults).build();
        world.open("PO-1");

        world.at(hours(6).minus(minutes(1)));
        assertThat(engine.runOnce().warnings()).isZero();
        world.at(hours(6));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);
    }

    @Test
    void warning_at_a_fraction_falls_due_when_that_share_of_the_sla_has_passed() {
        SlaPolicy threeQuarters = SlaPolicy.builder("three quarters")
                .sla(hours(24))
                .warnAt(0.75)
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        EscalationEngine engine = world.engine(threeQuarters).build();
        world.open("PO-1");

        world.at(hours(18).minus(minutes(1)));
        assertThat(engine.runOnce().warnings()).isZero();
        world.at(hours(18));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);
    }

    @Test
    void a_policy_without_warning_sends_none_and_still_escalates() {
        SlaPolicy silent = SlaPolicy.builder("silent")
                .sla(hours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        EscalationEngine engine = world.engine(silent).build();
        world.open("PO-1");

        world.at(hours(23));
        assertThat(engine.runOnce().warnings()).isZero();
        world.at(hours(24));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.stepsSkipped()).isZero();
        assertThat(world.notifier.delivered(NotificationType.WARNING)).isEmpty();
    }

    @Test
    void level_one_is_not_reached_a_minute_before_the_deadline() {
        world.open("PO-1");
        world.at(hours(24).minus(minutes(1)));

        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isZero();
        assertThat(world.task("PO-1").assignee()).isEqualTo("alice");
        assertThat(world.task("PO-1").escalation().level()).isZero();
    }

    @Test
    void level_one_escalation_reassigns_at_the_deadline_and_notifies_both_assignees() {
        world.open("PO-1");
        world.at(hours(22));
        engine.runOnce();

        world.at(hours(24));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.escalationsByLevel()).containsExactly(Map.entry(1, 1));
        assertThat(world.task("PO-1").assignee()).isEqualTo("dora");
        assertThat(world.task("PO-1").escalation().level()).isEqualTo(1);
        assertThat(world.notifier.delivered(NotificationType.ESCALATION))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora"));
        assertThat(world.notifier.delivered(NotificationType.ESCALATION_NOTICE))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice"));
        assertThat(world.entries(AuditType.ESCALATED)).singleElement().satisfies(e -> {
            assertThat(e.fromAssignee()).contains("alice");
            assertThat(e.toAssignee()).contains("dora");
            assertThat(e.level()).isEqualTo(1);
            assertThat(e.stepKey()).contains("PO-1/0/ESCALATION/1");
        });
    }

    @Test
    void the_breach_is_audited_once_when_the_deadline_is_first_seen_passed() {
        world.open("PO-1");
        world.at(hours(24));
        RunReport first = engine.runOnce();
        world.at(hours(30));
        RunReport second = engine.runOnce();

        assertThat(first.breaches()).isEqualTo(1);
        assertThat(second.breaches()).isZero();
        assertThat(world.entries(AuditType.SLA_BREACHED))
                .singleElement()
                .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(START.plus(hours(24))));
    }

    @Test
    void level_two_is_reached_after_its_delay_past_the_deadline() {
        SlaPolicy twoLevels = SlaPolicy.builder("two levels")
                .sla(hours(24))
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"), hours(8))
                .build();
        EscalationEngine engine = world.engine(twoLevels).build();
        world.open("PO-1");
        world.at(hours(24));
        engine.runOnce();

        world.at(hours(32).minus(minutes(1)));
        assertThat(engine.runOnce().escalations()).isZero();
        world.at(hours(32));
        RunReport report = engine.runOnce();

        assertThat(report.escalationsByLevel()).containsExactly(Map.entry(2, 1));
        assertThat(world.task("PO-1").assignee()).isEqualTo("dirk");
        assertThat(world.notifier.delivered(NotificationType.ESCALATION))
                .extracting(Notification::recipient)
                .containsExactly("dora", "dirk");
        assertThat(world.notifier.delivered(NotificationType.ESCALATION_NOTICE))
                .extracting(Notification::recipient)
                .containsExactly("alice", "dora");
    }

    @Test
    void a_later_level_without_a_delay_follows_the_one_before_by_the_re_escalation_interval() {
        SlaPolicy chain = SlaPolicy.builder("chain")
                .sla(hours(24))
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"))
                .reEscalateEvery(hours(12))
                .build();
        EscalationEngine engine = world.engine(chain).build();
        world.open("PO-1");
        world.at(hours(24));
        engine.runOnce();

        world.at(hours(36).minus(minutes(1)));
        assertThat(engine.runOnce().escalations()).isZero();
        world.at(hours(36));
        assertThat(engine.runOnce().escalationsByLevel()).containsExactly(Map.entry(2, 1));
    }

    @Test
    void an_escalation_to_the_same_user_sends_no_notice_to_the_previous_assignee() {
        SlaPolicy toDora = SlaPolicy.builder("to dora")
                .sla(hours(24))
                .escalateTo(EscalationTarget.user("dora"))
                .build();
        EscalationEngine engine = world.engine(toDora).build();
        world.tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "dora", START));
        world.at(hours(24));

        engine.runOnce();

        assertThat(world.notifier.delivered())
                .extracting(Notification::type)
                .containsExactly(NotificationType.ESCALATION);
    }

    @Test
    void disabled_escalation_still_warns_and_reminds_but_never_reassigns() {
        SlaPolicy remindOnly = SlaPolicy.builder("remind only")
                .sla(hours(24))
                .warnBefore(hours(2))
                .remindEvery(hours(4))
                .maxReminders(3)
                .escalationEnabled(false)
                .build();
        EscalationEngine engine = world.engine(remindOnly).build();
        world.open("PO-1");

        for (Duration at = hours(1); at.compareTo(hours(72)) <= 0; at = at.plus(hours(1))) {
            world.at(at);
            engine.runOnce();
        }

        assertThat(world.task("PO-1").assignee()).isEqualTo("alice");
        assertThat(world.task("PO-1").escalation().level()).isZero();
        assertThat(world.stepKeys(AuditType.WARNING_SENT)).containsExactly("PO-1/0/WARNING/1");
        assertThat(world.stepKeys(AuditType.REMINDER_SENT))
                .containsExactly("PO-1/0/REMINDER/1", "PO-1/0/REMINDER/2", "PO-1/0/REMINDER/3");
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
        assertThat(world.entries(AuditType.RE_ESCALATED)).isEmpty();
        assertThat(world.entries(AuditType.SLA_BREACHED)).hasSize(1);
    }
}
