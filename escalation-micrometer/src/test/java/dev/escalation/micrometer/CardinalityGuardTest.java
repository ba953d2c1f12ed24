package dev.escalation.micrometer;

import static dev.escalation.micrometer.EscalationMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tags stay bounded: stage and workflow type only on request, and never more values than the cap. */
class CardinalityGuardTest {

    private final EngineFixture fixture = new EngineFixture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);

    private EscalationEngine engine(EscalationMetricsOptions options) {
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics.attach(builder, registry, options);
        return builder.build();
    }

    /** Opens one task per stage, then runs at the warning point so that each task gets a warning. */
    private void warnTasksInStages(EscalationEngine engine, String... stages) {
        for (int i = 0; i < stages.length; i++) {
            fixture.open("PO-" + i, stages[i]);
        }
        fixture.atHour(22);
        engine.runOnce();
    }

    private Set<String> tagValues(String name, String key) {
        return registry.find(name).meters().stream()
                .map(m -> m.getId().getTag(key))
                .collect(Collectors.toSet());
    }

    @Test
    void step_counters_carry_neither_stage_nor_workflow_type_by_default() {
        EscalationEngine engine = engine(EscalationMetricsOptions.defaults());

        warnTasksInStages(engine, "Manager Approval", "Finance Approval");

        assertThat(registry.find(STEPS).meters())
                .singleElement()
                .satisfies(m ->
                        assertThat(m.getId().getTags()).extracting(Tag::getKey).containsExactlyInAnyOrder(KIND, LEVEL));
        assertThat(meters.count(STEPS, KIND, "warning", LEVEL, "0")).isEqualTo(2);
    }

    @Test
    void stages_beyond_the_cap_are_counted_as_other() {
        EscalationEngine engine = engine(EscalationMetricsOptions.builder()
                .tagByStage(true)
                .maxTagValues(2)
                .build());

        warnTasksInStages(engine, "Manager Approval", "Finance Approval", "Legal Review", "CEO Sign-off");

        assertThat(tagValues(STEPS, STAGE)).hasSize(3).contains(OTHER);
        assertThat(meters.sum(STEPS, STAGE, OTHER)).isEqualTo(2);
        assertThat(meters.sum(STEPS)).isEqualTo(4);
    }

    @Test
    void a_stage_admitted_under_the_cap_keeps_its_own_series_later() {
        EscalationEngine engine = engine(EscalationMetricsOptions.builder()
                .tagByStage(true)
                .maxTagValues(1)
                .build());
        fixture.open("PO-1", "Manager Approval");
        fixture.atHour(22);
        engine.runOnce();
        fixture.open("PO-2", "Legal Review");

        fixture.atHour(23);
        engine.runOnce();

        assertThat(meters.count(STEPS, KIND, "reminder", LEVEL, "0", STAGE, "Manager Approval"))
                .isEqualTo(1);
        assertThat(meters.count(STEPS, KIND, "reminder", LEVEL, "0", STAGE, OTHER))
                .isEqualTo(1);
    }

    @Test
    void workflow_types_beyond_the_cap_are_counted_as_other() {
        EscalationEngine engine = engine(EscalationMetricsOptions.builder()
                .tagByWorkflowType(true)
                .maxTagValues(1)
                .build());
        fixture.open("PO-1", "purchase-order", "Manager Approval");
        fixture.open("LV-1", "leave-request", "Manager Approval");
        fixture.open("EX-1", "expense-claim", "Manager Approval");

        fixture.atHour(22);
        engine.runOnce();

        assertThat(tagValues(STEPS, WORKFLOW_TYPE)).hasSize(2).contains(OTHER);
        assertThat(meters.sum(STEPS, WORKFLOW_TYPE, OTHER)).isEqualTo(2);
    }

    @Test
    void levels_are_capped_like_any_other_bounded_tag() {
        EscalationEngine engine =
                engine(EscalationMetricsOptions.builder().maxTagValues(2).build());
        fixture.open("PO-1", "Manager Approval");

        for (double hour : new double[] {22, 24, 32}) {
            fixture.atHour(hour);
            engine.runOnce();
        }

        assertThat(tagValues(STEPS, LEVEL)).containsExactlyInAnyOrder("0", "1", OTHER);
        assertThat(meters.count(STEPS, KIND, "escalation", LEVEL, OTHER)).isEqualTo(1);
    }

    @Test
    void no_meter_is_tagged_by_task_id_assignee_or_recipient() {
        EscalationEngine engine = engine(EscalationMetricsOptions.builder()
                .tagByStage(true)
                .tagByWorkflowType(true)
                .build());
        fixture.open("PO-1", "Manager Approval");
        for (double hour : new double[] {0, 22, 23, 24, 32, 56}) {
            fixture.atHour(hour);
            engine.runOnce();
        }

        Set<String> keys = registry.getMeters().stream()
                .map(Meter::getId)
                .flatMap(id -> id.getTags().stream())
                .map(Tag::getKey)
                .collect(Collectors.toSet());
        Set<String> values = registry.getMeters().stream()
                .map(Meter::getId)
                .flatMap(id -> id.getTags().stream())
                .map(Tag::getValue)
                .collect(Collectors.toSet());

        assertThat(keys).containsExactlyInAnyOrder(OUTCOME, KIND, LEVEL, STAGE, WORKFLOW_TYPE);
        assertThat(values).doesNotContain("PO-1", "alice", "dora", "erik");
    }
}
