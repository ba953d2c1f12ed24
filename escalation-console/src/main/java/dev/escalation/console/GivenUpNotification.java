package dev.escalation.console;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification the outbox gave up after its last attempt, as the console lists it.
 *
 * @param id        its idempotency key: what {@link ConsoleBackend#redeliver} takes
 * @param taskId    the task it is about
 * @param type      the notification type, as text
 * @param recipient who it was for
 * @param givenUpAt when the last attempt failed
 * @param attempts  attempts made
 * @param lastError the last attempt's error, if recorded
 */
public record GivenUpNotification(
        String id,
        String taskId,
        String type,
        String recipient,
        Instant givenUpAt,
        int attempts,
        Optional<String> lastError) {

    /**
     * Validates the row.
     *
     * @param id        its idempotency key
     * @param taskId    the task it is about
     * @param type      the notification type
     * @param recipient who it was for
     * @param givenUpAt when the last attempt failed
     * @param attempts  attempts made
     * @param lastError the last attempt's error, if recorded
     * @throws IllegalArgumentException when a value is missing or blank, or attempts are negative
     */
    public GivenUpNotification {
        Require.text("id", id);
        Require.text("taskId", taskId);
        Require.text("type", type);
        Require.text("recipient", recipient);
        Require.present("givenUpAt", givenUpAt);
        Require.notNegative("attempts", attempts);
        Objects.requireNonNull(lastError, "lastError");
    }
}
