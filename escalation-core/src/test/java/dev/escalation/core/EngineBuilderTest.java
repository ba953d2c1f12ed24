package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine builder rejects each bad setting at once, naming it and the value. */
class EngineBuilderTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
    private final SlaPolicy policy = SlaPolicy.builder("p")
            .sla(Duration.ofHours(24))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    @Test
    void an_engine_needs_a_repository() {
        assertThatThrownBy(() -> EscalationEngine.builder().policy(policy).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("repository is required, but was not set");
    }

    @Test
    void an_engine_needs_policies() {
        assertThatThrownBy(
                        () -> EscalationEngine.builder().repository(repository).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("policies are required, but were not set");
    }

    @Test
    void null_collaborators_are_rejected_by_name() {
        EscalationEngine.Builder builder = EscalationEngine.builder();
        assertThatThrownBy(() -> builder.repository(null)).hasMessage("repository must not be null");
        assertThatThrownBy(() -> builder.policies(null)).hasMessage("policies must not be null");
        assertThatThrownBy(() -> builder.policy(null)).hasMessage("policy must not be null");
        assertThatThrownBy(() -> builder.notifier(null)).hasMessage("notifier must not be null");
        assertThatThrownBy(() -> builder.targets(null)).hasMessage("targets must not be null");
        assertThatThrownBy(() -> builder.listener(null)).hasMessage("listener must not be null");
        assertThatThrownBy(() -> builder.notificationRetry(null)).hasMessage("notificationRetry must not be null");
        assertThatThrownBy(() -> builder.tenants(null)).hasMessage("tenants must not be null");
        assertThatThrownBy(() -> builder.deliveryWindow(null)).hasMessage("deliveryWindow must not be null");
    }

    @Test
    void a_batch_size_of_zero_is_rejected() {
        assertThatThrownBy(() -> EscalationEngine.builder().batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be positive, but was 0");
    }

    @Test
    void a_negative_task_cap_is_rejected() {
        assertThatThrownBy(() -> EscalationEngine.builder().maxTasksPerRun(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTasksPerRun must be positive, but was -1");
    }

    @Test
    void a_zero_claim_lease_is_rejected() {
        assertThatThrownBy(() -> EscalationEngine.builder().claimLease(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("claimLease must be positive, but was PT0S");
    }

    @Test
    void a_negative_retry_delay_is_rejected() {
        assertThatThrownBy(() -> EscalationEngine.builder().retryDelay(Duration.ofMinutes(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryDelay must be positive, but was PT-5M");
    }

    @Test
    void a_zero_delivery_timeout_is_rejected() {
        assertThatThrownBy(() -> EscalationEngine.builder().deliveryTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deliveryTimeout must be positive, but was PT0S");
    }

    @Test
    void a_delivery_parallelism_of_zero_is_rejected() {
        assertThatThrownBy(() -> EscalationEngine.builder().deliveryParallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deliveryParallelism must be positive, but was 0");
    }

    @Test
    void a_delivery_timeout_as_long_as_the_claim_lease_is_rejected_at_build() {
        EscalationEngine.Builder builder = EscalationEngine.builder()
                .repository(repository)
                .policy(policy)
                .claimLease(Duration.ofMinutes(2))
                .deliveryTimeout(Duration.ofMinutes(2));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("deliveryTimeout must be shorter than claimLease PT2M, but was PT2M");
    }

    @Test
    void an_engine_reads_its_repositorys_clock_the_one_that_times_host_changes() {
        EscalationEngine engine =
                EscalationEngine.builder().repository(repository).policy(policy).build();

        assertThat(engine.clock()).isSameAs(clock);
        assertThat(engine.runOnce().startedAt()).isEqualTo(clock.now());
    }

    @Test
    void assessing_a_task_without_policy_gives_nothing() {
        EscalationEngine engine = EscalationEngine.builder()
                .repository(repository)
                .policies(task -> Optional.empty())
                .build();
        repository.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));

        assertThat(engine.assess(repository.find("PO-1").orElseThrow())).isEmpty();
    }
}
