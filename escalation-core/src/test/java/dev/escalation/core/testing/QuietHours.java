package dev.escalation.core.testing;

import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A deliberately plain delivery window for the property tests, written without escalation-notify:
 * warnings and reminders reach their recipient only on weekdays between {@code openHour} and
 * {@code closeHour} at a fixed offset from UTC; escalations go out at any hour, because a breach
 * does not wait for the morning.
 *
 * @param offset    the recipients' offset from UTC
 * @param openHour  the first working hour of a weekday, local
 * @param closeHour the hour a weekday's working time ends, local, after {@code openHour}
 */
public record QuietHours(ZoneOffset offset, int openHour, int closeHour) implements DeliveryWindow {

    public QuietHours {
        if (openHour < 0 || closeHour > 24 || openHour >= closeHour) {
            throw new IllegalArgumentException("working hours " + openHour + "-" + closeHour);
        }
    }

    /** Whether the window holds notifications of this type at all. */
    public static boolean holds(NotificationType type) {
        return type == NotificationType.WARNING || type == NotificationType.REMINDER;
    }

    /** Whether {@code at} falls in working time. */
    public boolean isOpen(Instant at) {
        OffsetDateTime local = at.atOffset(offset);
        return isWeekday(local.toLocalDate()) && local.getHour() >= openHour && local.getHour() < closeHour;
    }

    /** {@code at} itself when it is working time, otherwise the next start of working time. */
    public Instant opening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        OffsetDateTime local = at.atOffset(offset);
        LocalDate day = local.toLocalDate();
        if (!isWeekday(day) || local.getHour() >= openHour) {
            day = day.plusDays(1);
        }
        while (!isWeekday(day)) {
            day = day.plusDays(1);
        }
        return day.atTime(openHour, 0).toInstant(offset);
    }

    @Override
    public Instant earliestDelivery(Notification notification, Instant now) {
        return holds(notification.type()) ? opening(now) : now;
    }

    private static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
