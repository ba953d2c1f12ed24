package dev.escalation.core.sla;

import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * Arithmetic on the time in which an SLA clock may run (all time, or a business calendar's
 * working time).
 */
interface TimeAxis {

    /** All time counts. */
    TimeAxis ALWAYS = new TimeAxis() {
        @Override
        public Instant plus(Instant start, Duration amount) {
            return start.plus(amount);
        }

        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
    };

    /** Counted time on {@code calendar}: all time for a 24/7 calendar, working time otherwise. */
    static TimeAxis of(BusinessCalendar calendar) {
        if (calendar.isTwentyFourSeven()) {
            return ALWAYS;
        }
        return new TimeAxis() {
            @Override
            public Instant plus(Instant start, Duration amount) {
                return calendar.plus(start, amount);
            }

            @Override
            public Duration between(Instant from, Instant to) {
                return calendar.between(from, to);
            }
        };
    }

    /** Earliest instant at which {@code amount} of counted time has passed since {@code start}. */
    Instant plus(Instant start, Duration amount);

    /** Counted time in {@code [from, to)}; zero when {@code to <= from}. */
    Duration between(Instant from, Instant to);
}
