package dev.escalation.micrometer;

import static dev.escalation.micrometer.EngineFixture.START;
import static dev.escalation.micrometer.EscalationMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Steps of a policy with named goals carry the goal as a tag; steps of other policies carry none. */
class GoalMetricsTest {

    private final ManualClock clock = ManualClock.at(START);
    private final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);

    private static final SlaPolicy GOALS = SlaPolicy.builder("Service Request")
            .goal(new Goal(
                    "response",
                    SlaPolicy.builder("response")
                            .sla(Duration.ofHours(4))
                            .warnBefore(Duration.ofHours(1))
                            .escalateTo(EscalationTarget.user("dora"))
                            .build()))
            .goal(new Goal(
                    "resolution",
                    SlaPolicy.builder("resolution")
                            .sla(Duration.ofHours(24))
                            .warnBefore(Duration.ofHours(2))
                            .escalateTo(EscalationTarget.user("erik"))
                            .build()))
            .build();

    private EscalationEngine engine(SlaPolicy policy) {
        EscalationEngine.Builder builder =
                EscalationEngine.builder().repository(tasks).policy(policy).notifier(new RecordingNotifier());
        EscalationMetrics.attach(builder, registry);
        return builder.build();
    }

    @Test
    void each_goals_steps_count_under_its_goal_tag() {
        EscalationEngine engine = engine(GOALS);
        tasks.open(NewTask.of("SR-1", "service-request", "Triage", "alice", START));

        for (int hour : new int[] {0, 3, 4, 22, 24}) {
            clock.set(START.plus(Duration.ofHours(hour)));
            engine.runOnce();
        }

        assertThat(meters.count(STEPS, KIND, "warning", GOAL, "response")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "escalation", GOAL, "response")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "warning", GOAL, "resolution")).isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "escalation", GOAL, "resolution")).isEqualTo(1);
    }

    @Test
    void steps_of_a_policy_without_goals_carry_no_goal_tag() {
        EscalationEngine engine = engine(EngineFixture.POLICY);
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();

        assertThat(registry.find(STEPS).counters())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getId().getTag(GOAL)).isNull());
        assertThat(registry.find(STEPS).counters()).extracting(Counter::count).containsOnly(1.0);
    }
}
