package dev.escalation.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Identities that must hold for any calendar. Zones include DST at 02:00 (Berlin, New York), at
 * midnight (Havana), by half an hour (Lord Howe) and none at all (Kolkata, UTC).
 */
class BusinessCalendarPropertiesTest {

    private static final int TRIES = 300;
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"),
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("America/Havana"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Asia/Kolkata"));
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final int DAYS = 3 * 365;
    private static final long QUARTERS_PER_DAY = 96;

    @Property(tries = TRIES)
    void the_deadline_never_moves_earlier_when_the_duration_grows(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant start,
            @ForAll("durations") Duration a,
            @ForAll("durations") Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        Duration longer = a.compareTo(b) <= 0 ? b : a;

        assertThat(calendar.plus(start, shorter)).isBeforeOrEqualTo(calendar.plus(start, longer));
    }

    @Property(tries = TRIES)
    void adding_twice_is_adding_the_sum(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant start,
            @ForAll("positiveDurations") Duration a,
            @ForAll("positiveDurations") Duration b) {
        assertThat(calendar.plus(calendar.plus(start, a), b)).isEqualTo(calendar.plus(start, a.plus(b)));
    }

    @Property(tries = TRIES)
    void between_the_start_and_its_deadline_is_the_duration(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant start,
            @ForAll("durations") Duration duration) {
        assertThat(calendar.between(start, calendar.plus(start, duration))).isEqualTo(duration);
    }

    @Property(tries = TRIES)
    void between_the_warning_and_its_deadline_is_the_duration(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant end,
            @ForAll("durations") Duration duration) {
        assertThat(calendar.between(calendar.minus(end, duration), end)).isEqualTo(duration);
    }

    @Property(tries = TRIES)
    void minus_gives_the_latest_such_instant(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant end,
            @ForAll("positiveDurations") Duration duration) {
        Instant warnAt = calendar.minus(end, duration);

        assertThat(calendar.between(warnAt.plusNanos(1), end)).isLessThan(duration);
    }

    @Property(tries = TRIES)
    void between_splits_at_any_instant(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant a,
            @ForAll("instants") Instant b,
            @ForAll("instants") Instant c) {
        List<Instant> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort(null);

        assertThat(calendar.between(sorted.get(0), sorted.get(1)).plus(calendar.between(sorted.get(1), sorted.get(2))))
                .isEqualTo(calendar.between(sorted.get(0), sorted.get(2)));
    }

    @Property(tries = TRIES)
    void skipping_whole_weeks_agrees_with_summing_each_day(
            @ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant a,
            @ForAll("instants") Instant b) {
        Instant from = a.isBefore(b) ? a : b;
        Instant to = a.isBefore(b) ? b : a;

        assertThat(calendar.between(from, to)).isEqualTo(sumOfEachDay(calendar, from, to));
    }

    @Property(tries = TRIES)
    void one_nanosecond_counts_exactly_when_it_is_working_time(
            @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant instant) {
        Duration expected = calendar.isWorkingTime(instant) ? Duration.ofNanos(1) : Duration.ZERO;

        assertThat(calendar.between(instant, instant.plusNanos(1))).isEqualTo(expected);
    }

    @Property(tries = TRIES)
    void each_day_resolves_its_local_working_hours_like_zoned_date_time(
            @ForAll("calendars") BusinessCalendar calendar, @ForAll("daysAroundTransitions") LocalDate day) {
        Timeline timeline = new Timeline(calendar.zone(), calendar.hours(), calendar.holidays());

        List<Timeline.Span> actual = timeline.spansOn(day);

        for (int i = 1; i < actual.size(); i++) {
            assertThat(actual.get(i).start()).isAfterOrEqualTo(actual.get(i - 1).end());
        }
        assertThat(merged(actual)).isEqualTo(resolvedWithZonedDateTime(calendar, day));
    }

    /**
     * The definition of a day's working time, written out slowly: each local range resolved with
     * ZonedDateTime.of, clipped to the day, and overlapping or touching results merged.
     */
    private static List<Timeline.Span> resolvedWithZonedDateTime(BusinessCalendar calendar, LocalDate day) {
        if (calendar.holidays().contains(day)) {
            return List.of();
        }
        ZoneId zone = calendar.zone();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Timeline.Span> spans = new ArrayList<>();
        for (LocalRange range : calendar.hours().on(day.getDayOfWeek())) {
            Instant start = ZonedDateTime.of(day, range.start(), zone).toInstant();
            Instant end = range.endsAtMidnight()
                    ? dayEnd
                    : ZonedDateTime.of(day, range.end(), zone).toInstant();
            start = start.isBefore(dayStart) ? dayStart : start;
            end = end.isAfter(dayEnd) ? dayEnd : end;
            if (start.isBefore(end)) {
                spans.add(new Timeline.Span(start, end));
            }
        }
        spans.sort(Comparator.comparing(Timeline.Span::start));
        return merged(spans);
    }

    private static List<Timeline.Span> merged(List<Timeline.Span> sorted) {
        List<Timeline.Span> merged = new ArrayList<>();
        for (Timeline.Span span : sorted) {
            Timeline.Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !span.start().isAfter(last.end())) {
                merged.set(
                        merged.size() - 1,
                        new Timeline.Span(last.start(), span.end().isAfter(last.end()) ? span.end() : last.end()));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** A reference that walks every single day, without the week skipping that between() does. */
    private static Duration sumOfEachDay(BusinessCalendar calendar, Instant from, Instant to) {
        Timeline timeline = new Timeline(calendar.zone(), calendar.hours(), calendar.holidays());
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, calendar.zone());
        for (LocalDate day = LocalDate.ofInstant(from, calendar.zone()); !day.isAfter(last); day = day.plusDays(1)) {
            for (Timeline.Span span : timeline.spansOn(day)) {
                Instant start = span.start().isAfter(from) ? span.start() : from;
                Instant end = span.end().isBefore(to) ? span.end() : to;
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES);
        Arbitrary<List<Set<Integer>>> week =
                dayCuts().list().ofSize(7).filter(days -> days.stream().anyMatch(cuts -> cuts.size() >= 2));
        Arbitrary<List<LocalDate>> dated = Arbitraries.integers()
                .between(0, DAYS)
                .map(FIRST_DAY::plusDays)
                .list()
                .ofMaxSize(40);
        Arbitrary<List<MonthDay>> yearly = Arbitraries.integers()
                .between(0, 365)
                .map(n -> MonthDay.from(LocalDate.of(2024, 1, 1).plusDays(n)))
                .list()
                .ofMaxSize(6);
        return Combinators.combine(zones, week, dated, yearly).as(BusinessCalendarPropertiesTest::calendar);
    }

    /** Quarter-hour cut points of one day, 0 to 96 (24:00); consecutive pairs become working hours. */
    private static Arbitrary<Set<Integer>> dayCuts() {
        return Arbitraries.integers().between(0, (int) QUARTERS_PER_DAY).set().ofMaxSize(6);
    }

    private static BusinessCalendar calendar(
            ZoneId zone, List<Set<Integer>> week, List<LocalDate> dated, List<MonthDay> yearly) {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Integer> cuts = new ArrayList<>(new TreeSet<>(week.get(day.ordinal())));
            for (int i = 0; i + 1 < cuts.size(); i += 2) {
                builder.workingHours(day, quarter(cuts.get(i)), quarter(cuts.get(i + 1)));
            }
        }
        dated.forEach(builder::holiday);
        yearly.forEach(day -> builder.yearlyHoliday(day, "yearly"));
        return builder.build();
    }

    private static LocalTime quarter(int index) {
        return index == QUARTERS_PER_DAY ? LocalTime.MAX : LocalTime.ofSecondOfDay(index * 900L);
    }

    /** Local dates next to an offset change in any of the zones, where the day-walk takes its careful path. */
    @Provide
    Arbitrary<LocalDate> daysAroundTransitions() {
        List<LocalDate> days = new ArrayList<>();
        Instant from = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = FIRST_DAY.plusDays(DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (ZoneId zone : ZONES) {
            ZoneOffsetTransition next = zone.getRules().nextTransition(from);
            while (next != null && next.getInstant().isBefore(until)) {
                LocalDate local = LocalDate.ofInstant(next.getInstant(), zone);
                days.addAll(List.of(local.minusDays(1), local, local.plusDays(1)));
                next = zone.getRules().nextTransition(next.getInstant());
            }
        }
        return Arbitraries.oneOf(
                Arbitraries.of(days), Arbitraries.integers().between(0, DAYS).map(FIRST_DAY::plusDays));
    }

    @Provide
    Arbitrary<Instant> instants() {
        long first = FIRST_DAY.toEpochDay() * 86_400;
        long last = first + DAYS * 86_400L;
        Arbitrary<Instant> anywhere = Combinators.combine(
                        Arbitraries.longs().between(first, last),
                        Arbitraries.longs().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        // Quarter-hour instants hit working-hour boundaries, where off-by-one mistakes live.
        Arbitrary<Instant> onQuarters = Arbitraries.longs()
                .between(first / 900, last / 900)
                .map(quarter -> Instant.ofEpochSecond(quarter * 900));
        return Arbitraries.oneOf(anywhere, onQuarters);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(Arbitraries.just(Duration.ZERO), positiveDurations());
    }

    @Provide
    Arbitrary<Duration> positiveDurations() {
        Arbitrary<Duration> precise =
                Arbitraries.longs().between(1, Duration.ofHours(300).toNanos()).map(Duration::ofNanos);
        Arbitrary<Duration> quarters = Arbitraries.longs().between(1, 4 * 1000).map(n -> Duration.ofMinutes(15 * n));
        return Arbitraries.oneOf(precise, quarters);
    }
}
