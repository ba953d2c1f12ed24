package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Escalation targets written as text: {@code user:NAME}, {@code role:NAME} or a bare role name. */
class EscalationTargetTest {

    @Test
    void user_prefix_names_a_user() {
        assertThat(EscalationTarget.parse("user:carol")).isEqualTo(EscalationTarget.user("carol"));
    }

    @Test
    void role_prefix_names_a_role() {
        assertThat(EscalationTarget.parse("role:department_head")).isEqualTo(EscalationTarget.role("department_head"));
    }

    @Test
    void a_bare_name_is_a_role_as_in_the_original_stage_definitions() {
        assertThat(EscalationTarget.parse("department_head")).isEqualTo(EscalationTarget.role("department_head"));
    }

    @Test
    void prefixes_ignore_case_and_surrounding_spaces() {
        assertThat(EscalationTarget.parse(" User : carol ")).isEqualTo(EscalationTarget.user("carol"));
        assertThat(EscalationTarget.parse("ROLE:director")).isEqualTo(EscalationTarget.role("director"));
    }

    @Test
    void text_form_round_trips() {
        assertThat(EscalationTarget.user("carol")).hasToString("user:carol");
        assertThat(EscalationTarget.parse(EscalationTarget.role("director").toString()))
                .isEqualTo(EscalationTarget.role("director"));
    }

    @Test
    void an_unknown_prefix_is_rejected_naming_the_text() {
        assertThatThrownBy(() -> EscalationTarget.parse("group:finance"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "escalation target must be 'user:NAME', 'role:NAME' or a role name, but was 'group:finance'");
    }

    @Test
    void blank_text_is_rejected() {
        assertThatThrownBy(() -> EscalationTarget.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escalation target must not be blank, but was '  '");
        assertThatThrownBy(() -> EscalationTarget.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escalation target must not be blank, but was null");
    }

    @Test
    void a_prefix_without_a_name_is_rejected() {
        assertThatThrownBy(() -> EscalationTarget.parse("user:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escalation target name must not be blank, but was ''");
    }
}
