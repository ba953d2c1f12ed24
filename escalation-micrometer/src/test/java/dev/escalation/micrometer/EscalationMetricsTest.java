package dev.escalation.micrometer;

import static dev.escalation.micrometer.EngineFixture.START;
import static dev.escalation.micrometer.EscalationMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.NewTask;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters after real {@code runOnce()} calls, with time moved by a {@code ManualClock}. */
class EscalationMetricsTest {

    private final EngineFixture fixture = new EngineFixture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);

    private EscalationEngine engineWithMetrics() {
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics.attach(builder, registry);
        return builder.build();
    }

    @Test
    void counts_each_successful_run_and_the_tasks_it_checked() {
        EscalationEngine engine = engineWithMetrics();
        fixture.open("PO-1", "Manager Approval");
        fixture.open("PO-2", "Manager Approval");

        engine.runOnce();
        fixture.atHour(1);
        engine.runOnce();

        assertThat(meters.count(RUNS, OUTCOME, "success")).isEqualTo(2);
        assertThat(meters.count(RUNS, OUTCOME, "failure")).isZero();
        assertThat(meters.count(TASKS_CHECKED)).isEqualTo(2);
    }

    @Test
    void counts_warnings_reminders_escalations_and_re_escalations_by_kind_and_level() {
        EscalationEngine engine = engineWithMetrics();
        fixture.open("PO-1", "Manager Approval");

        for (double hour : new double[] {0, 22, 23, 24, 32, 56}) {
            fixture.atHour(hour);
            engine.runOnce();
        }

        assertThat(meters.count(STEPS, KIND, "warning", LEVEL, "0")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "reminder", LEVEL, "0")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "escalation", LEVEL, "1")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "escalation", LEVEL, "2")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "re_escalation", LEVEL, "2")).isEqualTo(1);
        assertThat(meters.sum(STEPS)).isEqualTo(5);
        assertThat(meters.sum(STEPS_SKIPPED)).isZero();
    }

    @Test
    void a_late_run_counts_the_step_it_notified_and_the_steps_it_skipped() {
        EscalationEngine engine = engineWithMetrics();
        fixture.open("PO-1", "Manager Approval");
        engine.runOnce();

        fixture.atHour(33);
        engine.runOnce();

        assertThat(meters.sum(STEPS)).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "escalation", LEVEL, "2")).isEqualTo(1);
        assertThat(meters.count(STEPS_SKIPPED, KIND, "warning")).isEqualTo(1);
        assertThat(meters.count(STEPS_SKIPPED, KIND, "reminder")).isEqualTo(1);
        assertThat(meters.count(STEPS_SKIPPED, KIND, "escalation")).isEqualTo(1);
    }

    @Test
    void counts_a_breach_once_when_the_task_first_passes_its_deadline() {
        EscalationEngine engine = engineWithMetrics();
        fixture.open("PO-1", "Manager Approval");

        for (double hour : new double[] {0, 23.5, 24, 25, 32}) {
            fixture.atHour(hour);
            engine.runOnce();
        }

        assertThat(meters.count(SLA_BREACHES)).isEqualTo(1);
    }

    @Test
    void run_duration_timer_records_the_duration_the_engine_measured() {
        EscalationEngine.Builder builder =
                fixture.engine().notifier(notification -> fixture.clock.advance(Duration.ofSeconds(3)));
        EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        engine.runOnce();

        fixture.atHour(22);
        RunReport warningRun = engine.runOnce();

        Timer timer = RequiredSearch.in(registry).name(RUN_DURATION).timer();
        assertThat(warningRun.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(timer.max(TimeUnit.SECONDS)).isEqualTo(3.0);
    }

    @Test
    void counts_notification_attempts_by_outcome_until_a_notification_is_given_up() {
        EscalationEngine engine = engineWithMetrics();
        fixture.open("PO-1", "Manager Approval");
        fixture.open("PO-2", "Manager Approval");
        engine.runOnce();
        fixture.notifier.failWhen(n -> n.taskId().equals("PO-2"));

        fixture.atHour(22);
        engine.runOnce(); // PO-1's warning delivered, PO-2's fails (attempt 1 of 2)
        fixture.atHour(22.5);
        engine.runOnce(); // PO-2's warning fails again: given up

        assertThat(meters.count(NOTIFICATIONS, OUTCOME, "delivered")).isEqualTo(1);
        assertThat(meters.count(NOTIFICATIONS, OUTCOME, "failed")).isEqualTo(1);
        assertThat(meters.count(NOTIFICATIONS, OUTCOME, "given_up")).isEqualTo(1);
    }

    @Test
    void counts_notifications_held_by_the_delivery_window_apart_from_attempts() {
        EscalationEngine.Builder builder = fixture.engine().deliveryWindow((n, now) -> now.plus(Duration.ofHours(8)));
        EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        engine.runOnce();

        fixture.atHour(22);
        engine.runOnce();

        assertThat(meters.count(NOTIFICATIONS_DEFERRED)).isEqualTo(1);
        assertThat(meters.count(NOTIFICATIONS, OUTCOME, "delivered")).isZero();
        assertThat(meters.count(NOTIFICATION_TIMEOUTS)).isZero();
    }

    @Test
    void counts_tasks_without_a_policy_as_task_failures_of_kind_no_policy() {
        EscalationEngine engine = engineWithMetrics();
        fixture.open("X-1", EngineFixture.UNGOVERNED, "Review");
        fixture.open("PO-1", "Manager Approval");

        engine.runOnce();

        assertThat(meters.count(TASK_FAILURES, KIND, "no_policy")).isEqualTo(1);
        assertThat(meters.count(TASK_FAILURES, KIND, "target_unresolved")).isZero();
        assertThat(meters.count(TASK_FAILURES, KIND, "evaluation_failed")).isZero();
    }

    @Test
    void counts_a_transition_that_lost_a_race_with_the_host_as_stale() {
        // The host completes PO-1 after the run has read it and before the run records its warning.
        ForwardingWorkflowRepository racingHost = new ForwardingWorkflowRepository(fixture.tasks) {
            @Override
            public List<String> record(RunScope scope, List<StepTransition> transitions) {
                transitions.stream()
                        .filter(t -> t.taskId().equals("PO-1"))
                        .findAny()
                        .ifPresent(t -> fixture.tasks.complete("PO-1"));
                return super.record(scope, transitions);
            }
        };
        EscalationEngine.Builder builder = fixture.engine(racingHost);
        EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");

        engine.runOnce();

        assertThat(meters.count(STALE_TRANSITIONS)).isEqualTo(1);
        assertThat(meters.sum(STEPS)).isZero();
    }

    @Test
    void sla_gauges_show_the_counts_of_the_last_run() {
        EscalationEngine engine = engineWithMetrics();
        fixture.tasks.open(NewTask.of(
                "BREACHED", "purchase-order", "Manager Approval", "alice", START.minus(Duration.ofHours(2))));
        fixture.open("NEAR", "Manager Approval");
        fixture.open("HELD", "Manager Approval");
        fixture.atHour(20);
        fixture.tasks.open(NewTask.of("FRESH", "purchase-order", "Manager Approval", "alice", fixture.clock.now()));
        fixture.tasks.hold("HELD");

        fixture.atHour(23);
        engine.runOnce();

        assertThat(meters.gauge(TASKS_OPEN)).isEqualTo(4);
        assertThat(meters.gauge(TASKS_ON_HOLD)).isEqualTo(1);
        assertThat(meters.gauge(TASKS_NEAR_BREACH)).isEqualTo(1);
        assertThat(meters.gauge(TASKS_BREACHED)).isEqualTo(1);
    }

    @Test
    void sla_gauges_and_last_success_are_unknown_before_the_first_run() {
        engineWithMetrics();

        assertThat(meters.gauge(TASKS_OPEN)).isNaN();
        assertThat(meters.gauge(TASKS_BREACHED)).isNaN();
        assertThat(meters.gauge(LAST_SUCCESS)).isNaN();
    }

    @Test
    void last_success_gauge_is_when_the_last_successful_run_ended_in_epoch_seconds() {
        EscalationEngine engine = engineWithMetrics();
        engine.runOnce();

        fixture.atHour(3);
        engine.runOnce();

        assertThat(meters.gauge(LAST_SUCCESS))
                .isCloseTo(START.plus(Duration.ofHours(3)).getEpochSecond(), within(0.001));
        assertThat(meters.gaugeMeter(LAST_SUCCESS).getId().getBaseUnit()).isEqualTo("seconds");
    }
}
