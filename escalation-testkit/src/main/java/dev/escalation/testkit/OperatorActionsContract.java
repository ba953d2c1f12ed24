package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.PolicyPause;
import dev.escalation.core.operations.Redelivery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link OperatorActions} must do, driven through a real engine: redelivering
 * given-up notifications (one, of a task, given up in a time range) once per request, with their
 * keys, audited with the operator; and pausing a policy so that none of its steps fires, with a late
 * run's catch-up on resume. Extend it, return a fresh, empty store from {@link #createFixture}:
 *
 * <pre>{@code
 * class MyStoreOperatorActionsTest extends OperatorActionsContract {
 *     @Override
 *     protected Fixture createFixture(ManualClock clock) {
 *         InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
 *         return new Fixture(repository, repository, repository.auditTrail(), repository, () -> {});
 *     }
 * }
 * }</pre>
 */
public abstract class OperatorActionsContract {

    /** For subclasses: one test class per store and database. */
    protected OperatorActionsContract() {}

    /**
     * A store under test, seen through its four faces.
     *
     * @param repository the engine's side
     * @param store      the host's side, timed by the given clock
     * @param audit      the audit trail it keeps
     * @param actions    the operator's side
     * @param onClose    releases what the fixture holds, run after each test
     */
    public record Fixture(
            WorkflowRepository repository,
            TaskStore store,
            AuditTrail audit,
            OperatorActions actions,
            AutoCloseable onClose) {

        /**
         * A fixture; every part is required.
         *
         * @param repository the engine's side
         * @param store      the host's side
         * @param audit      the audit trail
         * @param actions    the operator's side
         * @param onClose    releases what the fixture holds
         */
        public Fixture {}
    }

    /**
     * A fresh, empty store timed by {@code clock}.
     *
     * @param clock the test's only source of time
     * @return the store's parts
     */
    protected abstract Fixture createFixture(ManualClock clock);

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final String POLICY = "Manager Approval";
    private static final String WARNING_KEY = "PO-1/0/WARNING/1/assignee";

    private final ManualClock clock = ManualClock.at(START);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private Fixture fixture;
    private OperatorActions actions;
    private EscalationEngine engine;

    @BeforeEach
    void createTheStore() {
        fixture = createFixture(clock);
        actions = fixture.actions();
        engine = EscalationEngine.builder()
                .repository(fixture.repository())
                .policy(SlaPolicy.builder(POLICY)
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(2))
                        .escalateTo(EscalationTarget.role("department_head"))
                        .build())
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                // One attempt: a failure gives the notification up at once.
                .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1)))
                .build();
    }

    @AfterEach
    void closeTheStore() throws Exception {
        engine.close();
        fixture.onClose().close();
    }

    // ---- redelivery ---------------------------------------------------------------------------

    @Test
    void redelivering_a_given_up_notification_delivers_it_again_with_the_same_key() {
        giveUpTheWarningOf("PO-1");
        notifier.recover();

        Redelivery done = actions.redeliver(RedeliveryRequest.one("request-1", "olga", WARNING_KEY));
        engine.runOnce();

        assertThat(done).isEqualTo(new Redelivery("request-1", false, List.of(WARNING_KEY)));
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactly(WARNING_KEY);
    }

    @Test
    void the_same_request_sent_twice_redelivers_once_and_says_it_was_a_repeat() {
        giveUpTheWarningOf("PO-1");
        notifier.recover();
        actions.redeliver(RedeliveryRequest.one("request-1", "olga", WARNING_KEY));

        Redelivery again = actions.redeliver(RedeliveryRequest.one("request-1", "ivan", WARNING_KEY));
        engine.runOnce();
        engine.runOnce();

        assertThat(again).isEqualTo(new Redelivery("request-1", true, List.of()));
        assertThat(notifier.delivered()).hasSize(1);
        assertThat(fixture.audit().entriesOf(AuditType.NOTIFICATION_REDELIVERY_REQUESTED))
                .hasSize(1);
    }

    @Test
    void a_second_request_for_a_notification_already_put_back_requeues_nothing() {
        giveUpTheWarningOf("PO-1");
        actions.redeliver(RedeliveryRequest.one("request-1", "olga", WARNING_KEY));

        Redelivery second = actions.redeliver(RedeliveryRequest.one("request-2", "ivan", WARNING_KEY));

        assertThat(second).isEqualTo(new Redelivery("request-2", false, List.of()));
    }

    @Test
    void a_redelivery_is_audited_with_the_operator_and_the_request() {
        giveUpTheWarningOf("PO-1");

        actions.redeliver(RedeliveryRequest.one("request-1", "olga", WARNING_KEY));

        assertThat(fixture.audit().entriesOf(AuditType.NOTIFICATION_REDELIVERY_REQUESTED))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.taskId()).isEqualTo("PO-1");
                    assertThat(entry.actor()).isEqualTo("olga");
                    assertThat(entry.stepKey()).contains(WARNING_KEY);
                    assertThat(entry.occurredAt()).isEqualTo(clock.now());
                    assertThat(entry.details())
                            .containsEntry("operator", "olga")
                            .containsEntry("request", "request-1");
                });
    }

    @Test
    void a_redelivered_notification_given_up_again_is_audited_again() {
        giveUpTheWarningOf("PO-1");
        actions.redeliver(RedeliveryRequest.one("request-1", "olga", WARNING_KEY));

        engine.runOnce();

        assertThat(fixture.audit().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .hasSize(2)
                .extracting(AuditEntry::id)
                .doesNotHaveDuplicates();
    }

    @Test
    void redelivering_a_task_puts_back_every_notification_of_it_that_was_given_up() {
        notifier.failWhen(n -> true);
        open("PO-1");
        open("PO-2");
        clock.set(START.plus(Duration.ofHours(24))); // both escalate: two notices each, both given up
        engine.runOnce();
        notifier.recover();

        Redelivery done = actions.redeliver(RedeliveryRequest.ofTask("request-1", "olga", "PO-1"));
        engine.runOnce();

        assertThat(done.requeued())
                .containsExactly("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
        assertThat(notifier.delivered()).extracting(Notification::taskId).containsOnly("PO-1");
    }

    @Test
    void redelivering_a_time_range_puts_back_only_what_was_given_up_in_it() {
        giveUpTheWarningOf("PO-1");
        Instant firstGivenUp = clock.now();
        giveUpTheWarningOf("PO-2"); // opened then, given up 22 hours later

        Redelivery done = actions.redeliver(RedeliveryRequest.givenUpBetween(
                "request-1", "olga", firstGivenUp, firstGivenUp.plus(Duration.ofHours(1))));

        assertThat(done.requeued()).containsExactly(WARNING_KEY);
    }

    @Test
    void a_delivered_notification_is_not_redelivered() {
        open("PO-1");
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();

        Redelivery done = actions.redeliver(RedeliveryRequest.one("request-1", "olga", WARNING_KEY));
        engine.runOnce();

        assertThat(done.requeued()).isEmpty();
        assertThat(notifier.delivered()).hasSize(1);
    }

    // ---- pausing a policy ---------------------------------------------------------------------

    @Test
    void while_a_policy_is_paused_none_of_its_steps_fires() {
        open("PO-1");
        actions.pausePolicy(POLICY, "olga");

        for (int hour = 1; hour <= 30; hour++) {
            clock.set(START.plus(Duration.ofHours(hour)));
            assertThat(engine.runOnce().stepsApplied())
                    .as("steps at hour %s", hour)
                    .isZero();
        }

        assertThat(notifier.attempts()).isEmpty();
        assertThat(fixture.store().find("PO-1").orElseThrow().assignee()).isEqualTo("alice");
    }

    @Test
    void on_resume_a_paused_task_catches_up_with_one_step_and_audits_the_rest_as_skipped() {
        open("PO-1");
        actions.pausePolicy(POLICY, "olga");
        clock.set(START.plus(Duration.ofHours(26))); // past the warning (22 h) and the deadline (24 h)
        engine.runOnce();

        actions.resumePolicy(POLICY, "olga");
        clock.advance(Duration.ofMinutes(5)); // the engine's retryDelay: when paused tasks are checked again
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.warnings()).isZero();
        assertThat(notifier.delivered())
                .extracting(Notification::type)
                .containsExactlyInAnyOrder(NotificationType.ESCALATION, NotificationType.ESCALATION_NOTICE);
        assertThat(fixture.audit().entriesOf(AuditType.STEP_SKIPPED))
                .singleElement()
                .satisfies(entry -> assertThat(entry.taskId()).isEqualTo("PO-1"));
    }

    @Test
    void a_pause_keeps_the_sla_clock_running() {
        open("PO-1");
        actions.pausePolicy(POLICY, "olga");
        clock.set(START.plus(Duration.ofHours(12)));
        engine.runOnce();
        actions.resumePolicy(POLICY, "olga");

        clock.set(START.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(5)));
        RunReport report = engine.runOnce();

        // Twelve paused hours still count: the task escalates 24 hours after its SLA start.
        assertThat(report.escalations()).isEqualTo(1);
        assertThat(fixture.store().find("PO-1").orElseThrow().escalation().deadline())
                .contains(START.plus(Duration.ofHours(24)));
    }

    @Test
    void pausing_and_resuming_are_audited_with_the_operator() {
        actions.pausePolicy(POLICY, "olga");
        clock.advance(Duration.ofMinutes(1));
        actions.resumePolicy(POLICY, "ivan");

        assertThat(fixture.audit().entriesFor("policy:" + POLICY))
                .extracting(AuditEntry::type, AuditEntry::actor, AuditEntry::occurredAt)
                .containsExactly(
                        tuple(AuditType.POLICY_PAUSED, "olga", START),
                        tuple(AuditType.POLICY_RESUMED, "ivan", START.plus(Duration.ofMinutes(1))));
    }

    @Test
    void a_paused_policy_is_listed_with_its_operator_until_it_is_resumed() {
        assertThat(actions.pausePolicy(POLICY, "olga")).isTrue();
        assertThat(actions.pausePolicy(POLICY, "ivan")).isFalse();

        assertThat(actions.pausedPolicies()).containsExactly(new PolicyPause(POLICY, "olga", START));
        assertThat(actions.resumePolicy(POLICY, "olga")).isTrue();
        assertThat(actions.resumePolicy(POLICY, "olga")).isFalse();
        assertThat(actions.pausedPolicies()).isEmpty();
    }

    @Test
    void a_blank_operator_is_refused_before_anything_is_stored() {
        assertThatThrownBy(() -> actions.pausePolicy(POLICY, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator");

        assertThat(actions.pausedPolicies()).isEmpty();
        assertThat(fixture.audit().entries()).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void open(String taskId) {
        fixture.store().open(NewTask.of(taskId, "purchase-order", POLICY, "alice", clock.now()));
    }

    /** Opens the task at the clock's instant and runs the engine at its warning with the notifier down. */
    private void giveUpTheWarningOf(String taskId) {
        notifier.failWhen(n -> true);
        open(taskId);
        clock.advance(Duration.ofHours(22));
        engine.runOnce();
        assertThat(fixture.audit().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .as("given up")
                .isNotEmpty();
    }
}
