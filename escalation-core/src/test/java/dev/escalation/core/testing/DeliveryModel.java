package dev.escalation.core.testing;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A naive model of what becomes of each queued notification under {@link QuietHours}, to check the
 * engine's outbox against: fed in order every notification as it is queued, every completion and
 * reassignment of a task, and every run, it says at which runs each notification must be deferred
 * (and until when), and at which run it must be delivered or withdrawn. A notification is due from
 * its step's instant; a run at or after that instant withdraws it when its task was completed (or,
 * except for an escalation notice, reassigned) since, delivers it when the window is open or its
 * type is exempt, and otherwise defers it until the window opens, when it falls due again. It shares
 * no code with the engine's delivery.
 */
public final class DeliveryModel {

    /** What a run did with a notification. */
    public enum Outcome {
        DEFERRED,
        DELIVERED,
        WITHDRAWN
    }

    /**
     * One thing a run did with a notification.
     *
     * @param outcome what it did
     * @param at      the run's instant
     * @param until   for a deferral, the instant the notification waits for
     */
    public record Event(Outcome outcome, Instant at, Optional<Instant> until) {}

    private final Optional<QuietHours> window;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();

    /** A model under {@code window}, or with every notification delivered at once when empty. */
    public DeliveryModel(Optional<QuietHours> window) {
        this.window = window;
    }

    /** Whether the model already follows the notification with this key. */
    public boolean follows(String idempotencyKey) {
        return tracked.containsKey(idempotencyKey);
    }

    /** A step queued {@code notification}, due from its creation. */
    public void queued(Notification notification) {
        tracked.put(notification.idempotencyKey(), new Tracked(notification));
    }

    /** The host completed the task. */
    public void finished(String taskId) {
        tracked.values().stream()
                .filter(t -> t.notification.taskId().equals(taskId))
                .forEach(t -> t.untrue = true);
    }

    /** The host reassigned the task, starting a new cycle: only escalation notices stay true. */
    public void reassigned(String taskId) {
        tracked.values().stream()
                .filter(t -> t.notification.taskId().equals(taskId))
                .filter(t -> t.notification.type() != NotificationType.ESCALATION_NOTICE)
                .forEach(t -> t.untrue = true);
    }

    /** The engine ran at {@code at}. */
    public void ran(Instant at) {
        for (Tracked t : tracked.values()) {
            if (t.settled() || at.isBefore(t.due)) {
                continue;
            }
            if (t.untrue) {
                t.events.add(new Event(Outcome.WITHDRAWN, at, Optional.empty()));
            } else if (window.isEmpty()
                    || !QuietHours.holds(t.notification.type())
                    || window.get().isOpen(at)) {
                t.events.add(new Event(Outcome.DELIVERED, at, Optional.empty()));
            } else {
                t.due = window.get().opening(at);
                t.events.add(new Event(Outcome.DEFERRED, at, Optional.of(t.due)));
            }
        }
    }

    /** Every notification queued so far, by key: what the runs did with it, in order. */
    public Map<String, List<Event>> events() {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        tracked.forEach((key, t) -> events.put(key, Collections.unmodifiableList(t.events)));
        return Collections.unmodifiableMap(events);
    }

    /** The notification queued under {@code key}. */
    public Notification notification(String key) {
        return tracked.get(key).notification;
    }

    private static final class Tracked {
        final Notification notification;
        final List<Event> events = new ArrayList<>();
        Instant due;
        boolean untrue;

        Tracked(Notification notification) {
            this.notification = notification;
            this.due = notification.createdAt();
        }

        boolean settled() {
            return !events.isEmpty() && events.get(events.size() - 1).outcome() != Outcome.DEFERRED;
        }
    }
}
