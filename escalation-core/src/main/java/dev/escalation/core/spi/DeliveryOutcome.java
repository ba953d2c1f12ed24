package dev.escalation.core.spi;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one delivery attempt, for the repository to record in its outbox.
 *
 * @param idempotencyKey the notification
 * @param status         delivered, retry scheduled, or given up
 * @param attempts       failed attempts so far (unchanged when delivered)
 * @param nextAttemptAt  when to try again, for {@link Status#RETRY}
 * @param lastError      the last failure's message, if any
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
        DELIVERED,
        RETRY,
        GIVEN_UP
    }

    public DeliveryOutcome {
        Require.text("idempotencyKey", idempotencyKey);
        Require.present("status", status);
        Require.notNegative("attempts", attempts);
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Require.present("at", at);
        if ((status == Status.RETRY) != nextAttemptAt.isPresent()) {
            throw new IllegalArgumentException("nextAttemptAt must be present exactly for RETRY, but status was "
                    + status + " and nextAttemptAt " + nextAttemptAt);
        }
    }

    public static DeliveryOutcome delivered(String key, int attempts, Instant at) {
        return new DeliveryOutcome(key, Status.DELIVERED, attempts, Optional.empty(), Optional.empty(), at);
    }

    public static DeliveryOutcome retry(String key, int attempts, Instant nextAttemptAt, String error, Instant at) {
        return new DeliveryOutcome(key, Status.RETRY, attempts, Optional.of(nextAttemptAt), Optional.of(error), at);
    }

    public static DeliveryOutcome givenUp(String key, int attempts, String error, Instant at) {
        return new DeliveryOutcome(key, Status.GIVEN_UP, attempts, Optional.empty(), Optional.of(error), at);
    }
}
