package dev.escalation.notify;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Conditions for {@link RoutingNotifier} routes; combine them with {@link Predicate#and} and
 * {@link Predicate#or}:
 *
 * <pre>{@code
 * Predicate<Notification> urgent = Routes.type(NotificationType.ESCALATION).and(Routes.levelAtLeast(2));
 * }</pre>
 */
public final class Routes {

    private Routes() {}

    /**
     * Notifications of one of the given types.
     *
     * @param first a type
     * @param more further types
     * @return the condition
     */
    public static Predicate<Notification> type(NotificationType first, NotificationType... more) {
        Set<NotificationType> types = EnumSet.of(Require.present("type", first), more);
        return n -> types.contains(n.type());
    }

    /**
     * Notifications whose escalation level is at least {@code level}.
     *
     * @param level the lowest level, not negative
     * @return the condition
     * @throws IllegalArgumentException if {@code level} is negative
     */
    public static Predicate<Notification> levelAtLeast(int level) {
        Require.notNegative("level", level);
        return n -> n.level() >= level;
    }

    /**
     * Notifications of tasks of one tenant.
     *
     * @param tenant the tenant
     * @return the condition
     * @throws IllegalArgumentException if {@code tenant} is blank
     */
    public static Predicate<Notification> tenant(String tenant) {
        Require.text("tenant", tenant);
        return n -> n.tenant().filter(tenant::equals).isPresent();
    }

    /**
     * Notifications to one of the given recipients.
     *
     * @param recipients the recipients' user ids
     * @return the condition
     * @throws IllegalArgumentException if no recipient or a blank one is given
     */
    public static Predicate<Notification> recipient(String... recipients) {
        List<String> ids = List.of(Require.present("recipients", recipients));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("recipients must name at least one recipient");
        }
        ids.forEach(id -> Require.text("recipients", id));
        return n -> ids.contains(n.recipient());
    }
}
