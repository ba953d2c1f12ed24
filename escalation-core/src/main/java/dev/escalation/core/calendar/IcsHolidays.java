package dev.escalation.core.calendar;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads holidays from iCalendar (RFC 5545) text, such as the public-holiday feeds that calendar
 * applications export.
 *
 * <p>Every all-day VEVENT becomes one holiday per date it covers: {@code DTSTART;VALUE=DATE:20261224}
 * with an optional exclusive {@code DTEND;VALUE=DATE:} or a {@code DURATION:P2D}. {@code SUMMARY}
 * gives the name, and {@code RRULE:FREQ=YEARLY} makes the holidays yearly. Cancelled events are
 * skipped; other properties and components are ignored. Folded lines and CRLF are handled.
 *
 * <pre>{@code
 * List<Holiday> holidays = IcsHolidays.parse(Files.newBufferedReader(Path.of("holidays.ics")));
 * BusinessCalendar calendar = BusinessCalendar.builder(zone).weekdays(nine, five).holidays(holidays).build();
 * }</pre>
 *
 * <p>Input that would silently give wrong holidays is rejected with an
 * {@link IllegalArgumentException} naming the line and value: a VEVENT without DTSTART or END:VEVENT,
 * an invalid date, a date-time where a date is expected (timed events are not holidays), an end
 * not after the start, and recurrence rules other than a plain yearly one.
 */
public final class IcsHolidays {

    private static final DateTimeFormatter BASIC_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private IcsHolidays() {}

    /**
     * Parses the holidays of an iCalendar text.
     *
     * @param icsText the calendar's text
     * @return the holidays it names, in the order of its events
     * @throws IllegalArgumentException if the text is malformed as described in the class documentation
     */
    public static List<Holiday> parse(String icsText) {
        Args.notNull(icsText, "icsText");
        List<IcsLine> lines = IcsLine.unfold(icsText);
        List<Holiday> holidays = new ArrayList<>();
        IcsEvent event = null;
        int nesting = 0;
        for (IcsLine line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String name = line.name();
            String value = line.value();
            if (event == null) {
                if (name.equals("BEGIN") && value.equalsIgnoreCase("VEVENT")) {
                    event = new IcsEvent(line.number());
                } else if (name.equals("END") && value.equalsIgnoreCase("VEVENT")) {
                    throw line.error("END:VEVENT without BEGIN:VEVENT", value);
                }
            } else if (name.equals("BEGIN")) {
                // Components inside an event (VALARM) have their own properties, which must not leak into it.
                nesting++;
            } else if (name.equals("END") && nesting > 0) {
                nesting--;
            } else if (name.equals("END") && value.equalsIgnoreCase("VEVENT")) {
                event.finish(line, holidays);
                event = null;
            } else if (nesting == 0) {
                event.accept(line);
            }
        }
        if (event != null) {
            throw new IllegalArgumentException(
                    "line " + event.beginLine() + ": BEGIN:VEVENT is never closed by END:VEVENT");
        }
        return List.copyOf(holidays);
    }

    /**
     * Reads the whole of {@code reader} and parses it; does not close it.
     *
     * @param reader the calendar's text
     * @return the holidays it names, in the order of its events
     * @throws IOException              if reading fails
     * @throws IllegalArgumentException if the text is malformed as described in the class documentation
     */
    public static List<Holiday> parse(Reader reader) throws IOException {
        Args.notNull(reader, "reader");
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        return parse(text.toString());
    }

    /** The properties of one VEVENT collected until END:VEVENT. */
    private static final class IcsEvent {

        private final int beginLine;
        private LocalDate start;
        private LocalDate end;
        private Period duration;
        private IcsLine endLine;
        private String summary = "";
        private IcsLine rule;
        private boolean cancelled;

        IcsEvent(int beginLine) {
            this.beginLine = beginLine;
        }

        int beginLine() {
            return beginLine;
        }

        void accept(IcsLine line) {
            switch (line.name()) {
                case "DTSTART" -> start = date(line);
                case "DTEND" -> {
                    end = date(line);
                    endLine = line;
                }
                case "DURATION" -> duration = days(line);
                case "SUMMARY" -> summary = line.unescapedValue();
                case "RRULE" -> rule = line;
                case "STATUS" -> cancelled = line.value().equalsIgnoreCase("CANCELLED");
                default -> {
                    // Unknown properties do not affect which days are holidays.
                }
            }
        }

        void finish(IcsLine endOfEvent, List<Holiday> holidays) {
            if (start == null) {
                throw endOfEvent.error("VEVENT that begins at line " + beginLine + " has no DTSTART", "END:VEVENT");
            }
            LocalDate exclusiveEnd = end != null ? end : start.plus(duration != null ? duration : Period.ofDays(1));
            if (!exclusiveEnd.isAfter(start)) {
                IcsLine culprit = endLine != null ? endLine : endOfEvent;
                throw culprit.error("event must end after its DTSTART " + start, exclusiveEnd.toString());
            }
            boolean yearly = rule != null && plainYearly(rule, start);
            if (cancelled) {
                return;
            }
            for (LocalDate day = start; day.isBefore(exclusiveEnd); day = day.plusDays(1)) {
                holidays.add(new Holiday(day, yearly, summary));
            }
        }

        private static LocalDate date(IcsLine line) {
            String value = line.value();
            if (value.indexOf('T') >= 0 || line.hasParameter("VALUE=DATE-TIME")) {
                throw line.error(
                        line.name() + " is a date-time, but only all-day dates (VALUE=DATE) are supported", value);
            }
            try {
                return LocalDate.parse(value, BASIC_DATE);
            } catch (DateTimeException e) {
                throw line.error(line.name() + " is not a valid date in the form yyyymmdd", value);
            }
        }

        private static Period days(IcsLine line) {
            String value = line.value();
            try {
                if (value.indexOf('T') < 0) {
                    Period period = Period.parse(value);
                    if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() > 0) {
                        return period;
                    }
                }
            } catch (DateTimeException e) {
                // reported below together with the other unsupported forms
            }
            throw line.error("DURATION must be a positive number of days or weeks, such as P1D", value);
        }

        /** Accepts the forms that mean "every year on the date of DTSTART", nothing that would shift or end it. */
        private static boolean plainYearly(IcsLine rule, LocalDate start) {
            String value = rule.value().toUpperCase(Locale.ROOT);
            if (!value.contains("FREQ=YEARLY")) {
                throw unsupported(rule);
            }
            for (String part : value.split(";")) {
                boolean supported = part.equals("FREQ=YEARLY")
                        || part.equals("INTERVAL=1")
                        || part.equals("BYMONTH=" + start.getMonthValue())
                        || part.equals("BYMONTHDAY=" + start.getDayOfMonth())
                        || part.startsWith("WKST=");
                if (!supported) {
                    throw unsupported(rule);
                }
            }
            return true;
        }

        private static IllegalArgumentException unsupported(IcsLine rule) {
            return rule.error(
                    "RRULE is not supported; only FREQ=YEARLY on the month and day of DTSTART is", rule.value());
        }
    }
}
