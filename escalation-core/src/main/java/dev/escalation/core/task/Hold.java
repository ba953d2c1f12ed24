package dev.escalation.core.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An interval during which a task's SLA clock was paused. An ongoing hold has no end yet.
 *
 * @param from when the hold started
 * @param until when the task was resumed; empty while the hold lasts
 */
public record Hold(Instant from, Optional<Instant> until) {

    /**
     * Validates the hold.
     *
     * @param from  when the hold started
     * @param until when the task was resumed; empty while the hold lasts
     * @throws IllegalArgumentException when it ends before it starts
     * @throws NullPointerException when a value is null
     */
    public Hold {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new IllegalArgumentException(
                    "hold until must not be before from " + from + ", but was " + until.get());
        }
    }

    /**
     * A hold that started at {@code from} and still lasts.
     *
     * @param from when the hold started
     * @return the hold
     */
    public static Hold since(Instant from) {
        return new Hold(from, Optional.empty());
    }

    /**
     * A finished hold.
     *
     * @param from  when the hold started
     * @param until when it ended
     * @return the hold
     */
    public static Hold between(Instant from, Instant until) {
        return new Hold(from, Optional.of(until));
    }

    /**
     * Whether the hold has not ended yet.
     *
     * @return whether it is ongoing
     */
    public boolean isOngoing() {
        return until.isEmpty();
    }

    /**
     * This hold, ended at {@code at}.
     *
     * @param at when the hold ended
     * @return the ended hold
     */
    public Hold endedAt(Instant at) {
        return new Hold(from, Optional.of(at));
    }
}
