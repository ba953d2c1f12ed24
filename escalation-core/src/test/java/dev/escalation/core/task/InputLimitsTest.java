package dev.escalation.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits themselves, at their edges; the contract's hostile-input groups prove every store applies them. */
class InputLimitsTest {

    @Test
    void a_surrogate_pair_anywhere_is_text_and_a_half_pair_at_either_end_is_not() {
        assertThat(InputLimits.text("name", "\uD83D\uDE00a\uD83D\uDE00")).isEqualTo("\uD83D\uDE00a\uD83D\uDE00");

        assertThatThrownBy(() -> InputLimits.text("name", "ab\uD83D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not contain a lone surrogate (U+D83D at index 2)");
        assertThatThrownBy(() -> InputLimits.text("name", "\uDE00ab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not contain a lone surrogate (U+DE00 at index 0)");
    }

    @Test
    void a_name_of_exactly_the_limit_is_accepted_and_one_more_character_is_not() {
        assertThat(InputLimits.name("stage", "s".repeat(200))).hasSize(200);

        assertThatThrownBy(() -> InputLimits.name("stage", "s".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage must be at most 200 characters, but had 201");
    }

    @Test
    void a_blank_name_is_refused_as_before() {
        assertThatThrownBy(() -> InputLimits.name("stage", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage must not be blank, but was ' '");
    }

    @Test
    void attributes_with_a_null_name_or_value_are_refused_naming_them() {
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "x");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("note", null);

        assertThatThrownBy(() -> InputLimits.attributes(nullName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute name must not be null");
        assertThatThrownBy(() -> InputLimits.attributes(nullValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute 'note' must not be null");
    }

    @Test
    void the_latest_instant_is_accepted_and_one_microsecond_later_is_not() {
        assertThat(InputLimits.instant("at", InputLimits.LATEST_INSTANT)).isEqualTo(InputLimits.LATEST_INSTANT);

        assertThatThrownBy(() -> InputLimits.instant("at", InputLimits.LATEST_INSTANT.plusNanos(1_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, but was"
                        + " +10000-01-01T00:00:00Z");
    }

    @Test
    void an_instant_is_kept_to_the_microsecond() {
        assertThat(InputLimits.instant("at", Instant.parse("2026-01-05T09:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2026-01-05T09:00:00.123456Z"));
    }

    @Test
    void a_new_task_applies_the_limits_in_its_constructor() {
        assertThatThrownBy(() -> NewTask.of("PO-1", "purchase-order", "Approval", "alice", Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("slaStart must be between");
    }
}
