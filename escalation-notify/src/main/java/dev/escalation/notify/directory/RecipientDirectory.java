package dev.escalation.notify.directory;

import java.util.Optional;

/**
 * Looks up a notification's recipient by user id: the host's user directory, an LDAP bridge, the
 * {@link JdbcRecipientDirectory} table or an {@link InMemoryRecipientDirectory}. Called from the
 * engine's delivery threads, so it must be thread-safe; an exception fails the delivery attempt,
 * which the engine retries.
 */
@FunctionalInterface
public interface RecipientDirectory {

    /**
     * The recipient with this user id.
     *
     * @param userId the user id, as in {@code Notification.recipient()}
     * @return the recipient, or empty when the directory does not know the user
     * @throws RuntimeException when the directory cannot be read right now
     */
    Optional<Recipient> find(String userId);
}
