package dev.escalation.notify.directory;

import dev.escalation.core.Require;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory held in memory: for tests, demos and hosts with a handful of fixed recipients. Thread-safe. */
public final class InMemoryRecipientDirectory implements RecipientDirectory {

    private final Map<String, Recipient> recipients = new ConcurrentHashMap<>();

    /** An empty directory. */
    public InMemoryRecipientDirectory() {}

    /**
     * Adds a recipient, or replaces the one with the same id.
     *
     * @param recipient the recipient
     * @return this directory
     * @throws IllegalArgumentException if {@code recipient} is null
     */
    public InMemoryRecipientDirectory put(Recipient recipient) {
        Require.present("recipient", recipient);
        recipients.put(recipient.id(), recipient);
        return this;
    }

    /**
     * Removes a recipient.
     *
     * @param userId the user id
     * @return whether the directory knew the user
     */
    public boolean remove(String userId) {
        return recipients.remove(userId) != null;
    }

    @Override
    public Optional<Recipient> find(String userId) {
        return Optional.ofNullable(recipients.get(userId));
    }
}
