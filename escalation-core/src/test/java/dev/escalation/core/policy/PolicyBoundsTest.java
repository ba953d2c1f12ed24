package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The bounds that keep a run's work small (issue #14): durations of at least a minute, counts of
 * at most {@link SlaPolicy#MAX_COUNT}, and no duration that needs more than
 * {@link SlaPolicy#MAX_CALENDAR_WEEKS} weeks of its calendar. Each is refused with the field and the
 * value, in the builder and in JSON.
 */
class PolicyBoundsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TARGET = "\"escalation_to\": \"department_head\"";
    /** One working minute a week: Mondays 09:00-09:01 in Berlin. */
    private static final String MINUTE_A_WEEK =
            "\"calendar\": {\"zone\": \"Europe/Berlin\", \"working_hours\": {\"MONDAY\": [\"09:00-09:01\"]}}";

    @Nested
    class InTheBuilder {

        @Test
        void an_sla_of_one_nanosecond_is_refused() {
            refused(
                    () -> builder().sla(Duration.ofNanos(1)),
                    "policy 'A': sla must be at least PT1M, but was PT0.000000001S");
        }

        @Test
        void a_re_escalation_every_nanosecond_is_refused() {
            refused(
                    () -> valid().reEscalateEvery(Duration.ofNanos(1)),
                    "policy 'A': reEscalateEvery must be at least PT1M, but was PT0.000000001S");
        }

        @Test
        void a_reminder_every_59_seconds_is_refused() {
            refused(
                    () -> valid().remindEvery(Duration.ofSeconds(59)),
                    "policy 'A': remindEvery must be at least PT1M, but was PT59S");
        }

        @Test
        void a_warning_window_under_a_minute_is_refused() {
            refused(
                    () -> valid().warnBefore(Duration.ofSeconds(30)),
                    "policy 'A': warnBefore must be at least PT1M, but was PT30S");
        }

        @Test
        void a_priority_sla_under_a_minute_is_refused() {
            refused(
                    () -> valid().slaForPriority("P1", Duration.ofMillis(1)),
                    "policy 'A': sla for priority P1 must be at least PT1M, but was PT0.001S");
        }

        @Test
        void more_reminders_than_the_bound_are_refused() {
            refused(
                    () -> valid().maxReminders(Integer.MAX_VALUE),
                    "policy 'A': maxReminders must be at most 500, but was 2147483647");
        }

        @Test
        void a_re_escalation_cap_above_the_bound_is_refused_but_unlimited_is_not() {
            refused(
                    () -> valid().maxReEscalations(501),
                    "policy 'A': maxReEscalations must be at most 500 or SlaPolicy.UNLIMITED, but was 501");
            assertThat(valid().maxReEscalations(SlaPolicy.UNLIMITED).build().maxReEscalations())
                    .isEqualTo(SlaPolicy.UNLIMITED);
        }

        @Test
        void a_chain_longer_than_the_bound_is_refused() {
            SlaPolicy.Builder builder = valid();
            for (int i = 1; i < SlaPolicy.MAX_COUNT; i++) {
                builder.escalateTo(EscalationTarget.role("level" + i));
            }
            refused(
                    () -> builder.escalateTo(EscalationTarget.role("one too many")),
                    "policy 'A': escalation levels must be at most 500, but level 501 was added");
        }

        @Test
        void an_sla_needing_more_weeks_of_its_calendar_than_the_bound_is_refused() {
            BusinessCalendar minuteAWeek = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                    .workingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(9, 1))
                    .build();

            refused(
                    () -> valid().sla(Duration.ofDays(3650))
                            .calendar(minuteAWeek)
                            .build(),
                    "policy 'A': sla must need at most 5214 weeks of a calendar with PT1M of working time a week,"
                            + " but was PT87600H (5256000 weeks)");
        }

        @Test
        void the_same_sla_on_office_hours_is_accepted() {
            BusinessCalendar office = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                    .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                    .build();

            assertThat(valid().sla(Duration.ofDays(365))
                            .calendar(office)
                            .build()
                            .sla())
                    .isEqualTo(Duration.ofDays(365));
        }

        private SlaPolicy.Builder builder() {
            return SlaPolicy.builder("A");
        }

        private SlaPolicy.Builder valid() {
            return builder().sla(Duration.ofHours(24)).escalateTo(EscalationTarget.role("department_head"));
        }

        private void refused(Runnable change, String message) {
            assertThatThrownBy(change::run)
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(message);
        }
    }

    @Nested
    class InJson {

        @Test
        void a_re_escalation_every_nanosecond_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"re_escalate_every\": \"PT0.000000001S\", " + TARGET + "}",
                    "$.re_escalate_every: must be at least 1 minute (PT1M), but was 'PT0.000000001S'");
        }

        @Test
        void a_reminder_every_nanosecond_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"remind_every\": \"PT0.000000001S\", " + TARGET + "}",
                    "$.remind_every: must be at least 1 minute (PT1M), but was 'PT0.000000001S'");
        }

        @Test
        void an_sla_of_a_few_seconds_in_hours_is_refused_as_written() {
            refused(
                    "{\"sla_hours\": 0.001, " + TARGET + "}",
                    "$.sla_hours: must be at least 1 minute (PT1M), but was 0.001");
        }

        @Test
        void a_warning_window_under_a_minute_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"warn_before\": \"PT59S\", " + TARGET + "}",
                    "$.warn_before: must be at least 1 minute (PT1M), but was 'PT59S'");
        }

        @Test
        void the_largest_reminder_count_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"remind_every\": \"PT1H\", \"max_reminders\": 2147483647, " + TARGET + "}",
                    "$.max_reminders: must be at most 500, but was 2147483647");
        }

        @Test
        void a_re_escalation_cap_above_the_bound_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"max_re_escalations\": 501, " + TARGET + "}",
                    "$.max_re_escalations: must be at most 500, but was 501");
        }

        @Test
        void a_chain_longer_than_the_bound_is_refused() {
            StringBuilder levels = new StringBuilder();
            for (int i = 0; i <= SlaPolicy.MAX_COUNT; i++) {
                levels.append(i == 0 ? "" : ", ")
                        .append("{\"target\": \"role")
                        .append(i)
                        .append("\"}");
            }
            refused(
                    "{\"sla\": \"PT24H\", \"levels\": [" + levels + "]}",
                    "$.levels: must hold at most 500 levels, but was 501");
        }

        @Test
        void an_sla_needing_more_weeks_of_its_calendar_than_the_bound_is_refused() {
            refused(
                    "{\"sla\": \"P3650D\", " + MINUTE_A_WEEK + ", " + TARGET + "}",
                    "$.sla: must need at most 5214 weeks of the calendar, which has PT1M of working time a week,"
                            + " but was 'P3650D'");
        }

        @Test
        void a_re_escalation_interval_needing_more_weeks_of_its_calendar_than_the_bound_is_refused() {
            refused(
                    "{\"sla\": \"PT24H\", \"re_escalate_every_hours\": 87600, " + MINUTE_A_WEEK + ", " + TARGET + "}",
                    "$.re_escalate_every_hours: must need at most 5214 weeks of the calendar, which has PT1M of"
                            + " working time a week, but was 87600");
        }

        private void refused(String json, String message) {
            assertThatThrownBy(
                            () -> MAPPER.readValue(json, PolicyDefinition.class).toPolicy())
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(message);
        }
    }
}
