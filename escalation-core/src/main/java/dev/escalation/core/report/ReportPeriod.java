package dev.escalation.core.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The length of a compliance report's periods; periods start at midnight UTC, weeks on Monday. */
public enum ReportPeriod {
    /** One row per group and UTC day. */
    DAY,
    /** One row per group and ISO week (Monday to Sunday, UTC). */
    WEEK;

    /**
     * The start of the period that holds {@code instant}.
     *
     * @param instant an instant
     * @return the first instant of its period
     */
    public Instant start(Instant instant) {
        Instant day = instant.truncatedTo(ChronoUnit.DAYS);
        if (this == DAY) {
            return day;
        }
        return day.atOffset(ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .toInstant();
    }
}
