/**
 * Business time for SLAs: {@link dev.escalation.core.calendar.BusinessCalendar} counts only working
 * hours in a time zone, skipping nights, weekends and holidays.
 *
 * <p>Holidays come from the builder, from JSON (see {@code BusinessCalendar}), or from iCalendar
 * files through {@link dev.escalation.core.calendar.IcsHolidays}. The default calendar,
 * {@link dev.escalation.core.calendar.BusinessCalendar#twentyFourSeven()}, counts real time.
 */
package dev.escalation.core.calendar;
