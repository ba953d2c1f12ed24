package dev.escalation.core.time;

import java.time.Instant;

/**
 * The only source of time for the library: the engine, the evaluator and the in-memory adapters
 * read the current instant from here and nowhere else.
 *
 * <p>Production code uses {@link #system()}; tests use {@link ManualClock} and move time by hand:
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T09:00:00Z"));
 * EscalationEngine engine = EscalationEngine.builder()...clock(clock).build();
 * clock.advance(Duration.ofHours(23));
 * engine.runOnce();
 * }</pre>
 */
@FunctionalInterface
public interface Clock {

    /**
     * The current instant. Must never return {@code null}. Called from several threads at once (the
     * run's and its delivery threads, and concurrent runs), as both clocks here allow.
     *
     * @return the current instant
     */
    Instant now();

    /**
     * The system's UTC clock.
     *
     * @return the system clock
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
