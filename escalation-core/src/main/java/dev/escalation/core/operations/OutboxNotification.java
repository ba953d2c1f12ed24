package dev.escalation.core.operations;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An undelivered notification in the outbox: what it says, how often it was tried and why it failed.
 *
 * @param notification  the notification, with its idempotency key
 * @param state         pending, failing or given up
 * @param attempts      delivery attempts so far
 * @param nextAttemptAt when it is next due (for one given up: when it was given up)
 * @param lastError     the last attempt's error, if any
 */
public record OutboxNotification(
        Notification notification,
        DeliveryState state,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> lastError) {

    /**
     * Validates the entry.
     *
     * @param notification  the notification, with its idempotency key
     * @param state         pending, failing or given up
     * @param attempts      delivery attempts so far
     * @param nextAttemptAt when it is next due (for one given up: when it was given up)
     * @param lastError     the last attempt's error, if any
     * @throws IllegalArgumentException when attempts is negative
     * @throws NullPointerException when a value is null
     */
    public OutboxNotification {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(state, "state");
        Require.notNegative("attempts", attempts);
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * The state of an undelivered outbox entry: given up, or pending and failing once attempted.
     *
     * @param givenUp  whether the entry was given up
     * @param attempts the attempts so far
     * @return its delivery state
     */
    public static DeliveryState stateOf(boolean givenUp, int attempts) {
        return givenUp ? DeliveryState.GIVEN_UP : attempts == 0 ? DeliveryState.PENDING : DeliveryState.FAILING;
    }
}
