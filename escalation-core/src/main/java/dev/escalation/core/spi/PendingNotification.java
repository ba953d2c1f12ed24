package dev.escalation.core.spi;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.task.InputLimits;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification waiting in the outbox.
 *
 * @param notification  the message
 * @param attempts      failed delivery attempts so far (in its current series of attempts)
 * @param nextAttemptAt when it may be tried (again)
 * @param redelivery    the operator's request that put it back in the outbox after it was given up
 *                      (see {@link dev.escalation.core.operations.OperatorActions#redeliver}); empty
 *                      for its first series of attempts. The audit entries of the new series name it,
 *                      so that a notification given up again is audited again.
 */
public record PendingNotification(
        Notification notification, int attempts, Instant nextAttemptAt, Optional<String> redelivery) {

    /**
     * Validates the entry.
     *
     * @param notification  the message
     * @param attempts      failed delivery attempts so far (in its current series of attempts)
     * @param nextAttemptAt when it may be tried (again)
     * @param redelivery    the redelivery request of its current series of attempts, if any
     * @throws IllegalArgumentException when a value is null, the attempts are negative or the request
     *     id is no storable name
     */
    public PendingNotification {
        Require.present("notification", notification);
        Require.notNegative("attempts", attempts);
        Require.present("nextAttemptAt", nextAttemptAt);
        Objects.requireNonNull(redelivery, "redelivery");
        redelivery.ifPresent(id -> InputLimits.name("redelivery", id));
    }

    /**
     * A notification in its first series of attempts.
     *
     * @param notification  the message
     * @param attempts      failed delivery attempts so far
     * @param nextAttemptAt when it may be tried (again)
     * @throws IllegalArgumentException when a value is null or the attempts are negative
     */
    public PendingNotification(Notification notification, int attempts, Instant nextAttemptAt) {
        this(notification, attempts, nextAttemptAt, Optional.empty());
    }
}
