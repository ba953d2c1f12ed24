package dev.escalation.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;

/**
 * Prints how many 30-business-day deadlines per second {@link BusinessCalendar#plus} computes on a
 * Berlin office calendar with holidays. A printed harness, not a test: timings on shared CI
 * machines are too noisy to assert on.
 *
 * <pre>
 * mvn -B -q -pl escalation-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.escalation.core.calendar.CalendarThroughput
 * </pre>
 */
public final class CalendarThroughput {

    private static final Duration SLA = Duration.ofHours(8L * 30);
    private static final int STARTS = 10_000;
    private static final Duration MEASURE_FOR = Duration.ofSeconds(3);

    private CalendarThroughput() {
    }

    public static void main(String[] args) {
        BusinessCalendar calendar = officeWithHolidays();
        Instant[] starts = starts(calendar.zone());

        long sink = run(calendar, starts, Duration.ofSeconds(1)).sink; // warm-up for the JIT
        Result result = run(calendar, starts, MEASURE_FOR);
        sink += result.sink;

        System.out.printf("plus(start, 30 business days) on %s: %,.0f computations/s (%,d in %d ms) [%d]%n",
                calendar, result.count * 1e9 / result.nanos, result.count, result.nanos / 1_000_000, sink % 10);
        System.out.printf("between over the same span: %,.0f computations/s%n", betweenRate(calendar, starts));
    }

    private static BusinessCalendar officeWithHolidays() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0))
                .weekdays(LocalTime.of(13, 0), LocalTime.of(17, 0))
                .yearlyHoliday(MonthDay.of(1, 1), "New Year")
                .yearlyHoliday(MonthDay.of(5, 1), "Labour Day")
                .yearlyHoliday(MonthDay.of(10, 3), "Unity Day")
                .yearlyHoliday(MonthDay.of(12, 25), "Christmas Day")
                .yearlyHoliday(MonthDay.of(12, 26), "Boxing Day");
        for (int year = 2026; year <= 2028; year++) {
            builder.holiday(LocalDate.of(year, 6, 12), "Company day " + year);
            builder.holiday(LocalDate.of(year, 9, 15), "Offsite " + year);
        }
        return builder.build();
    }

    /** Spread over two years so that holidays and both DST changes fall into many of the SLAs. */
    private static Instant[] starts(ZoneId zone) {
        Instant first = LocalDate.of(2026, 1, 1).atStartOfDay(zone).toInstant();
        Instant[] starts = new Instant[STARTS];
        long step = Duration.ofDays(730).toSeconds() / STARTS;
        for (int i = 0; i < STARTS; i++) {
            starts[i] = first.plusSeconds(i * step + (i * 7919L) % 3600);
        }
        return starts;
    }

    private record Result(long count, long nanos, long sink) {
    }

    private static Result run(BusinessCalendar calendar, Instant[] starts, Duration budget) {
        long began = System.nanoTime();
        long deadline = began + budget.toNanos();
        long count = 0;
        long sink = 0;
        do {
            for (Instant start : starts) {
                sink += calendar.plus(start, SLA).getEpochSecond();
            }
            count += starts.length;
        } while (System.nanoTime() < deadline);
        return new Result(count, System.nanoTime() - began, sink);
    }

    private static double betweenRate(BusinessCalendar calendar, Instant[] starts) {
        Instant[] ends = new Instant[starts.length];
        for (int i = 0; i < starts.length; i++) {
            ends[i] = calendar.plus(starts[i], SLA);
        }
        long began = System.nanoTime();
        long deadline = began + MEASURE_FOR.toNanos();
        long count = 0;
        long sink = 0;
        do {
            for (int i = 0; i < starts.length; i++) {
                sink += calendar.between(starts[i], ends[i]).getSeconds();
            }
            count += starts.length;
        } while (System.nanoTime() < deadline);
        if (sink == 42) {
            System.out.print("");
        }
        return count * 1e9 / (System.nanoTime() - began);
    }
}
