package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the engine counts as healthy: recent successful runs, few failures, no notifications given up. */
class EscalationHealthTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final EscalationProperties.Health LIMITS = new EscalationProperties.Health(Duration.ofMinutes(5), 3);

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
    final RunHistory history = new RunHistory(clock);
    final EscalationHealth health = new EscalationHealth(history, clock, LIMITS);

    EscalationEngine engine(EscalationEngine.Builder builder) {
        return builder.policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.role("head"))
                        .build())
                .targets(TargetResolver.roles(Map.of("head", "dora")))
                .listener(history)
                .build();
    }

    @Test
    void is_up_after_a_successful_run() {
        engine(EscalationEngine.builder().repository(repository)).runOnce();

        assertThat(health.check().up()).isTrue();
    }

    @Test
    void is_up_at_start_up_before_the_first_run() {
        assertThat(health.check().up()).isTrue();
    }

    @Test
    void is_down_when_no_run_succeeded_within_the_limit_after_start_up() {
        clock.advance(Duration.ofMinutes(6));

        assertThat(health.check()).satisfies(v -> {
            assertThat(v.up()).isFalse();
            assertThat(v.reason()).contains("no run succeeded");
        });
    }

    @Test
    void is_down_when_the_last_successful_run_is_older_than_the_limit() {
        engine(EscalationEngine.builder().repository(repository)).runOnce();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(health.check()).satisfies(v -> {
            assertThat(v.up()).isFalse();
            assertThat(v.reason()).contains("the last successful run ended");
        });
    }

    @Test
    void is_down_when_runs_failed_the_limit_of_times_in_a_row() {
        EscalationEngine failing = engine(EscalationEngine.builder().repository(new Broken(repository)));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(failing::runOnce).isInstanceOf(RuntimeException.class);
        }

        assertThat(health.check()).satisfies(v -> {
            assertThat(v.up()).isFalse();
            assertThat(v.reason()).isEqualTo("3 runs failed in a row");
            assertThat(v.details()).containsEntry("failedRunsInARow", 3);
        });
    }

    @Test
    void stays_up_while_fewer_runs_than_the_limit_failed() {
        EscalationEngine failing = engine(EscalationEngine.builder().repository(new Broken(repository)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(failing::runOnce).isInstanceOf(RuntimeException.class);
        }

        assertThat(health.check().up()).isTrue();
    }

    @Test
    void is_down_when_the_last_run_gave_notifications_up() {
        EscalationEngine engine = engine(EscalationEngine.builder()
                .repository(repository)
                .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1)))
                .notifier(n -> {
                    throw new IllegalStateException("mail server down");
                }));
        repository.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        clock.advance(Duration.ofHours(25));

        engine.runOnce();

        assertThat(health.check()).satisfies(v -> {
            assertThat(v.up()).isFalse();
            assertThat(v.reason()).contains("notifications up");
        });
    }

    /** A repository whose database is gone. */
    static final class Broken extends ForwardingWorkflowRepository {
        Broken(InMemoryWorkflowRepository delegate) {
            super(delegate);
        }

        @Override
        public Optional<Instant> nextDueAt(RunScope scope) {
            throw new IllegalStateException("database unreachable");
        }

        @Override
        public List<WorkflowTask> claimDue(RunScope scope, int limit) {
            throw new IllegalStateException("database unreachable");
        }
    }
}
