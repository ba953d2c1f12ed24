package dev.escalation.notify.quiet;

import dev.escalation.core.Require;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.notify.directory.Recipient;
import dev.escalation.notify.directory.RecipientDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Holds notifications that would reach a recipient outside their working hours until their next
 * working time, read in the recipient's own time zone from the {@link RecipientDirectory}: a
 * reminder due at 03:00 in Los Angeles arrives at 09:00 there, a warning on Saturday on Monday
 * morning. By default warnings and reminders are held and escalations are not (someone must act
 * now); {@link Builder#hold} chooses otherwise.
 *
 * <pre>{@code
 * DeliveryWindow window = QuietHours.builder(directory)
 *         .hold(NotificationType.WARNING, NotificationType.REMINDER, NotificationType.RE_ESCALATION)
 *         .build();
 * }</pre>
 *
 * <p>A recipient that the directory does not know, or a directory that fails, is never a reason
 * to hold: the notification goes out at once, so nothing waits forever on a missing entry.
 * Immutable and thread-safe when the directory is.
 */
public final class QuietHours implements DeliveryWindow {

    // BusinessCalendar.plus(t, 1 ns) lands 1 ns after the next opening; the nanosecond is taken back.
    private static final Duration ONE_NANO = Duration.ofNanos(1);

    private final RecipientDirectory directory;
    private final Set<NotificationType> held;

    private QuietHours(RecipientDirectory directory, Set<NotificationType> held) {
        this.directory = directory;
        this.held = held.isEmpty() ? Set.of() : EnumSet.copyOf(held);
    }

    /**
     * Starts quiet hours that read each recipient's working hours from {@code directory}.
     *
     * @param directory where the recipients' zones and working hours are
     * @return a builder holding warnings and reminders
     * @throws IllegalArgumentException if {@code directory} is null
     */
    public static Builder builder(RecipientDirectory directory) {
        return new Builder(Require.present("directory", directory));
    }

    /**
     * The notification types that wait for working time; the others are exempt.
     *
     * @return the held types
     */
    public Set<NotificationType> heldTypes() {
        return held.isEmpty() ? Set.of() : EnumSet.copyOf(held);
    }

    @Override
    public Instant earliestDelivery(Notification notification, Instant now) {
        if (!held.contains(notification.type())) {
            return now;
        }
        Optional<Recipient> recipient;
        try {
            recipient = directory.find(notification.recipient());
        } catch (RuntimeException e) {
            return now;
        }
        return recipient.map(r -> nextWorkingInstant(r.workingHours(), now)).orElse(now);
    }

    /**
     * {@code now} if it is working time in {@code hours}, else the start of the next working time.
     *
     * @param hours the working hours, in the recipient's zone
     * @param now the instant
     * @return the earliest working instant not before {@code now}
     * @throws IllegalArgumentException if either is null
     */
    public static Instant nextWorkingInstant(BusinessCalendar hours, Instant now) {
        Require.present("hours", hours);
        Require.present("now", now);
        if (hours.isWorkingTime(now)) {
            return now;
        }
        return hours.plus(now, ONE_NANO).minus(ONE_NANO);
    }

    /** Chooses the held types. Not thread-safe. */
    public static final class Builder {

        private final RecipientDirectory directory;
        private final Set<NotificationType> held = EnumSet.of(NotificationType.WARNING, NotificationType.REMINDER);

        private Builder(RecipientDirectory directory) {
            this.directory = directory;
        }

        /**
         * Holds exactly these types outside working hours; every other type is exempt.
         *
         * @param types the held types; none to hold nothing
         * @return this builder
         * @throws IllegalArgumentException if a type is null
         */
        public Builder hold(NotificationType... types) {
            held.clear();
            for (NotificationType type : Require.present("types", types)) {
                held.add(Require.present("types", type));
            }
            return this;
        }

        /**
         * The quiet hours.
         *
         * @return a new window
         */
        public QuietHours build() {
            return new QuietHours(directory, held);
        }
    }
}
