package dev.escalation.benchmarks.core;

import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Deadline computations per second on {@link Workloads#berlinOffice()} (lunch break, holidays,
 * both DST changes): a 30-business-day SLA forwards ({@code plus}), backwards ({@code minus}) and
 * measured ({@code between}), and a 10-business-year span to show the cost of very long SLAs.
 * Starts are spread over two years so that holidays and DST changes fall into many SLAs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BusinessCalendarBenchmark {

    static final int STARTS = 1024;
    /** The office works 7 hours a day (09:00-12:00, 13:00-17:00). */
    static final Duration BUSINESS_DAY = Duration.ofHours(7);

    static final Duration THIRTY_BUSINESS_DAYS = BUSINESS_DAY.multipliedBy(30);
    static final Duration TEN_BUSINESS_YEARS = BUSINESS_DAY.multipliedBy(250L * 10);

    private BusinessCalendar calendar;
    private Instant[] starts;
    private Instant[] deadlines;

    @Setup
    public void setUp() {
        calendar = Workloads.berlinOffice();
        starts = new Instant[STARTS];
        deadlines = new Instant[STARTS];
        Instant first = LocalDate.of(2026, 1, 1).atStartOfDay(calendar.zone()).toInstant();
        long step = Duration.ofDays(730).toSeconds() / STARTS;
        for (int i = 0; i < STARTS; i++) {
            starts[i] = first.plusSeconds(i * step + (i * 7919L) % 3600);
            deadlines[i] = calendar.plus(starts[i], THIRTY_BUSINESS_DAYS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(STARTS)
    public void plusThirtyBusinessDays(Blackhole blackhole) {
        for (Instant start : starts) {
            blackhole.consume(calendar.plus(start, THIRTY_BUSINESS_DAYS));
        }
    }

    @Benchmark
    @OperationsPerInvocation(STARTS)
    public void minusThirtyBusinessDays(Blackhole blackhole) {
        for (Instant deadline : deadlines) {
            blackhole.consume(calendar.minus(deadline, THIRTY_BUSINESS_DAYS));
        }
    }

    @Benchmark
    @OperationsPerInvocation(STARTS)
    public void betweenStartAndDeadline(Blackhole blackhole) {
        for (int i = 0; i < STARTS; i++) {
            blackhole.consume(calendar.between(starts[i], deadlines[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(STARTS)
    public void plusTenBusinessYears(Blackhole blackhole) {
        for (Instant start : starts) {
            blackhole.consume(calendar.plus(start, TEN_BUSINESS_YEARS));
        }
    }
}
