package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How failed notifications are retried, and which retry policies make no sense. */
class NotificationRetryPolicyTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    // Golden values: the jitter is a pure function of key and attempt, so these never change.
    private static final Duration JITTERED_1 = Duration.ofMillis(70_288); // 1 min + 17.1 % of it
    private static final Duration JITTERED_8 = Duration.ofHours(2).plusMillis(36_206); // 2 h + 0.5 %
    private static final Duration OTHER_KEY_8 =
            Duration.ofHours(2).plusMinutes(8).plusMillis(55_368); // 2 h + 7.4 %

    @Test
    void the_defaults_try_twenty_times_doubling_from_one_minute_to_two_hours() {
        NotificationRetryPolicy defaults = NotificationRetryPolicy.defaults();

        assertThat(defaults.maxAttempts()).isEqualTo(20);
        assertThat(defaults.jitter()).isEqualTo(0.2);
        assertThat(defaults.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.backoffAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(defaults.backoffAfter(7)).isEqualTo(Duration.ofMinutes(64));
        assertThat(defaults.backoffAfter(8)).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.backoffAfter(19)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void the_defaults_keep_trying_for_at_least_26_hours_and_at_most_31_hours_20_minutes() {
        NotificationRetryPolicy defaults = NotificationRetryPolicy.defaults();
        Duration least = Duration.ZERO;
        Duration most = Duration.ZERO;
        Duration keyed = Duration.ZERO;

        for (int failed = 1; failed < defaults.maxAttempts(); failed++) {
            least = least.plus(defaults.backoffAfter(failed));
            most = most.plus(defaults.backoffAfter(failed).multipliedBy(6).dividedBy(5));
            keyed = keyed.plus(defaults.backoffAfter(failed, "PO-1/0/ESCALATION/1/new-assignee"));
        }

        assertThat(least).isEqualTo(Duration.ofHours(26).plusMinutes(7));
        assertThat(most).isEqualTo(Duration.ofHours(31).plusMinutes(20).plusSeconds(24));
        assertThat(keyed).isBetween(least, most);
    }

    @Test
    void the_jitter_follows_from_the_key_and_the_attempt_alone() {
        NotificationRetryPolicy defaults = NotificationRetryPolicy.defaults();

        assertThat(defaults.backoffAfter(1, "PO-1/0/WARNING/1/assignee")).isEqualTo(JITTERED_1);
        assertThat(defaults.backoffAfter(8, "PO-1/0/WARNING/1/assignee")).isEqualTo(JITTERED_8);
        assertThat(defaults.backoffAfter(8, "PO-2/0/WARNING/1/assignee")).isEqualTo(OTHER_KEY_8);
        assertThat(defaults.backoffAfter(8, "PO-1/0/WARNING/1/assignee"))
                .isEqualTo(NotificationRetryPolicy.defaults().backoffAfter(8, "PO-1/0/WARNING/1/assignee"));
    }

    @Test
    void the_jitter_only_adds_to_the_wait_and_at_most_its_share() {
        NotificationRetryPolicy defaults = NotificationRetryPolicy.defaults();

        for (int key = 0; key < 1_000; key++) {
            Duration wait = defaults.backoffAfter(8, "PO-" + key + "/0/WARNING/1/assignee");
            assertThat(wait).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(24));
        }
    }

    @Test
    void a_policy_without_jitter_waits_the_nominal_backoff_for_every_key() {
        NotificationRetryPolicy policy = new NotificationRetryPolicy(5, MINUTE, 2.0, Duration.ofHours(1));

        assertThat(policy.jitter()).isZero();
        assertThat(policy.backoffAfter(3, "PO-1/0/WARNING/1/assignee")).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void a_jitter_above_one_is_rejected() {
        assertThatThrownBy(() -> new NotificationRetryPolicy(3, MINUTE, 2.0, MINUTE, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be between 0.0 and 1.0, but was 1.5");
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
