package dev.escalation.micrometer;

import static dev.escalation.micrometer.EngineFixture.START;
import static dev.escalation.micrometer.EscalationMeterNames.LAST_SUCCESS;
import static dev.escalation.micrometer.EscalationMeterNames.OUTCOME;
import static dev.escalation.micrometer.EscalationMeterNames.RUNS;
import static dev.escalation.micrometer.EscalationMeterNames.RUN_DURATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A repository that fails makes runOnce() throw; the meters count the failure and keep the last success. */
class RunFailureMetricsTest {

    private final EngineFixture fixture = new EngineFixture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);
    private boolean databaseDown;
    private EscalationEngine engine;

    @BeforeEach
    void engineOverARepositoryThatCanFail() {
        // A database that is down fails every call: the run's first question as well as its claims.
        ForwardingWorkflowRepository repository = new ForwardingWorkflowRepository(fixture.tasks) {
            @Override
            public Optional<Instant> nextDueAt(RunScope scope) {
                if (databaseDown) {
                    throw new IllegalStateException("connection refused (simulated)");
                }
                return super.nextDueAt(scope);
            }

            @Override
            public List<WorkflowTask> claimDue(RunScope scope, int limit) {
                if (databaseDown) {
                    throw new IllegalStateException("connection refused (simulated)");
                }
                return super.claimDue(scope, limit);
            }
        };
        EscalationEngine.Builder builder = fixture.engine(repository);
        EscalationMetrics.attach(builder, registry);
        engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
    }

    @Test
    void a_failed_run_counts_as_a_run_with_outcome_failure() {
        engine.runOnce();
        databaseDown = true;
        fixture.atHour(1);

        assertThatThrownBy(engine::runOnce).isInstanceOf(EscalationRunException.class);

        assertThat(meters.count(RUNS, OUTCOME, "failure")).isEqualTo(1);
        assertThat(meters.count(RUNS, OUTCOME, "success")).isEqualTo(1);
    }

    @Test
    void a_failed_run_leaves_the_last_success_where_it_was() {
        engine.runOnce();
        databaseDown = true;
        fixture.atHour(1);

        assertThatThrownBy(engine::runOnce).isInstanceOf(EscalationRunException.class);

        assertThat(meters.gauge(LAST_SUCCESS)).isEqualTo(START.getEpochSecond());
    }

    @Test
    void a_failed_run_is_not_timed_as_a_successful_one() {
        databaseDown = true;

        assertThatThrownBy(engine::runOnce).isInstanceOf(EscalationRunException.class);

        assertThat(RequiredSearch.in(registry).name(RUN_DURATION).timer().count())
                .isZero();
        assertThat(meters.gauge(LAST_SUCCESS)).isNaN();
    }

    @Test
    void the_first_success_after_failures_moves_the_last_success() {
        databaseDown = true;
        assertThatThrownBy(engine::runOnce).isInstanceOf(EscalationRunException.class);

        databaseDown = false;
        fixture.clock.advance(Duration.ofMinutes(5));
        engine.runOnce();

        assertThat(meters.gauge(LAST_SUCCESS))
                .isEqualTo(START.plus(Duration.ofMinutes(5)).getEpochSecond());
    }
}
