package dev.escalation.core;

import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.task.EscalationState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A goal may have several warning thresholds (issue #20): the {@code response} goal (4 h from 09:00) warns
 * at 50 % (11:00) and 75 % (12:00), each once as a step of its own; a late run sends the latest due one
 * and audits the earlier one as skipped; a second run at the same instant changes nothing.
 */
class EngineGoalWarningThresholdsTest {

    private final EngineFixture world = new EngineFixture();

    private final SlaPolicy policy = SlaPolicy.builder("Service Request")
            .goal(new Goal(
                    "response",
                    SlaPolicy.builder("response")
                            .sla(hours(4))
                            .warnings(List.of(
                                    WarningThreshold.of(Warning.at(0.5)), WarningThreshold.of(Warning.at(0.75))))
                            .escalateTo(EscalationTarget.role("director"))
                            .build()))
            .goal(new Goal(
                    "resolution",
                    SlaPolicy.builder("resolution")
                            .sla(hours(8))
                            .noWarning()
                            .escalateTo(EscalationTarget.role("department_head"))
                            .build()))
            .build();

    private final EscalationEngine engine = world.engine(policy).build();

    @Test
    void each_of_a_goals_thresholds_is_sent_once_at_its_own_minute() {
        world.open("SR-1");

        for (long minute = 0; minute <= 4 * 60; minute++) {
            world.at(minutes(minute));
            engine.runOnce();
        }

        assertThat(world.entries(AuditType.WARNING_SENT))
                .extracting(e -> e.stepKey().orElseThrow(), e -> e.occurredAt())
                .containsExactly(
                        tuple("SR-1/0/response/WARNING/1", Instant.parse("2026-01-05T11:00:00Z")),
                        tuple("SR-1/0/response/WARNING/2", Instant.parse("2026-01-05T12:00:00Z")));
        assertThat(world.deliveredKeys())
                .filteredOn(key -> key.contains("WARNING"))
                .hasSize(2)
                .doesNotHaveDuplicates();
        assertThat(world.entries(AuditType.STEP_SKIPPED)).isEmpty();
    }

    @Test
    void a_goals_threshold_is_not_sent_a_minute_before_its_point() {
        world.open("SR-1");
        world.at(minutes(2 * 60 - 1));

        engine.runOnce();

        assertThat(world.entries(AuditType.WARNING_SENT)).isEmpty();
        assertThat(world.task("SR-1").escalation().goals().progress("response").nextCheckAt())
                .contains(Instant.parse("2026-01-05T11:00:00Z"));
    }

    @Test
    void a_late_run_sends_only_the_goals_latest_due_threshold_and_audits_the_earlier_as_skipped() {
        world.open("SR-1");
        world.at(minutes(3 * 60 + 30));

        engine.runOnce();

        assertThat(world.entries(AuditType.WARNING_SENT))
                .extracting(e -> e.stepKey().orElseThrow())
                .containsExactly("SR-1/0/response/WARNING/2");
        assertThat(world.entries(AuditType.STEP_SKIPPED))
                .extracting(e -> e.stepKey().orElseThrow(), e -> e.details().get("skipped"))
                .containsExactly(tuple("SR-1/0/response/WARNING/1", "1"));
        assertThat(world.task("SR-1").escalation().goals().progress("response").warningsSent())
                .isEqualTo(2);
    }

    @Test
    void a_second_run_at_the_same_instant_after_a_goals_threshold_changes_nothing() {
        world.open("SR-1");
        world.at(hours(2));
        engine.runOnce();
        world.at(hours(3));
        engine.runOnce();
        EscalationState after = world.task("SR-1").escalation();
        int delivered = world.notifier.delivered().size();

        RunReport second = engine.runOnce();

        assertThat(second.warnings()).isZero();
        assertThat(world.task("SR-1").escalation()).isEqualTo(after);
        assertThat(world.notifier.delivered()).hasSize(delivered);
        assertThat(world.entries(AuditType.WARNING_SENT)).hasSize(2);
    }
}
