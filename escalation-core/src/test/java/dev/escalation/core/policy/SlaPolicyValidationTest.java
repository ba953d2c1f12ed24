package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One test per bad setting: each is rejected with a message naming the policy, the field and the value. */
class SlaPolicyValidationTest {

    private static final EscalationTarget HEAD = EscalationTarget.role("department_head");

    private SlaPolicy.Builder valid() {
        return SlaPolicy.builder("Manager Approval").sla(Duration.ofHours(24)).escalateTo(HEAD);
    }

    @Test
    void a_blank_name_is_rejected() {
        assertThatThrownBy(() -> SlaPolicy.builder(" "))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy name must not be blank, but was ' '");
        assertThatThrownBy(() -> SlaPolicy.builder(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy name must not be blank, but was null");
    }

    @Test
    void a_missing_sla_is_rejected() {
        assertThatThrownBy(() ->
                        SlaPolicy.builder("Manager Approval").escalateTo(HEAD).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': sla is required, but was not set");
    }

    @Test
    void a_zero_sla_is_rejected() {
        assertThatThrownBy(() -> SlaPolicy.builder("Manager Approval").sla(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': sla must be positive, but was PT0S");
    }

    @Test
    void a_negative_sla_is_rejected() {
        assertThatThrownBy(() -> SlaPolicy.builder("Manager Approval").sla(Duration.ofHours(-24)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': sla must be positive, but was PT-24H");
    }

    @Test
    void a_zero_warning_window_is_rejected() {
        assertThatThrownBy(() -> valid().warnBefore(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': warnBefore must be positive, but was PT0S");
    }

    @Test
    void a_warning_window_as_long_as_the_sla_is_rejected() {
        assertThatThrownBy(() -> valid().warnBefore(Duration.ofHours(24)).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': warnBefore must be shorter than sla PT24H, but was PT24H");
    }

    @Test
    void a_warning_window_longer_than_the_sla_is_rejected() {
        assertThatThrownBy(() -> valid().warnBefore(Duration.ofHours(30)).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': warnBefore must be shorter than sla PT24H, but was PT30H");
    }

    @Test
    void the_default_two_hour_warning_is_rejected_for_an_sla_of_two_hours_and_says_how_to_fix_it() {
        assertThatThrownBy(() -> SlaPolicy.builder("Quick Check")
                        .sla(Duration.ofHours(2))
                        .escalateTo(HEAD)
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Quick Check': warnBefore must be shorter than sla PT2H, but was PT2H"
                        + " (the default; set warnBefore, warnAt or noWarning())");
    }

    @Test
    void an_sla_of_two_hours_works_with_its_own_warning_window_or_none() {
        SlaPolicy.builder("Quick Check")
                .sla(Duration.ofHours(2))
                .warnBefore(Duration.ofMinutes(30))
                .escalateTo(HEAD)
                .build();
        SlaPolicy.builder("Quick Check")
                .sla(Duration.ofHours(2))
                .warnAt(0.5)
                .escalateTo(HEAD)
                .build();
        SlaPolicy.builder("Quick Check")
                .sla(Duration.ofHours(2))
                .noWarning()
                .escalateTo(HEAD)
                .build();
    }

    @Test
    void a_warning_fraction_of_zero_is_rejected() {
        assertThatThrownBy(() -> valid().warnAt(0.0))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "policy 'Manager Approval': warnAt must be a fraction strictly between 0 and 1, but was 0.0");
    }

    @Test
    void a_warning_fraction_of_one_is_rejected() {
        assertThatThrownBy(() -> valid().warnAt(1.0))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageEndingWith("warnAt must be a fraction strictly between 0 and 1, but was 1.0");
    }

    @Test
    void a_negative_warning_fraction_is_rejected() {
        assertThatThrownBy(() -> valid().warnAt(-0.25))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageEndingWith("but was -0.25");
    }

    @Test
    void a_warning_fraction_above_one_is_rejected() {
        assertThatThrownBy(() -> valid().warnAt(1.5))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageEndingWith("but was 1.5");
    }

    @Test
    void a_warning_fraction_that_is_not_a_number_is_rejected() {
        assertThatThrownBy(() -> valid().warnAt(Double.NaN))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageEndingWith("but was NaN");
    }

    @Test
    void a_warning_window_and_a_warning_fraction_together_conflict() {
        assertThatThrownBy(() ->
                        valid().warnBefore(Duration.ofHours(2)).warnAt(0.75).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': set either warnBefore (PT2H) or warnAt (0.75), not both");
    }

    @Test
    void a_zero_reminder_interval_is_rejected() {
        assertThatThrownBy(() -> valid().remindEvery(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': remindEvery must be positive, but was PT0S");
    }

    @Test
    void a_negative_reminder_interval_is_rejected() {
        assertThatThrownBy(() -> valid().remindEvery(Duration.ofMinutes(-30)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': remindEvery must be positive, but was PT-30M");
    }

    @Test
    void a_negative_reminder_cap_is_rejected() {
        assertThatThrownBy(() -> valid().maxReminders(-1))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': maxReminders must not be negative, but was -1");
    }

    @Test
    void a_zero_re_escalation_interval_is_rejected() {
        assertThatThrownBy(() -> valid().reEscalateEvery(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': reEscalateEvery must be positive, but was PT0S");
    }

    @Test
    void a_negative_re_escalation_interval_is_rejected() {
        assertThatThrownBy(() -> valid().reEscalateEvery(Duration.ofHours(-1)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': reEscalateEvery must be positive, but was PT-1H");
    }

    @Test
    void a_negative_re_escalation_cap_is_rejected() {
        assertThatThrownBy(() -> valid().maxReEscalations(-2))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': maxReEscalations must not be negative, but was -2");
    }

    @Test
    void a_level_before_the_deadline_is_rejected() {
        assertThatThrownBy(() -> valid().escalateTo(EscalationTarget.role("director"), Duration.ofHours(-1)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "policy 'Manager Approval': escalation level 2 afterDeadline must not be negative, but was PT-1H");
    }

    @Test
    void an_empty_chain_with_escalation_enabled_is_rejected() {
        assertThatThrownBy(() -> SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "policy 'Manager Approval': escalation levels must not be empty while escalation is enabled, but was []");
    }

    @Test
    void an_empty_chain_is_fine_when_escalation_is_disabled() {
        SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .escalationEnabled(false)
                .build();
    }

    @Test
    void levels_going_backwards_are_rejected() {
        assertThatThrownBy(() -> SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(HEAD, Duration.ofHours(4))
                        .escalateTo(EscalationTarget.role("director"), Duration.ofHours(2))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(
                        "policy 'Manager Approval': escalation level 2 afterDeadline must be later than level 1's PT4H, but was PT2H");
    }

    @Test
    void two_levels_at_the_same_delay_are_rejected() {
        assertThatThrownBy(() -> SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(HEAD)
                        .escalateTo(EscalationTarget.role("director"), Duration.ZERO)
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(
                        "escalation level 2 afterDeadline must be later than level 1's PT0S, but was PT0S");
    }

    @Test
    void a_null_target_is_rejected_as_an_invalid_policy_naming_the_level() {
        assertThatThrownBy(() -> valid().escalateTo(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': escalation level 2 target must not be null");
    }

    @Test
    void a_null_duration_is_rejected_as_an_invalid_policy_naming_the_field() {
        assertThatThrownBy(() -> valid().remindEvery(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': remindEvery must not be null");
    }

    @Test
    void a_null_calendar_is_rejected_as_an_invalid_policy() {
        assertThatThrownBy(() -> valid().calendar(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy 'Manager Approval': calendar must not be null");
    }
}
