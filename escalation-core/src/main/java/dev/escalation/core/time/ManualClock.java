package dev.escalation.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to: the way to test policies and the engine without sleeping.
 * Thread-safe, so several engines on several threads can share one.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T09:00:00Z"));
 * clock.advance(Duration.ofMinutes(15));
 * clock.set(Instant.parse("2026-01-06T09:00:00Z"));
 * }</pre>
 */
public final class ManualClock implements Clock {

    private final AtomicReference<Instant> now;

    private ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * A clock standing at {@code start}.
     *
     * @param start the clock's first instant
     * @return the clock
     */
    public static ManualClock at(Instant start) {
        return new ManualClock(start);
    }

    /**
     * A clock standing at the ISO-8601 instant {@code start}, e.g. {@code "2026-01-05T09:00:00Z"}.
     *
     * @param start the clock's first instant
     * @return the clock
     */
    public static ManualClock at(String start) {
        return new ManualClock(Instant.parse(start));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /**
     * Moves the clock to {@code instant}; moving backwards is allowed, to test clock skew.
     *
     * @param instant the new instant
     * @return this clock
     */
    public ManualClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    /**
     * Moves the clock forward by {@code amount}.
     *
     * @param amount how far to move
     * @return this clock
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public ManualClock advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, but was " + amount);
        }
        now.updateAndGet(current -> current.plus(amount));
        return this;
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
