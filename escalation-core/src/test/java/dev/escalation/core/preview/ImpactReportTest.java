package dev.escalation.core.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The impact report's records: what they accept, and the JSON they write. */
class ImpactReportTest {

    private static final Instant AT = Instant.parse("2026-01-05T18:00:00Z");

    private static Map<Effect, Long> counts(long earlier) {
        Map<Effect, Long> counts = new EnumMap<>(Effect.class);
        for (Effect effect : Effect.values()) {
            counts.put(effect, 0L);
        }
        counts.put(Effect.EARLIER, earlier);
        return counts;
    }

    private static Map<Effect, List<String>> examples(List<String> earlier) {
        Map<Effect, List<String>> examples = new EnumMap<>(Effect.class);
        for (Effect effect : Effect.values()) {
            examples.put(effect, List.of());
        }
        examples.put(Effect.EARLIER, earlier);
        return examples;
    }

    private static StageImpact stage(String name) {
        return new StageImpact(
                "eight hours",
                name,
                2,
                counts(2),
                examples(List.of("PO-1", "PO-2")),
                Optional.of(new ShiftSummary(2, Duration.ofHours(-16), Duration.ofHours(-16), Duration.ofHours(-8))));
    }

    @Test
    void the_report_writes_itself_as_json_text() {
        PolicyImpact impact = new PolicyImpact(AT, 3, List.of(stage("Manager Approval")), 1, List.of("LR-1"));

        assertThat(impact.toJsonText())
                .isEqualTo("{\"at\":\"2026-01-05T18:00:00Z\",\"tasksRead\":3,\"stages\":[{\"policy\":\"eight hours\","
                        + "\"stage\":\"Manager Approval\",\"tasks\":2,\"counts\":{\"earlier\":2,\"later\":0,\"unchanged\":0,"
                        + "\"breached_at_once\":0,\"notified\":0,\"escalated\":0},\"shift\":{\"tasks\":2,\"min\":\"PT-16H\","
                        + "\"median\":\"PT-16H\",\"max\":\"PT-8H\"},\"examples\":{\"earlier\":[\"PO-1\",\"PO-2\"],\"later\":[],"
                        + "\"unchanged\":[],\"breached_at_once\":[],\"notified\":[],\"escalated\":[]}}],\"ungoverned\":1,"
                        + "\"ungovernedIds\":[\"LR-1\"]}");
        assertThat(impact.total(Effect.EARLIER)).isEqualTo(2);
    }

    @Test
    void json_text_escapes_quotes_backslashes_and_control_characters() {
        PolicyImpact impact = new PolicyImpact(AT, 2, List.of(stage("a \"b\" \\ c\n\r\t\u0001")), 0, List.of());

        assertThat(impact.toJsonText()).contains("\"stage\":\"a \\\"b\\\" \\\\ c\\n\\r\\t\\u0001\"");
    }

    @Test
    void a_stage_impact_without_shifts_writes_no_shift() {
        StageImpact none = new StageImpact("p", "s", 0, counts(0), examples(List.of()), Optional.empty());

        assertThat(new PolicyImpact(AT, 0, List.of(none), 0, List.of()).toJsonText())
                .doesNotContain("\"shift\"");
    }

    @Test
    void a_count_above_the_stage_tasks_is_refused_naming_the_effect() {
        assertThatThrownBy(() -> new StageImpact("p", "s", 1, counts(2), examples(List.of()), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts.EARLIER must be between 0 and tasks 1, but was 2");
    }

    @Test
    void a_missing_example_list_is_refused_naming_the_effect() {
        Map<Effect, List<String>> examples = examples(List.of());
        examples.remove(Effect.NOTIFIED);

        assertThatThrownBy(() -> new StageImpact("p", "s", 0, counts(0), examples, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("examples.NOTIFIED must be present, but was missing");
    }

    @Test
    void shifts_out_of_order_are_refused() {
        assertThatThrownBy(() -> new ShiftSummary(1, Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shifts must satisfy min <= median <= max, but were PT2H, PT1H, PT3H");
        assertThatThrownBy(() -> new ShiftSummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessage("tasks must be positive, but was 0");
    }

    @Test
    void more_ungoverned_tasks_than_tasks_read_are_refused() {
        assertThatThrownBy(() -> new PolicyImpact(AT, 1, List.of(), 2, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tasksRead and ungoverned must satisfy 0 <= ungoverned <= tasksRead, but were 1 and 2");
    }

    @Test
    void stage_figures_refuse_more_in_time_than_completed_and_have_no_compliance_without_completions() {
        assertThatThrownBy(() -> new StageFigures(1, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "counts must satisfy 0 <= completedInTime <= completed and breaches >= 0, but were 2, 1 and 0");
        assertThat(new StageFigures(0, 0, 3).compliance()).isEmpty();
    }

    @Test
    void trail_figures_refuse_negative_counts() {
        assertThatThrownBy(() -> new TrailFigures(Map.of(), -1, 0, 0, Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breaches -1");
    }
}
