package dev.escalation.notify;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import java.time.Instant;
import java.util.Optional;

/** Notifications as the engine makes them, for the tests of this module. */
public final class Notifications {

    public static final Instant DEADLINE = Instant.parse("2026-12-07T16:00:00Z");

    private Notifications() {}

    public static Notification of(NotificationType type, String recipient) {
        return of(type, recipient, 1, Optional.empty());
    }

    public static Notification of(NotificationType type, String recipient, int level, Optional<String> tenant) {
        return new Notification(
                "PO-7/0/" + type + "/" + level + "/" + recipient,
                type,
                "PO-7",
                tenant,
                recipient,
                "purchase-order",
                "approval",
                level,
                DEADLINE,
                DEADLINE.plusSeconds(60),
                type + " for PO-7");
    }
}
