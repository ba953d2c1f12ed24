package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The checks and the nominal length of a {@link RelativeDeadline}, kept apart from the builder (issue #20). */
final class RelativeDeadlines {

    private RelativeDeadlines() {}

    /** The length {@link SlaPolicy#sla()} shows for a relative deadline: its business days as whole days. */
    static Duration nominal(RelativeDeadline deadline) {
        return deadline instanceof RelativeDeadline.EndOfBusinessDay end
                ? Duration.ofDays(end.days())
                : Duration.ofDays(1);
    }

    /**
     * A time of day must fall in working time on every working day of every calendar known up front, or some
     * tasks could never be planned; a calendar that only a resolver gives is checked when a task meets it.
     */
    static void checkWorkingTime(String policy, Optional<RelativeDeadline> deadline, List<BusinessCalendar> calendars) {
        if (deadline.isEmpty() || !(deadline.get() instanceof RelativeDeadline.NextBusinessDayAt at)) {
            return;
        }
        for (BusinessCalendar calendar : calendars) {
            Optional<DayOfWeek> day = calendar.firstWorkingDayNotWorkingAt(at.time());
            if (day.isPresent()) {
                throw new InvalidPolicyException("policy '" + policy + "': deadline nextBusinessDayAt must lie after"
                        + " an opening and no later than a closing on every working day of " + calendar + ", but was "
                        + at.time() + ", outside the working hours of " + day.get());
            }
        }
    }
}
