package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of bad JSON: every message names the JSON path ({@code $} is the policy) and
 * the value as written, never a builder field or a Java {@code Duration}. A value of the wrong JSON
 * type, an unknown field or a duration given twice fails while Jackson reads the definition (it
 * wraps our exception); values that cannot work fail in {@code toPolicy()}.
 */
class PolicyJsonErrorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TARGET = "\"escalation_to\": \"department_head\"";

    @Nested
    class WhileReading {

        @Test
        void a_policy_that_is_not_an_object_is_refused() {
            refusedWhileReading("[1, 2]", "$: must be an object, but was [1, 2]");
        }

        @Test
        void hours_written_as_text_are_refused() {
            refusedWhileReading(
                    "{\"stage_name\": \"A\", \"sla_hours\": \"a day\"}",
                    "$.sla_hours: must be a number of hours, but was 'a day'");
        }

        @Test
        void a_duration_that_is_neither_text_nor_a_number_is_refused() {
            refusedWhileReading(
                    "{\"stage_name\": \"A\", \"sla\": true}",
                    "$.sla: must be an ISO-8601 duration such as PT24H or a number of hours, but was true");
        }

        @Test
        void a_duration_given_twice_is_refused() {
            refusedWhileReading(
                    "{\"stage_name\": \"A\", \"sla\": \"PT24H\", \"sla_hours\": 24, " + TARGET + "}",
                    "$.sla_hours: must not be given beside $.sla, but was 24");
        }

        @Test
        void targets_by_priority_given_both_ways_are_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"sla_by_priority\": {\"P1\": \"PT4H\"}, \"sla_hours_by_priority\": {\"P2\": 8}}",
                    "$.sla_hours_by_priority: must not be given beside $.sla_by_priority, but was {\"P2\": 8}");
        }

        @Test
        void a_count_that_is_not_a_whole_number_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"remind_every\": \"PT4H\", \"max_reminders\": 2.5}",
                    "$.max_reminders: must be a whole number from 0 to 2147483647, but was 2.5");
        }

        @Test
        void a_fraction_written_as_text_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"warn_at\": \"75%\"}", "$.warn_at: must be a number, but was '75%'");
        }

        @Test
        void a_stage_that_is_not_text_is_refused() {
            refusedWhileReading("{\"stage_name\": 7}", "$.stage_name: must be a string, but was 7");
        }

        @Test
        void a_switch_that_is_not_true_or_false_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"pause_on_hold\": \"yes\"}",
                    "$.pause_on_hold: must be true or false, but was 'yes'");
        }

        @Test
        void levels_that_are_not_an_array_are_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"levels\": {\"target\": \"boss\"}}",
                    "$.levels: must be an array, but was {\"target\": \"boss\"}");
        }

        @Test
        void a_level_that_is_not_an_object_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"target\": \"boss\"}, \"director\"]}",
                    "$.levels[1]: must be an object, but was 'director'");
        }

        @Test
        void a_null_level_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"levels\": [null]}", "$.levels[0]: must not be null, but was null");
        }

        @Test
        void a_null_target_by_priority_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"sla_by_priority\": {\"P1\": null}}",
                    "$.sla_by_priority.P1: must not be null, but was null");
        }

        @Test
        void a_misspelt_field_is_refused_rather_than_ignored() {
            refusedWhileReading(
                    "{\"stage_name\": \"A\", \"sla_hourz\": 24}",
                    "$.sla_hourz: is not a field of a policy, but was 24");
        }

        @Test
        void a_misspelt_field_of_a_level_is_refused() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"target\": \"boss\", \"delay\": \"PT1H\"}]}",
                    "$.levels[0].delay: is not a field of an escalation level, but was 'PT1H'");
        }

        @Test
        void a_bad_calendar_is_refused_naming_its_path() {
            refusedWhileReading(
                    "{\"sla\": \"PT24H\", \"calendar\": {\"zone\": \"Mars/Olympus\"}}",
                    "$.calendar: is not a valid calendar: zone 'Mars/Olympus' is not a valid time zone id");
        }
    }

    @Nested
    class WhenBuilt {

        @Test
        void a_missing_sla_is_refused() {
            refused("{\"stage_name\": \"A\", " + TARGET + "}", "$.sla: is required; give sla or sla_hours");
        }

        @Test
        void a_negative_sla_in_hours_is_refused_as_written() {
            refused(
                    "{\"stage_name\": \"A\", \"sla_hours\": -5, " + TARGET + "}",
                    "$.sla_hours: must be positive, but was -5");
        }

        @Test
        void a_zero_sla_is_refused() {
            refused("{\"sla\": \"PT0S\", " + TARGET + "}", "$.sla: must be positive, but was 'PT0S'");
        }

        @Test
        void a_duration_that_is_not_iso_8601_is_refused() {
            refused(
                    "{\"sla\": \"24 hours\", " + TARGET + "}",
                    "$.sla: must be an ISO-8601 duration such as PT24H, but was '24 hours'");
        }

        @Test
        void a_signed_duration_is_not_iso_8601_as_a_policy_reads_it() {
            refused(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"target\": \"boss\"}, {\"target\": \"director\", \"after\": \"PT-1H\"}]}",
                    "$.levels[1].after: must be an ISO-8601 duration such as PT24H, but was 'PT-1H'");
        }

        @Test
        void an_absurd_number_of_hours_is_refused() {
            refused(
                    "{\"sla_hours\": 1e12, " + TARGET + "}",
                    "$.sla_hours: must be at most 36500 days (876000 hours), but was 1E+12");
        }

        @Test
        void an_absurdly_long_iso_duration_is_refused() {
            refused(
                    "{\"sla\": \"P40000D\", " + TARGET + "}",
                    "$.sla: must be at most 36500 days (876000 hours), but was 'P40000D'");
        }

        @Test
        void a_negative_level_delay_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"target\": \"boss\", \"after_hours\": -1}]}",
                    "$.levels[0].after_hours: must not be negative, but was -1");
        }

        @Test
        void a_negative_count_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"max_re_escalations\": -2, " + TARGET + "}",
                    "$.max_re_escalations: must not be negative, but was -2");
        }

        @Test
        void a_warning_fraction_outside_zero_and_one_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"warn_at\": 1.5, " + TARGET + "}",
                    "$.warn_at: must be a fraction strictly between 0 and 1, but was 1.5");
        }

        /** Found by PolicyJsonFuzzTest on 3be7b26: the conflict was an IllegalStateException that no document named. */
        @Test
        void a_warning_window_beside_a_warning_fraction_is_refused() {
            refused(
                    "{\"name\": \"Finance Review\", \"sla\": \"PT8H\", \"warn_at\": 0.75, \"warn_before_hours\": 2, "
                            + TARGET + "}",
                    "$.warn_before_hours: must not be given beside $.warn_at, but was 2");
        }

        @Test
        void a_warning_window_as_long_as_the_sla_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"warn_before\": \"P1D\", " + TARGET + "}",
                    "$.warn_before: must be shorter than the SLA at $.sla, but was 'P1D'");
        }

        @Test
        void a_warning_window_as_long_as_a_priority_s_sla_is_refused() {
            refused(
                    "{\"sla_hours\": 24, \"warn_before_hours\": 2, \"sla_hours_by_priority\": {\"P1\": 2}, " + TARGET
                            + "}",
                    "$.warn_before_hours: must be shorter than the SLA at $.sla_hours_by_priority.P1, but was 2");
        }

        @Test
        void the_default_warning_is_refused_for_a_short_sla_with_advice() {
            refused(
                    "{\"stage_name\": \"Quick\", \"sla_hours\": 1, " + TARGET + "}",
                    "$.sla_hours: must be longer than the default warning window of 2 hours"
                            + " (set warn_before, warn_at or \"warning_enabled\": false), but was 1");
        }

        @Test
        void a_blank_priority_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"sla_by_priority\": {\" \": \"PT4H\"}, " + TARGET + "}",
                    "$.sla_by_priority[' ']: must be named by a priority that is not blank");
        }

        @Test
        void a_blank_stage_is_refused() {
            refused(
                    "{\"stage_name\": \" \", \"sla\": \"PT24H\", " + TARGET + "}",
                    "$.stage_name: must not be blank, but was ' '");
        }

        @Test
        void a_blank_sensitive_attribute_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"sensitive_attributes\": [\"salary\", \"\"], " + TARGET + "}",
                    "$.sensitive_attributes[1]: must not be blank, but was ''");
        }

        @Test
        void an_unknown_kind_of_target_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"escalation_to\": \"group:finance\"}",
                    "$.escalation_to: must be 'user:NAME', 'role:NAME' or a role name, but was 'group:finance'");
        }

        @Test
        void a_blank_level_target_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"target\": \"department_head\"}, {\"target\": \" \"}]}",
                    "$.levels[1].target: must not be blank, but was ' '");
        }

        @Test
        void a_level_without_a_target_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"after\": \"PT1H\"}]}",
                    "$.levels[0].target: is required; give a user:NAME, role:NAME or role name");
        }

        @Test
        void levels_going_backwards_are_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"levels\": [{\"target\": \"department_head\", \"after_hours\": 4},"
                            + " {\"target\": \"director\", \"after_hours\": 2}]}",
                    "$.levels[1].after_hours: must be later than the level before it, but was 2");
        }

        @Test
        void a_shorthand_target_and_a_chain_together_are_refused() {
            refused(
                    "{\"sla\": \"PT24H\", " + TARGET + ", \"levels\": [{\"target\": \"director\"}]}",
                    "$.levels: must not be given beside $.escalation_to, but was [{\"target\": \"director\"}]");
        }

        @Test
        void escalation_enabled_without_a_level_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"escalation_enabled\": true, \"levels\": []}",
                    "$.levels: must name at least one level while escalation is enabled; give escalation_to or levels,"
                            + " or \"escalation_enabled\": false, but was []");
        }

        @Test
        void a_default_policy_that_names_a_stage_is_refused() {
            refused(
                    "{\"default\": true, \"stage_name\": \"A\", \"sla\": \"PT24H\", " + TARGET + "}",
                    "$.default: must not be given beside $.stage_name, but was true");
        }

        @Test
        void reading_a_bad_policy_straight_into_a_policy_gives_the_same_message_as_the_cause() {
            assertThatThrownBy(() -> MAPPER.readValue("{\"sla_hours\": 0, \"escalation_to\": \"x\"}", SlaPolicy.class))
                    .isInstanceOf(ValueInstantiationException.class)
                    .hasRootCauseInstanceOf(InvalidPolicyException.class)
                    .hasRootCauseMessage("$.sla_hours: must be positive, but was 0");
        }
    }

    @Nested
    class InARegistry {

        @Test
        void a_policy_without_a_stage_is_refused() {
            refusedInARegistry(
                    "[{\"sla\": \"PT24H\", " + TARGET + "}]",
                    "$[0]: must name the tasks it governs with stage_name, workflow_type or priority,"
                            + " or say \"default\": true");
        }

        @Test
        void a_policy_that_says_default_governs_the_tasks_no_other_policy_governs() throws Exception {
            PolicyRegistry registry = define("[{\"stage_name\": \"A\", \"sla\": \"PT24H\", " + TARGET + "},"
                    + " {\"name\": \"fallback\", \"default\": true, \"sla\": \"PT48H\", " + TARGET + "}]");

            assertThat(registry.defaultPolicy())
                    .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("fallback"));
            assertThat(registry.entries()).hasSize(1);
        }

        @Test
        void errors_name_the_place_of_the_policy_in_the_file() {
            refusedInARegistry(
                    "[{\"stage_name\": \"A\", \"sla\": \"PT24H\", " + TARGET + "},"
                            + " {\"stage_name\": \"B\", \"sla_hours\": -5, " + TARGET + "}]",
                    "$[1].sla_hours: must be positive, but was -5");
        }

        @Test
        void two_policies_for_the_same_tasks_are_refused() {
            refusedInARegistry(
                    "[{\"stage_name\": \"A\", \"sla\": \"PT24H\", " + TARGET + "},"
                            + " {\"stage_name\": \"A\", \"sla\": \"PT8H\", " + TARGET + "}]",
                    "$[1]: must not govern the same tasks as $[0]");
        }

        @Test
        void two_defaults_are_refused() {
            refusedInARegistry(
                    "[{\"default\": true, \"sla\": \"PT24H\", " + TARGET + "},"
                            + " {\"default\": true, \"sla\": \"PT8H\", " + TARGET + "}]",
                    "$[1].default: must not be given beside $[0].default, but was true");
        }

        @Test
        void a_null_in_the_file_is_refused() {
            refusedInARegistry("[null]", "$[0]: must not be null, but was null");
        }

        private void refusedInARegistry(String file, String message) {
            assertThatThrownBy(() -> define(file))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(message);
        }

        private PolicyRegistry define(String json) throws Exception {
            return PolicyRegistry.builder()
                    .define(MAPPER.readValue(json, PolicyDefinition[].class))
                    .build();
        }
    }

    private static void refusedWhileReading(String json, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(json, PolicyDefinition.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining(message)
                .hasRootCauseInstanceOf(InvalidPolicyException.class)
                .hasRootCauseMessage(message);
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> MAPPER.readValue(json, PolicyDefinition.class).toPolicy())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(message);
    }
}
