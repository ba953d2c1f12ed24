package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.days;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Re-escalations at the last level: every {@code reEscalateEvery} while nobody acts, up to the cap. */
class EngineReEscalationTest {

    private final EngineFixture world = new EngineFixture();

    private SlaPolicy.Builder oneLevel() {
        return SlaPolicy.builder("one level")
                .sla(hours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"));
    }

    @Test
    void re_escalates_at_the_last_level_after_the_interval_and_not_a_minute_earlier() {
        EscalationEngine engine = world.engine(oneLevel().build()).build();
        world.open("PO-1");
        world.at(hours(24));
        engine.runOnce();

        world.at(hours(48).minus(minutes(1)));
        assertThat(engine.runOnce().reEscalations()).isZero();
        world.at(hours(48));
        RunReport report = engine.runOnce();

        assertThat(report.reEscalations()).isEqualTo(1);
        assertThat(world.stepKeys(AuditType.RE_ESCALATED)).containsExactly("PO-1/0/RE_ESCALATION/1");
        assertThat(world.task("PO-1").assignee()).isEqualTo("dora");
        assertThat(world.task("PO-1").escalation().level()).isEqualTo(1);
        assertThat(world.task("PO-1").escalation().reEscalations()).isEqualTo(1);
        assertThat(world.notifier.delivered(NotificationType.RE_ESCALATION))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.recipient()).isEqualTo("dora");
                    assertThat(n.idempotencyKey()).isEqualTo("PO-1/0/RE_ESCALATION/1/assignee");
                });
    }

    @Test
    void re_escalations_repeat_every_interval_without_limit_by_default() {
        EscalationEngine engine =
                world.engine(oneLevel().reEscalateEvery(hours(12)).build()).build();
        world.open("PO-1");

        runHourlyUntil(engine, days(10));

        // Level 1 at 24 h, then every 12 h up to 240 h: 36, 48, ..., 240.
        assertThat(world.entries(AuditType.RE_ESCALATED))
                .hasSize(18)
                .extracting(AuditEntry::occurredAt)
                .startsWith(START.plus(hours(36)), START.plus(hours(48)))
                .endsWith(START.plus(hours(240)));
    }

    @Test
    void re_escalations_stop_at_their_cap_and_nothing_is_due_afterwards() {
        EscalationEngine engine =
                world.engine(oneLevel().maxReEscalations(2).build()).build();
        world.open("PO-1");

        runHourlyUntil(engine, days(10));

        assertThat(world.stepKeys(AuditType.RE_ESCALATED))
                .containsExactly("PO-1/0/RE_ESCALATION/1", "PO-1/0/RE_ESCALATION/2");
        assertThat(world.task("PO-1").escalation().nextCheckAt()).isEmpty();
        assertThat(engine.runOnce().nextDueAt()).isEmpty();
    }

    @Test
    void a_cap_of_zero_means_no_re_escalation() {
        EscalationEngine engine =
                world.engine(oneLevel().maxReEscalations(0).build()).build();
        world.open("PO-1");

        runHourlyUntil(engine, days(5));

        assertThat(world.entries(AuditType.RE_ESCALATED)).isEmpty();
        assertThat(world.entries(AuditType.ESCALATED)).hasSize(1);
    }

    @Test
    void re_escalations_count_from_the_last_level_not_the_first() {
        SlaPolicy twoLevels = SlaPolicy.builder("two levels")
                .sla(hours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"), hours(8))
                .reEscalateEvery(hours(12))
                .build();
        EscalationEngine engine = world.engine(twoLevels).build();
        world.open("PO-1");

        runHourlyUntil(engine, hours(60));

        assertThat(world.entries(AuditType.RE_ESCALATED))
                .extracting(AuditEntry::occurredAt)
                .containsExactly(START.plus(hours(44)), START.plus(hours(56)));
        assertThat(world.notifier.delivered(NotificationType.RE_ESCALATION))
                .allSatisfy(n -> assertThat(n.recipient()).isEqualTo("dirk"));
    }

    private void runHourlyUntil(EscalationEngine engine, Duration end) {
        for (Instant at = START; !at.isAfter(START.plus(end)); at = at.plus(hours(1))) {
            world.clock.set(at);
            engine.runOnce();
        }
    }
}
