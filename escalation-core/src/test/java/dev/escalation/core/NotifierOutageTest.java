package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's outage (the demo's scenario S8, shortened): the mail server goes down at the escalation
 * and stays down for 3 hours while the host runs the engine every minute. Under the default retry
 * policy every notification is delivered once the server is back, and none is given up.
 */
class NotifierOutageTest {

    private static final SlaPolicy POLICY = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    private final EngineFixture world = new EngineFixture();

    @Test
    void a_three_hour_outage_from_the_escalation_loses_no_notification_under_the_default_retries() {
        EscalationEngine engine = world.engine(POLICY)
                .notificationRetry(NotificationRetryPolicy.defaults())
                .build();
        world.open("PO-1");
        world.open("PO-2");
        Instant escalation = EngineFixture.START.plus(Duration.ofHours(24));
        Instant outageEnd = escalation.plus(Duration.ofHours(3));
        world.at(Duration.ofHours(22));
        engine.runOnce(); // the warnings go out before the outage
        world.notifier.failWhen(n ->
                !world.clock.now().isBefore(escalation) && world.clock.now().isBefore(outageEnd));

        int givenUp = 0;
        for (Instant now = escalation; !now.isAfter(outageEnd.plus(Duration.ofHours(3))); now = now.plusSeconds(60)) {
            world.clock.set(now);
            givenUp += engine.runOnce().notificationsGivenUp();
        }

        assertThat(givenUp).isZero();
        assertThat(world.entries(AuditType.NOTIFICATION_GIVEN_UP)).isEmpty();
        assertThat(world.notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactlyInAnyOrder(
                        "PO-1/0/WARNING/1/assignee",
                        "PO-2/0/WARNING/1/assignee",
                        "PO-1/0/ESCALATION/1/new-assignee",
                        "PO-1/0/ESCALATION/1/previous-assignee",
                        "PO-2/0/ESCALATION/1/new-assignee",
                        "PO-2/0/ESCALATION/1/previous-assignee");
        assertThat(world.notifier.attempts())
                .as("the escalation notices were tried during the outage, not only after it")
                .hasSizeGreaterThan(6);
    }
}
