package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The outbox: the notifications of applied transitions, stored once, handed to one run at a time
 * once the recording run's lease has passed, then delivered, retried or given up as the engine reports.
 */
abstract class OutboxContract extends ContractSupport {

    @Test
    void stores_the_notifications_of_a_recorded_transition_and_hands_them_out_after_the_run_lets_go() {
        WorkflowTask task = claimOne(open("PO-1"));
        Notification warning = notification("PO-1/0/WARNING/1/assignee", task);
        Instant redeliverAfter = START.plus(LEASE); // the recording run's lease

        record(transition(task, task.assignee(), task.escalation(), List.of(warning)));

        assertThat(claimNotifications(10)).isEmpty();
        clock.set(redeliverAfter);
        assertThat(claimNotifications(10)).singleElement().satisfies(p -> {
            assertThat(p.notification()).isEqualTo(warning);
            assertThat(p.attempts()).isZero();
        });
    }

    @Test
    void does_not_store_the_notifications_of_a_rejected_transition() {
        WorkflowTask task = open("PO-1");
        store.changePriority("PO-1", "P1");

        repository.record(
                scope(),
                List.of(transition(
                        task,
                        task.assignee(),
                        task.escalation(),
                        List.of(notification("PO-1/0/WARNING/1/assignee", task)))));

        clock.advance(Duration.ofDays(1));
        assertThat(claimNotifications(10)).isEmpty();
    }

    @Test
    void stores_a_notification_key_only_once() {
        WorkflowTask task = open("PO-1");
        Notification warning = notification("PO-1/0/WARNING/1/assignee", task);
        recordDueNow(transition(task, task.assignee(), task.escalation(), List.of(warning)));
        WorkflowTask next = store.find("PO-1").orElseThrow();

        recordDueNow(transition(next, next.assignee(), next.escalation(), List.of(warning)));

        assertThat(claimNotifications(10)).hasSize(1);
    }

    @Test
    void hides_claimed_notifications_from_other_claims_until_the_lease_ends() {
        storeNotifications("PO-1", "PO-1/0/WARNING/1/assignee");
        assertThat(claimNotifications(10)).hasSize(1);

        clock.advance(LEASE.minusSeconds(1));
        assertThat(claimNotifications(10)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(claimNotifications(10)).hasSize(1);
    }

    @Test
    void hands_out_due_notifications_oldest_first_up_to_the_limit() {
        storeNotifications("PO-1", "PO-1/0/WARNING/1/assignee");
        clock.advance(Duration.ofMinutes(1));
        storeNotifications("PO-2", "PO-2/0/WARNING/1/assignee");
        clock.advance(Duration.ofMinutes(1));
        storeNotifications("PO-3", "PO-3/0/WARNING/1/assignee");

        assertThat(keys(claimNotifications(2)))
                .containsExactly("PO-1/0/WARNING/1/assignee", "PO-2/0/WARNING/1/assignee");
        assertThat(keys(claimNotifications(2))).containsExactly("PO-3/0/WARNING/1/assignee");
    }

    @Test
    void a_delivered_notification_is_never_handed_out_again() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");

        repository.recordDeliveries(scope(), List.of(DeliveryOutcome.delivered(key(pending), 0, clock.now())));

        clock.advance(Duration.ofDays(30));
        assertThat(claimNotifications(10)).isEmpty();
    }

    @Test
    void a_failed_notification_is_handed_out_again_at_its_next_attempt_with_its_attempt_count() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
        Instant retryAt = clock.now().plus(Duration.ofMinutes(2));

        repository.recordDeliveries(
                scope(), List.of(DeliveryOutcome.retry(key(pending), 1, retryAt, "smtp down", clock.now())));

        clock.set(retryAt.minusSeconds(1));
        assertThat(claimNotifications(10)).isEmpty();
        clock.set(retryAt);
        assertThat(claimNotifications(10)).singleElement().satisfies(p -> {
            assertThat(key(p)).isEqualTo("PO-1/0/WARNING/1/assignee");
            assertThat(p.attempts()).isEqualTo(1);
        });
    }

    @Test
    void a_deferred_notification_is_handed_out_again_when_its_window_opens_with_its_attempts_unchanged() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
        Instant windowOpens = clock.now().plus(Duration.ofHours(9));
        repository.recordDeliveries(
                scope(), List.of(DeliveryOutcome.retry(key(pending), 2, clock.now(), "smtp down", clock.now())));
        PendingNotification retried = claimNotifications(10).get(0);

        repository.recordDeliveries(
                scope(), List.of(DeliveryOutcome.deferred(key(retried), 2, windowOpens, clock.now())));

        clock.set(windowOpens.minusSeconds(1));
        assertThat(claimNotifications(10)).isEmpty();
        clock.set(windowOpens);
        assertThat(claimNotifications(10)).singleElement().satisfies(p -> {
            assertThat(key(p)).isEqualTo("PO-1/0/WARNING/1/assignee");
            assertThat(p.attempts()).isEqualTo(2);
        });
    }

    @Test
    void a_given_up_notification_is_never_handed_out_again() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");

        repository.recordDeliveries(
                scope(), List.of(DeliveryOutcome.givenUp(key(pending), 6, "smtp down", clock.now())));

        clock.advance(Duration.ofDays(30));
        assertThat(claimNotifications(10)).isEmpty();
    }

    @Test
    void hands_out_only_notifications_of_the_requested_tenants() {
        WorkflowTask acme = store.open(newTask("PO-acme").withTenant("acme"));
        WorkflowTask globex = store.open(newTask("PO-globex").withTenant("globex"));
        recordDueNow(transition(
                acme, acme.assignee(), acme.escalation(), List.of(notification("PO-acme/0/WARNING/1/assignee", acme))));
        recordDueNow(transition(
                globex,
                globex.assignee(),
                globex.escalation(),
                List.of(notification("PO-globex/0/WARNING/1/assignee", globex))));

        List<PendingNotification> claimed = repository.claimNotifications(scope(Set.of("acme")), 10);

        assertThat(keys(claimed)).containsExactly("PO-acme/0/WARNING/1/assignee");
    }

    @Test
    void notifications_survive_the_completion_of_their_task() {
        storeNotifications("PO-1", "PO-1/0/ESCALATION/1/new-assignee");
        store.complete("PO-1");

        assertThat(keys(claimNotifications(10))).containsExactly("PO-1/0/ESCALATION/1/new-assignee");
    }
}
