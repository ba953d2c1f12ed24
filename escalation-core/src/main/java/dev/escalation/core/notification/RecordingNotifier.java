package dev.escalation.core.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Remembers every notification it is given, for assertions in tests; thread-safe. It can be told
 * to fail, to test retries:
 *
 * <pre>{@code
 * RecordingNotifier notifier = new RecordingNotifier();
 * notifier.failWhen(n -> n.recipient().equals("bob"));   // bob's mail server is down
 * }</pre>
 */
public final class RecordingNotifier implements Notifier {

    private final List<Notification> delivered = new ArrayList<>();
    private final List<Notification> attempts = new ArrayList<>();
    private Predicate<Notification> failWhen = n -> false;

    @Override
    public synchronized void send(Notification notification) {
        attempts.add(notification);
        if (failWhen.test(notification)) {
            throw new IllegalStateException("delivery to " + notification.recipient() + " failed (simulated)");
        }
        delivered.add(notification);
    }

    /**
     * Makes every later delivery that matches fail.
     *
     * @param condition which deliveries fail
     * @return this notifier
     */
    public synchronized RecordingNotifier failWhen(Predicate<Notification> condition) {
        this.failWhen = condition;
        return this;
    }

    /**
     * Makes every later delivery succeed again.
     *
     * @return this notifier
     */
    public synchronized RecordingNotifier recover() {
        return failWhen(n -> false);
    }

    /**
     * Notifications delivered successfully, in the order the notifier was called (within one round of
     * concurrent deliveries, any order).
     *
     * @return a snapshot of the delivered notifications
     */
    public synchronized List<Notification> delivered() {
        return List.copyOf(delivered);
    }

    /**
     * Every delivery attempt, successful or not, in the order the notifier was called.
     *
     * @return a snapshot of the attempts
     */
    public synchronized List<Notification> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Delivered notifications of one type.
     *
     * @param type the notification type
     * @return a snapshot of the delivered notifications of that type, in order
     */
    public synchronized List<Notification> delivered(NotificationType type) {
        return delivered.stream().filter(n -> n.type() == type).toList();
    }

    /** Forgets every delivery and attempt so far. */
    public synchronized void clear() {
        delivered.clear();
        attempts.clear();
    }
}
