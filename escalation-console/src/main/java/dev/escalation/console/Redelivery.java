package dev.escalation.console;

import dev.escalation.core.Require;

/**
 * What a redelivery request came to, as the console reports it to the operator.
 *
 * @param notificationId the notification
 * @param queued         true when it is back in the outbox, false when it was not (not given up any
 *                       more, unknown, or requested by another operator at the same time)
 * @param message        one sentence for the operator
 */
public record Redelivery(String notificationId, boolean queued, String message) {

    /**
     * Validates the result.
     *
     * @param notificationId the notification
     * @param queued         true when it is back in the outbox
     * @param message        one sentence for the operator
     * @throws IllegalArgumentException when a value is missing or blank
     */
    public Redelivery {
        Require.text("notificationId", notificationId);
        Require.text("message", message);
    }
}
