package dev.escalation.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The count of applied warning thresholds on a task's state (issue 20). */
class WarningsSentTest {

    private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

    private static EscalationState state(Optional<Instant> warnedAt, int warningsSent) {
        return new EscalationState(
                0,
                warnedAt,
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Attention.NONE,
                warningsSent);
    }

    @Test
    void a_state_warned_before_thresholds_existed_counts_one_applied_threshold() {
        EscalationState asStoredBefore = new EscalationState(
                0,
                Optional.of(AT),
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(asStoredBefore.warningsSent()).isEqualTo(1);
        assertThat(state(Optional.of(AT), 0)).isEqualTo(asStoredBefore);
    }

    @Test
    void a_state_never_warned_counts_none() {
        assertThat(EscalationState.initial(0).warningsSent()).isZero();
    }

    @Test
    void the_count_survives_a_new_next_check_and_policy() {
        EscalationState thrice = state(Optional.of(AT), 3);

        assertThat(thrice.withNextCheckAt(Optional.of(AT))
                        .withPolicy(Optional.empty())
                        .warningsSent())
                .isEqualTo(3);
    }

    @Test
    void a_negative_count_is_refused() {
        assertThatThrownBy(() -> state(Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warningsSent=-1");
    }
}
