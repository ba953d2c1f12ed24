package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory repository's operator actions, in core's own terms (the testkit's
 * OperatorActionsContract runs the full contract on it too), and the checks of their records.
 */
class OperatorActionsInMemoryTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final String KEY = "PO-1/0/WARNING/1/assignee";

    private final ManualClock clock = ManualClock.at(START);
    private final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(repository)
            .policy(SlaPolicy.builder("Manager Approval")
                    .sla(Duration.ofHours(24))
                    .warnBefore(Duration.ofHours(2))
                    .escalateTo(EscalationTarget.user("dora"))
                    .build())
            .notifier(notifier)
            .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1)))
            .build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void a_redelivered_warning_is_delivered_with_its_key_and_a_repeat_of_the_request_changes_nothing() {
        giveUpTheWarning();
        notifier.recover();

        Redelivery first = repository.redeliver(RedeliveryRequest.one("r-1", "olga", KEY));
        Redelivery again = repository.redeliver(RedeliveryRequest.one("r-1", "olga", KEY));
        engine.runOnce();

        assertThat(first.requeued()).containsExactly(KEY);
        assertThat(again.repeated()).isTrue();
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactly(KEY);
    }

    @Test
    void a_task_and_a_time_range_select_what_was_given_up() {
        giveUpTheWarning();
        Instant givenUp = clock.now();

        assertThat(repository
                        .redeliver(RedeliveryRequest.givenUpBetween("r-1", "olga", START, givenUp))
                        .requeued())
                .isEmpty();
        assertThat(repository
                        .redeliver(RedeliveryRequest.givenUpBetween("r-2", "olga", givenUp, givenUp.plusSeconds(1)))
                        .requeued())
                .containsExactly(KEY);
        assertThat(repository
                        .redeliver(RedeliveryRequest.ofTask("r-3", "olga", "PO-1"))
                        .requeued())
                .isEmpty();
    }

    @Test
    void a_notification_given_up_again_after_a_redelivery_gets_a_second_audit_entry() {
        giveUpTheWarning();
        repository.redeliver(RedeliveryRequest.ofTask("r-1", "olga", "PO-1"));

        engine.runOnce();

        assertThat(repository.auditTrail().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .hasSize(2);
    }

    @Test
    void a_paused_policy_fires_nothing_and_is_named_to_the_engine_until_resumed() {
        repository.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        assertThat(repository.pausePolicy("Manager Approval", "olga")).isTrue();
        clock.set(START.plus(Duration.ofHours(23)));

        assertThat(engine.runOnce().stepsApplied()).isZero();
        assertThat(repository.pausedPolicies(scope())).containsExactly("Manager Approval");
        assertThat(repository.pausedPolicies()).containsExactly(new PolicyPause("Manager Approval", "olga", START));

        assertThat(repository.resumePolicy("Manager Approval", "ivan")).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);
        assertThat(repository.auditTrail().entriesFor("policy:Manager Approval"))
                .extracting(e -> e.type() + " " + e.actor())
                .containsExactly("POLICY_PAUSED olga", "POLICY_RESUMED ivan");
        assertThat(repository.resumePolicy("Manager Approval", "ivan")).isFalse();
    }

    @Test
    void a_request_without_an_operator_names_the_field() {
        assertThatThrownBy(() -> RedeliveryRequest.one("r-1", "", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator");
    }

    @Test
    void an_empty_time_range_is_refused_with_both_instants() {
        assertThatThrownBy(() -> RedeliveryRequest.givenUpBetween("r-1", "olga", START, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("until must be after from " + START + ", but was " + START);
    }

    @Test
    void a_repeated_redelivery_cannot_claim_to_have_requeued_anything() {
        assertThatThrownBy(() -> new Redelivery("r-1", true, List.of(KEY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a repeated request requeues nothing, but requeued was [" + KEY + "]");
    }

    @Test
    void a_policy_entry_is_only_a_pause_or_a_resumption() {
        assertThatThrownBy(() -> OperatorAudit.policy(AuditType.TASK_OPENED, "Manager Approval", "olga", START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type must be POLICY_PAUSED or POLICY_RESUMED, but was TASK_OPENED");
    }

    @Test
    void a_blank_policy_name_is_refused_before_anything_is_stored() {
        assertThatThrownBy(() -> repository.pausePolicy(" ", "olga"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policyName");
        assertThatThrownBy(() -> repository.resumePolicy("Manager Approval", "\0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator");

        assertThat(repository.pausedPolicies()).isEmpty();
        assertThat(repository.auditTrail().entries()).isEmpty();
    }

    private void giveUpTheWarning() {
        notifier.failWhen(n -> true);
        repository.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();
        assertThat(repository.auditTrail().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .hasSize(1);
    }

    private RunScope scope() {
        return new RunScope("run", clock.now(), clock.now().plusSeconds(60), Set.of());
    }
}
