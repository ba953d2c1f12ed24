package dev.escalation.core.notification;

/**
 * Delivers notifications: e-mail, chat, the host's inbox. The engine calls it after a step is
 * recorded; an exception means "not delivered" and the engine retries later with backoff (see
 * {@link dev.escalation.core.NotificationRetryPolicy}), up to a maximum number of attempts. A
 * failed notification never repeats the step itself.
 *
 * <p>Delivery is at least once: use {@link Notification#idempotencyKey()} to drop repeats.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * Delivers one notification or throws. Called from the engine's delivery threads, several at
     * once: it must be thread-safe. After the engine's delivery timeout the call is interrupted and
     * counted as failed; give it I/O timeouts shorter than that.
     *
     * @param notification what to deliver
     * @throws Exception when it was not delivered; the engine retries it with backoff
     */
    void send(Notification notification) throws Exception;
}
