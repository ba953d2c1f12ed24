package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When work that the run could claim falls due: the earliest next check or notification attempt of
 * the scope's tenants, a task under another run's lease counted at the lease's end.
 */
abstract class NextDueAtContract extends ContractSupport {

    @Test
    void is_empty_when_nothing_is_stored() {
        assertThat(repository.nextDueAt(scope())).isEmpty();
    }

    @Test
    void is_the_earliest_next_check_of_an_open_task() {
        WorkflowTask first = open("PO-1");
        WorkflowTask second = open("PO-2");
        record(reschedule(first, START.plus(Duration.ofHours(5))));
        record(reschedule(second, START.plus(Duration.ofHours(3))));

        assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofHours(3)));
    }

    @Test
    void ignores_completed_and_held_tasks() {
        WorkflowTask open = open("PO-open");
        record(reschedule(open, START.plus(Duration.ofHours(5))));
        open("PO-completed");
        open("PO-held");
        store.complete("PO-completed");
        store.hold("PO-held");

        assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofHours(5)));
    }

    @Test
    void includes_a_notification_retry_that_falls_due_before_any_task() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
        WorkflowTask task = store.find("PO-1").orElseThrow();
        record(reschedule(task, START.plus(Duration.ofHours(5))));
        Instant retryAt = START.plus(Duration.ofMinutes(2));

        repository.recordDeliveries(
                scope(), List.of(DeliveryOutcome.retry(key(pending), 1, retryAt, "smtp down", START)));

        assertThat(repository.nextDueAt(scope())).contains(retryAt);
    }

    @Test
    void leaves_out_tasks_of_tenants_outside_the_scope() {
        WorkflowTask acme = store.open(newTask("PO-acme").withTenant("acme"));
        record(reschedule(acme, START.plus(Duration.ofHours(5))));
        store.open(newTask("PO-globex").withTenant("globex"));

        assertThat(repository.nextDueAt(scope(Set.of("acme")))).contains(START.plus(Duration.ofHours(5)));
        assertThat(repository.nextDueAt(scope(Set.of("globex")))).contains(START);
    }

    @Test
    void leaves_out_notifications_of_tenants_outside_the_scope() {
        WorkflowTask globex = store.open(newTask("PO-globex").withTenant("globex"));
        recordDueNow(transition(
                globex,
                globex.assignee(),
                globex.escalation().withNextCheckAt(Optional.empty()),
                List.of(notification("PO-globex/0/WARNING/1/assignee", globex))));

        assertThat(repository.nextDueAt(scope(Set.of("acme")))).isEmpty();
        assertThat(repository.nextDueAt(scope(Set.of("globex")))).contains(START);
    }

    @Test
    void counts_a_task_that_another_run_holds_at_the_end_of_its_lease() {
        open("PO-1");
        claimAs("runner-b", 10);

        assertThat(repository.nextDueAt(scope())).contains(START.plus(LEASE));
    }

    @Test
    void counts_a_held_task_at_its_lease_end_only_while_an_unheld_task_is_not_due_earlier() {
        open("PO-held");
        claimAs("runner-b", 10);
        clock.advance(Duration.ofMinutes(1));
        open("PO-free");

        assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void counts_a_task_whose_lease_expired_at_its_next_check() {
        open("PO-1");
        claimAs("runner-b", 10);
        clock.set(START.plus(LEASE).plusSeconds(1));

        assertThat(repository.nextDueAt(scope())).contains(START);
    }

    @Test
    void forgets_delivered_notifications() {
        PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
        store.complete("PO-1");

        repository.recordDeliveries(scope(), List.of(DeliveryOutcome.delivered(key(pending), 0, START)));

        assertThat(repository.nextDueAt(scope())).isEmpty();
    }
}
