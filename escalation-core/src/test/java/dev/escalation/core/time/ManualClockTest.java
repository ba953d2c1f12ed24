package dev.escalation.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The clock tests move by hand. */
class ManualClockTest {

    @Test
    void stands_still_until_moved() {
        ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z")).isEqualTo(clock.now());
    }

    @Test
    void advances_and_can_be_set_backwards_to_test_clock_skew() {
        ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

        clock.advance(Duration.ofMinutes(90));
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-05T10:30:00Z"));
        clock.set(Instant.parse("2026-01-04T09:00:00Z"));
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-04T09:00:00Z"));
    }

    @Test
    void advancing_by_a_negative_amount_is_rejected() {
        ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must not be negative, but was PT-1S");
    }
}
