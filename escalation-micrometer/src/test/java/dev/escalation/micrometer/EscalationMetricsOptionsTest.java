package dev.escalation.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

class EscalationMetricsOptionsTest {

    @Test
    void defaults_tag_neither_stage_nor_workflow_type_and_cap_at_twenty() {
        EscalationMetricsOptions options = EscalationMetricsOptions.defaults();

        assertThat(options.tagByStage()).isFalse();
        assertThat(options.tagByWorkflowType()).isFalse();
        assertThat(options.maxTagValues()).isEqualTo(20);
        assertThat(options.tags()).isEmpty();
    }

    @Test
    void zero_max_tag_values_is_rejected_naming_field_and_value() {
        assertThatThrownBy(() -> EscalationMetricsOptions.builder().maxTagValues(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTagValues must be between 1 and 1000, but was 0");
    }

    @Test
    void max_tag_values_above_the_limit_is_rejected() {
        assertThatThrownBy(() -> EscalationMetricsOptions.builder().maxTagValues(1001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTagValues must be between 1 and 1000, but was 1001");
    }

    @Test
    void a_fixed_tag_is_added_to_the_options() {
        EscalationMetricsOptions options =
                EscalationMetricsOptions.builder().tag("engine", "billing").build();

        assertThat(options.tags()).containsExactly(Tag.of("engine", "billing"));
    }

    @Test
    void a_blank_tag_key_is_rejected() {
        assertThatThrownBy(() -> EscalationMetricsOptions.builder().tag(" ", "billing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tag key must not be blank, but was ' '");
    }

    @Test
    void a_blank_tag_value_is_rejected_naming_the_key() {
        assertThatThrownBy(() -> EscalationMetricsOptions.builder().tag("engine", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tag 'engine' value must not be blank, but was null");
    }

    @Test
    void a_tag_key_the_meters_use_themselves_is_rejected() {
        assertThatThrownBy(() -> EscalationMetricsOptions.builder().tag("stage", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 'stage'");
    }

    @Test
    void the_same_tag_key_twice_is_rejected() {
        EscalationMetricsOptions.Builder builder =
                EscalationMetricsOptions.builder().tag("engine", "billing");

        assertThatThrownBy(() -> builder.tag("engine", "hr"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tag 'engine' was already set to 'billing'");
    }

    @Test
    void creating_metrics_without_options_is_rejected() {
        assertThatThrownBy(() -> EscalationMetrics.create(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("options must not be null");
    }
}
