package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Claiming due tasks: from their next check on, oldest first, up to the limit, hidden from other
 * runs by a lease, and only those of the run's tenants.
 */
abstract class ClaimingDueTasksContract extends ContractSupport {

    @Test
    void returns_a_task_from_the_instant_of_its_next_check() {
        WorkflowTask task = open("PO-1");
        record(reschedule(task, START.plus(Duration.ofHours(22))));

        clock.set(START.plus(Duration.ofHours(22)).minusSeconds(1));
        assertThat(claim(10)).isEmpty();

        clock.set(START.plus(Duration.ofHours(22)));
        assertThat(ids(claim(10))).containsExactly("PO-1");
    }

    @Test
    void returns_due_tasks_oldest_next_check_first() {
        open("PO-C");
        clock.advance(Duration.ofMinutes(1));
        open("PO-A");
        clock.advance(Duration.ofMinutes(1));
        open("PO-B");

        assertThat(ids(claim(10))).containsExactly("PO-C", "PO-A", "PO-B");
    }

    @Test
    void returns_at_most_the_limit_and_leaves_the_rest_for_the_next_claim() {
        open("PO-1");
        clock.advance(Duration.ofSeconds(1));
        open("PO-2");
        clock.advance(Duration.ofSeconds(1));
        open("PO-3");

        assertThat(ids(claim(2))).containsExactly("PO-1", "PO-2");
        assertThat(ids(claim(2))).containsExactly("PO-3");
    }

    @Test
    void does_not_return_completed_cancelled_or_held_tasks() {
        open("PO-open");
        open("PO-completed");
        open("PO-cancelled");
        open("PO-held");
        store.complete("PO-completed");
        store.cancel("PO-cancelled");
        store.hold("PO-held");

        assertThat(ids(claim(10))).containsExactly("PO-open");
    }

    @Test
    void returns_the_task_as_stored_with_its_version() {
        open("PO-1");
        WorkflowTask stored = store.find("PO-1").orElseThrow();

        assertThat(claim(10)).containsExactly(stored);
    }

    @Test
    void hides_claimed_tasks_from_other_claims_until_the_lease_ends() {
        open("PO-1");
        assertThat(ids(claimAs("runner-a", 10))).containsExactly("PO-1");

        clock.advance(LEASE.minusSeconds(1));
        assertThat(claimAs("runner-b", 10)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-1");
    }

    @Test
    void a_lease_hides_only_the_claimed_tasks() {
        open("PO-1");
        open("PO-2");
        assertThat(ids(claim(1))).containsExactly("PO-1");

        assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-2");
    }

    @Test
    void claims_only_tasks_of_the_requested_tenants() {
        store.open(newTask("PO-acme").withTenant("acme"));
        store.open(newTask("PO-globex").withTenant("globex"));
        store.open(newTask("PO-none"));

        List<WorkflowTask> claimed = repository.claimDue(scope(Set.of("acme")), 10);

        assertThat(ids(claimed)).containsExactly("PO-acme");
    }

    @Test
    void claims_tasks_of_every_tenant_when_no_tenant_is_requested() {
        store.open(newTask("PO-acme").withTenant("acme"));
        store.open(newTask("PO-none"));

        assertThat(ids(claim(10))).containsExactlyInAnyOrder("PO-acme", "PO-none");
    }

    @Test
    void tasks_of_other_tenants_stay_claimable_for_their_own_runner() {
        store.open(newTask("PO-acme").withTenant("acme"));
        store.open(newTask("PO-globex").withTenant("globex"));
        repository.claimDue(scope(Set.of("acme")), 10);

        assertThat(ids(repository.claimDue(scope(Set.of("globex")), 10))).containsExactly("PO-globex");
    }
}
