package dev.escalation.core.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who has taken a task in hand in the current cycle, and until when its reminders are snoozed (issue #20).
 *
 * <p>An acknowledgement holds every step of the task, not its SLA clock, for the policy's
 * {@code acknowledge_timeout} from {@code acknowledgedAt}; when nobody acts within it the engine ends
 * it and escalates to the next level. A snooze holds the task's reminders, and nothing else, until
 * {@code snoozedUntil} (at most the policy's {@code max_snooze} after {@code snoozedAt}). A new cycle
 * (reassignment, stage change) starts with {@link #NONE}. docs/policies.md describes both.
 *
 * @param acknowledgedBy who acknowledged the task; empty when nobody has, or the acknowledgement ended
 * @param acknowledgedAt when the task was acknowledged; present exactly when {@code acknowledgedBy} is
 * @param snoozedAt      when the reminders were last snoozed; present exactly when {@code snoozedUntil} is
 * @param snoozedUntil   until when the reminders are held; empty when they never were snoozed in this cycle
 */
public record Attention(
        Optional<String> acknowledgedBy,
        Optional<Instant> acknowledgedAt,
        Optional<Instant> snoozedAt,
        Optional<Instant> snoozedUntil) {

    /** Neither acknowledged nor snoozed: every task before its host acknowledges or snoozes it. */
    public static final Attention NONE =
            new Attention(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Validates the pairs.
     *
     * @param acknowledgedBy who acknowledged the task; empty when nobody has, or the acknowledgement ended
     * @param acknowledgedAt when the task was acknowledged; present exactly when {@code acknowledgedBy} is
     * @param snoozedAt      when the reminders were last snoozed; present exactly when {@code snoozedUntil} is
     * @param snoozedUntil   until when the reminders are held
     * @throws IllegalArgumentException when only one of a pair is present, or a snooze ends before it starts
     * @throws NullPointerException     when an {@code Optional} is null
     */
    public Attention {
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
        Objects.requireNonNull(snoozedAt, "snoozedAt");
        Objects.requireNonNull(snoozedUntil, "snoozedUntil");
        if (acknowledgedBy.isPresent() != acknowledgedAt.isPresent()) {
            throw new IllegalArgumentException("acknowledgedBy and acknowledgedAt go together, but were "
                    + acknowledgedBy + " and " + acknowledgedAt);
        }
        if (snoozedAt.isPresent() != snoozedUntil.isPresent()) {
            throw new IllegalArgumentException(
                    "snoozedAt and snoozedUntil go together, but were " + snoozedAt + " and " + snoozedUntil);
        }
        if (snoozedAt.isPresent() && !snoozedUntil.get().isAfter(snoozedAt.get())) {
            throw new IllegalArgumentException(
                    "snoozedUntil must be after snoozedAt " + snoozedAt.get() + ", but was " + snoozedUntil.get());
        }
    }

    /** {@return whether an acknowledgement stands (the engine ends it when its window has passed)} */
    public boolean acknowledged() {
        return acknowledgedAt.isPresent();
    }

    /**
     * This attention, acknowledged by {@code who} at {@code at}.
     *
     * @param who who acknowledged the task
     * @param at  when
     * @return the copy
     */
    public Attention acknowledge(String who, Instant at) {
        return new Attention(Optional.of(who), Optional.of(at), snoozedAt, snoozedUntil);
    }

    /** {@return this attention with the acknowledgement ended, the snooze as it was} */
    public Attention acknowledgementEnded() {
        return new Attention(Optional.empty(), Optional.empty(), snoozedAt, snoozedUntil);
    }

    /**
     * This attention, its reminders snoozed from {@code at} until {@code until} (replacing an earlier snooze).
     *
     * @param at    when the snooze was asked for
     * @param until when it ends
     * @return the copy
     */
    public Attention snooze(Instant at, Instant until) {
        return new Attention(acknowledgedBy, acknowledgedAt, Optional.of(at), Optional.of(until));
    }
}
