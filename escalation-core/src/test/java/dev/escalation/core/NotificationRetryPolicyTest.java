package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How failed notifications are retried, and which retry policies make no sense. */
class NotificationRetryPolicyTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void the_defaults_try_six_times_doubling_from_one_minute() {
        NotificationRetryPolicy defaults = NotificationRetryPolicy.defaults();

        assertThat(defaults.maxAttempts()).isEqualTo(6);
        assertThat(defaults.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.backoffAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(defaults.backoffAfter(5)).isEqualTo(Duration.ofMinutes(16));
    }

    @Test
    void the_backoff_never_exceeds_the_maximum_even_after_very_many_failures() {
        NotificationRetryPolicy policy = new NotificationRetryPolicy(100, MINUTE, 2.0, Duration.ofHours(1));

        assertThat(policy.backoffAfter(7)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.backoffAfter(99)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_multiplier_of_one_waits_the_same_every_time() {
        NotificationRetryPolicy policy =
                new NotificationRetryPolicy(5, Duration.ofSeconds(30), 1.0, Duration.ofMinutes(5));

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void zero_attempts_are_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(0, MINUTE, 2.0, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be positive, but was 0");
    }

    @Test
    void a_zero_initial_backoff_is_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, Duration.ZERO, 2.0, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialBackoff must be positive, but was PT0S");
    }

    @Test
    void a_multiplier_below_one_is_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, MINUTE, 0.5, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multiplier must be a finite number of at least 1.0, but was 0.5");
    }

    @Test
    void a_multiplier_that_is_not_a_finite_number_is_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, MINUTE, Double.NaN, MINUTE))
                .hasMessageContaining("but was NaN");
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, MINUTE, Double.POSITIVE_INFINITY, MINUTE))
                .hasMessageContaining("but was Infinity");
    }

    @Test
    void a_negative_maximum_backoff_is_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, MINUTE, 2.0, MINUTE.negated()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff must be positive, but was PT-1M");
    }

    @Test
    void a_maximum_backoff_shorter_than_the_first_is_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, Duration.ofMinutes(10), 2.0, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff must not be shorter than initialBackoff PT10M, but was PT5M");
    }
}
