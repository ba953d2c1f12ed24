package dev.escalation.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Prints how many 30-business-day deadlines per second {@link BusinessCalendar#plus} computes on a
 * Berlin office calendar with lunch breaks and holidays. A printed harness, not a test: timings on
 * shared CI machines are too noisy to assert on.
 *
 * <pre>
 * mvn -B -q -pl escalation-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.escalation.core.calendar.CalendarThroughput
 * </pre>
 */
public final class CalendarThroughput {

    private static final Duration THIRTY_BUSINESS_DAYS = Duration.ofHours(8L * 30);
    private static final Duration TEN_BUSINESS_YEARS = Duration.ofHours(8L * 250 * 10);
    private static final int STARTS = 10_000;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration ROUND = Duration.ofSeconds(1);
    private static final int ROUNDS = 5;

    private CalendarThroughput() {
    }

    public static void main(String[] args) {
        BusinessCalendar calendar = officeWithHolidays();
        Instant[] starts = starts(calendar.zone());
        Instant[] deadlines = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            deadlines[i] = calendar.plus(starts[i], THIRTY_BUSINESS_DAYS);
        }
        Map<String, IntToLongFunction> computations = new LinkedHashMap<>();
        computations.put("plus(start, 30 business days)",
                i -> calendar.plus(starts[i], THIRTY_BUSINESS_DAYS).getEpochSecond());
        computations.put("minus(deadline, 30 business days)",
                i -> calendar.minus(deadlines[i], THIRTY_BUSINESS_DAYS).getEpochSecond());
        computations.put("between(start, deadline)", i -> calendar.between(starts[i], deadlines[i]).getSeconds());
        computations.put("plus(start, 10 business years)",
                i -> calendar.plus(starts[i], TEN_BUSINESS_YEARS).getEpochSecond());

        // Warm every path up before timing any, so that the JIT has settled on the shared code.
        computations.values().forEach(computation -> measure(computation, WARM_UP));
        System.out.println(calendar);
        computations.forEach(CalendarThroughput::report);
    }

    /** Prints the median of a few rounds, which shrugs off a round that shared the CPU with something else. */
    private static void report(String label, IntToLongFunction computation) {
        double[] rates = new double[ROUNDS];
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            double[] rateAndSink = measure(computation, ROUND);
            rates[round] = rateAndSink[0];
            sink += (long) rateAndSink[1];
        }
        Arrays.sort(rates);
        System.out.printf("%-36s %,12.0f computations/s  (median of %d rounds, checksum %d)%n", label,
                rates[ROUNDS / 2], ROUNDS, Math.abs(sink % 1000));
    }

    /** Returns the rate and a checksum; printing the checksum keeps the JIT from dropping the work. */
    private static double[] measure(IntToLongFunction computation, Duration budget) {
        long began = System.nanoTime();
        long stopAt = began + budget.toNanos();
        long count = 0;
        long sink = 0;
        do {
            for (int i = 0; i < STARTS; i++) {
                sink += computation.applyAsLong(i);
            }
            count += STARTS;
        } while (System.nanoTime() < stopAt);
        return new double[] {count * 1e9 / (System.nanoTime() - began), Math.abs(sink)};
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
        long step = Duration.ofDays(730).toSeconds() / STARTS;
        Instant[] starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = first.plusSeconds(i * step + (i * 7919L) % 3600);
        }
        return starts;
    }
}
