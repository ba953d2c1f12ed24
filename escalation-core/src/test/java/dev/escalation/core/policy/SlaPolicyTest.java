package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a policy says when a setting is left out, and how it is derived and compared. */
class SlaPolicyTest {

    private static final EscalationTarget HEAD = EscalationTarget.role("department_head");
    private static final EscalationTarget DIRECTOR = EscalationTarget.role("director");

    @Test
    void a_minimal_policy_warns_two_hours_ahead_escalates_at_the_deadline_and_re_escalates_daily_without_end() {
        SlaPolicy policy = SlaPolicy.builder("minimal")
                .sla(Duration.ofHours(24))
                .escalateTo(HEAD)
                .build();

        assertThat(policy.warning()).isEqualTo(Warning.before(Duration.ofHours(2)));
        assertThat(policy.warningWindow()).contains(Duration.ofHours(2));
        assertThat(policy.remindEvery()).isEmpty();
        assertThat(policy.maxReminders()).isZero();
        assertThat(policy.levels()).containsExactly(new EscalationLevel(1, HEAD, Duration.ZERO));
        assertThat(policy.reEscalateEvery()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.maxReEscalations()).isEqualTo(SlaPolicy.UNLIMITED);
    }

    @Test
    void reminders_without_a_cap_are_capped_at_three() {
        SlaPolicy policy = SlaPolicy.builder("p")
                .sla(Duration.ofHours(24))
                .remindEvery(Duration.ofHours(1))
                .escalateTo(HEAD)
                .build();

        assertThat(policy.maxReminders())
                .isEqualTo(SlaPolicy.DEFAULT_MAX_REMINDERS)
                .isEqualTo(3);
    }

    @Test
    void a_warning_fraction_becomes_a_window_before_the_deadline() {
        SlaPolicy policy = SlaPolicy.builder("p")
                .sla(Duration.ofHours(24))
                .warnAt(0.75)
                .escalateTo(HEAD)
                .build();

        assertThat(policy.warningWindow()).contains(Duration.ofHours(6));
        assertThat(policy.warning()).isInstanceOf(Warning.AtFraction.class);
    }

    @Test
    void no_warning_means_no_window() {
        SlaPolicy policy = SlaPolicy.builder("p")
                .sla(Duration.ofHours(24))
                .noWarning()
                .escalateTo(HEAD)
                .build();

        assertThat(policy.warning()).isSameAs(Warning.None.INSTANCE);
        assertThat(policy.warningWindow()).isEmpty();
    }

    @Test
    void later_levels_default_to_the_previous_one_plus_the_re_escalation_interval() {
        SlaPolicy policy = SlaPolicy.builder("p")
                .sla(Duration.ofHours(24))
                .escalateTo(HEAD, Duration.ofHours(1))
                .escalateTo(DIRECTOR)
                .escalateTo(EscalationTarget.user("cleo"))
                .reEscalateEvery(Duration.ofHours(6))
                .build();

        assertThat(policy.levels())
                .extracting(EscalationLevel::afterDeadline)
                .containsExactly(Duration.ofHours(1), Duration.ofHours(7), Duration.ofHours(13));
        assertThat(policy.levels()).extracting(EscalationLevel::level).containsExactly(1, 2, 3);
    }

    @Test
    void a_policy_with_escalation_disabled_has_no_levels() {
        SlaPolicy policy = SlaPolicy.builder("p")
                .sla(Duration.ofHours(24))
                .escalateTo(HEAD)
                .escalationEnabled(false)
                .build();

        assertThat(policy.escalationEnabled()).isFalse();
        assertThat(policy.levels()).isEmpty();
    }

    @Test
    void to_builder_rebuilds_an_equal_policy() {
        SlaPolicy policy = SlaPolicy.builder("full")
                .sla(Duration.ofHours(24))
                .warnAt(0.8)
                .remindEvery(Duration.ofHours(4))
                .maxReminders(2)
                .escalateTo(HEAD)
                .escalateTo(DIRECTOR, Duration.ofHours(8))
                .reEscalateEvery(Duration.ofHours(12))
                .maxReEscalations(3)
                .build();

        assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
    }

    @Test
    void to_builder_keeps_the_chain_of_a_policy_whose_escalation_is_disabled() {
        SlaPolicy disabled = SlaPolicy.builder("paused")
                .sla(Duration.ofHours(24))
                .escalateTo(HEAD)
                .escalationEnabled(false)
                .build();

        SlaPolicy reenabled = disabled.toBuilder().escalationEnabled(true).build();

        assertThat(disabled.toBuilder().build()).isEqualTo(disabled);
        assertThat(reenabled.levels()).containsExactly(new EscalationLevel(1, HEAD, Duration.ZERO));
    }

    @Test
    void policies_differing_in_one_setting_are_not_equal() {
        SlaPolicy policy = SlaPolicy.builder("p")
                .sla(Duration.ofHours(24))
                .escalateTo(HEAD)
                .build();

        assertThat(policy).isNotEqualTo(policy.toBuilder().maxReEscalations(1).build());
        assertThat(policy)
                .isNotEqualTo(policy.toBuilder().sla(Duration.ofHours(25)).build());
    }

    @Test
    void to_string_names_the_policy_and_its_schedule() {
        SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .escalateTo(HEAD)
                .build();

        assertThat(policy.toString())
                .contains("Manager Approval", "sla=PT24H", "warningWindow=PT2H", "role:department_head");
    }
}
