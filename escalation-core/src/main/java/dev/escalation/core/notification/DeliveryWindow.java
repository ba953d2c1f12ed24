package dev.escalation.core.notification;

import java.time.Instant;

/**
 * When a notification may be delivered: now, or held until a later instant (a recipient's quiet
 * hours, for example). The engine asks before each attempt; a notification held this way is not a
 * failed attempt: it stays in the outbox, due at the returned instant, and the audit says so.
 *
 * <pre>{@code
 * DeliveryWindow nightsOff = (notification, now) -> quietHours.nextWorkingInstant(notification.recipient(), now);
 * }</pre>
 *
 * <p>Called from the engine's delivery threads; it must be fast and must not block. An exception
 * is treated as "deliver now" and logged (redacted).
 */
@FunctionalInterface
public interface DeliveryWindow {

    /**
     * The earliest instant at which {@code notification} may be delivered.
     *
     * @param notification the notification about to be attempted
     * @param now the run's instant
     * @return {@code now} (or any earlier instant) to deliver at once, or a later instant to hold it until then
     */
    Instant earliestDelivery(Notification notification, Instant now);

    /**
     * Delivers every notification at once: the default.
     *
     * @return a window that is always open
     */
    static DeliveryWindow always() {
        return (notification, now) -> now;
    }
}
