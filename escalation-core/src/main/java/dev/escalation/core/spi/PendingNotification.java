package dev.escalation.core.spi;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import java.time.Instant;

/**
 * A notification waiting in the outbox.
 *
 * @param notification  the message
 * @param attempts      failed delivery attempts so far
 * @param nextAttemptAt when it may be tried (again)
 */
public record PendingNotification(Notification notification, int attempts, Instant nextAttemptAt) {

    /**
     * Validates the entry.
     *
     * @param notification  the message
     * @param attempts      failed delivery attempts so far
     * @param nextAttemptAt when it may be tried (again)
     * @throws IllegalArgumentException when a value is null or the attempts are negative
     */
    public PendingNotification {
        Require.present("notification", notification);
        Require.notNegative("attempts", attempts);
        Require.present("nextAttemptAt", nextAttemptAt);
    }
}
