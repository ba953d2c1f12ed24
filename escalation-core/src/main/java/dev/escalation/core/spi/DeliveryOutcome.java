package dev.escalation.core.spi;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one delivery attempt, for the repository to record in its outbox.
 *
 * @param idempotencyKey the notification
 * @param status         delivered, retry scheduled, given up, deferred or withdrawn
 * @param attempts       failed attempts so far (unchanged when delivered, deferred or withdrawn)
 * @param nextAttemptAt  when to try again, for {@link Status#RETRY} and {@link Status#DEFERRED}
 * @param lastError      the last failure's message, or why the notification was withdrawn
 * @param at             when the attempt ended
 */
public record DeliveryOutcome(
        String idempotencyKey,
        Status status,
        int attempts,
        Optional<Instant> nextAttemptAt,
        Optional<String> lastError,
        Instant at) {

    /** Where a notification stands after an attempt. */
    public enum Status {
        /** Delivered: the outbox row is finished. */
        DELIVERED,
        /** Failed, with another attempt at {@code nextAttemptAt}. */
        RETRY,
        /** Failed for the last time: the outbox row is finished, undelivered. */
        GIVEN_UP,
        /**
         * Not attempted: held (by the delivery window, or released unattempted by a run short of
         * lease) until {@code nextAttemptAt}. The row stays pending, due then, with its attempts
         * unchanged.
         */
        DEFERRED,
        /**
         * Not sent, because the task changed since the notification was queued (completed,
         * cancelled, reassigned, moved to another stage): the outbox row is finished, undelivered,
         * and {@code lastError} says why.
         */
        WITHDRAWN
    }

    /**
     * Validates the outcome.
     *
     * @param idempotencyKey the notification
     * @param status         delivered, retry scheduled, given up, deferred or withdrawn
     * @param attempts       failed attempts so far (unchanged when delivered, deferred or withdrawn)
     * @param nextAttemptAt  when to try again, for {@link Status#RETRY} and {@link Status#DEFERRED}
     * @param lastError      the last failure's message, or why the notification was withdrawn
     * @param at             when the attempt ended
     * @throws IllegalArgumentException when a value is null or blank, or {@code nextAttemptAt} is present for any status but retry and deferred, or missing for those
     */
    public DeliveryOutcome {
        Require.text("idempotencyKey", idempotencyKey);
        Require.present("status", status);
        Require.notNegative("attempts", attempts);
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Require.present("at", at);
        if ((status == Status.RETRY || status == Status.DEFERRED) != nextAttemptAt.isPresent()) {
            throw new IllegalArgumentException(
                    "nextAttemptAt must be present exactly for RETRY and DEFERRED, but status was " + status
                            + " and nextAttemptAt " + nextAttemptAt);
        }
    }

    /**
     * A delivered notification.
     *
     * @param key      the notification's idempotency key
     * @param attempts failed attempts before this one
     * @param at       when it was delivered
     * @return the outcome
     */
    public static DeliveryOutcome delivered(String key, int attempts, Instant at) {
        return new DeliveryOutcome(key, Status.DELIVERED, attempts, Optional.empty(), Optional.empty(), at);
    }

    /**
     * A failed attempt, to be retried at {@code nextAttemptAt}.
     *
     * @param key           the notification's idempotency key
     * @param attempts      failed attempts so far, this one included
     * @param nextAttemptAt when to try again
     * @param error         the failure's message
     * @param at            when the attempt failed
     * @return the outcome
     */
    public static DeliveryOutcome retry(String key, int attempts, Instant nextAttemptAt, String error, Instant at) {
        return new DeliveryOutcome(key, Status.RETRY, attempts, Optional.of(nextAttemptAt), Optional.of(error), at);
    }

    /**
     * A failed last attempt: the notification is given up.
     *
     * @param key      the notification's idempotency key
     * @param attempts failed attempts, this one included
     * @param error    the failure's message
     * @param at       when the attempt failed
     * @return the outcome
     */
    public static DeliveryOutcome givenUp(String key, int attempts, String error, Instant at) {
        return new DeliveryOutcome(key, Status.GIVEN_UP, attempts, Optional.empty(), Optional.of(error), at);
    }

    /**
     * A notification that was not attempted: it stays pending, due again at {@code until}, with
     * its attempts unchanged.
     *
     * @param key      the notification's idempotency key
     * @param attempts failed attempts so far, unchanged
     * @param until    when it falls due again
     * @param at       when it was held
     * @return the outcome
     */
    public static DeliveryOutcome deferred(String key, int attempts, Instant until, Instant at) {
        return new DeliveryOutcome(key, Status.DEFERRED, attempts, Optional.of(until), Optional.empty(), at);
    }

    /**
     * A notification withdrawn before it was sent: what happened to its task since it was queued
     * made it untrue.
     *
     * @param key      the notification's idempotency key
     * @param attempts failed attempts before it was withdrawn
     * @param reason   why it was withdrawn
     * @param at       when it was withdrawn
     * @return the outcome
     */
    public static DeliveryOutcome withdrawn(String key, int attempts, String reason, Instant at) {
        return new DeliveryOutcome(key, Status.WITHDRAWN, attempts, Optional.empty(), Optional.of(reason), at);
    }
}
