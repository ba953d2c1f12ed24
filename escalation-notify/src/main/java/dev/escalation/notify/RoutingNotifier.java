package dev.escalation.notify;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Sends each notification to every channel whose route matches it, or to the fallback when none
 * does: escalations to e-mail and Slack, reminders to e-mail only, one tenant to its own webhook.
 *
 * <pre>{@code
 * Notifier notifier = RoutingNotifier.builder()
 *         .route(Routes.type(NotificationType.ESCALATION), slack)
 *         .route(Routes.tenant("acme"), acmeWebhook)
 *         .otherwise(email)
 *         .build();
 * }</pre>
 *
 * <p>Every matching channel is tried, even after one failed. If any failed, {@code send} throws so
 * that the engine retries the notification; channels that succeeded then receive it again with the
 * same idempotency key, which their receivers drop (delivery is at least once). When every failure
 * was a {@link PermanentDeliveryException}, so is the one thrown. A notification that no route
 * matches and that has no fallback fails permanently rather than vanish. Thread-safe when its
 * channels are.
 */
public final class RoutingNotifier implements Notifier {

    private final List<Route> routes;
    private final Optional<Notifier> fallback;

    private RoutingNotifier(List<Route> routes, Optional<Notifier> fallback) {
        this.routes = List.copyOf(routes);
        this.fallback = fallback;
    }

    /**
     * Starts a routing notifier with no routes.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void send(Notification notification) throws Exception {
        List<Notifier> targets = new ArrayList<>();
        for (Route route : routes) {
            if (route.condition().test(notification)) {
                targets.add(route.channel());
            }
        }
        if (targets.isEmpty()) {
            if (fallback.isEmpty()) {
                throw new PermanentDeliveryException("no route matches " + notification.type() + " "
                        + notification.idempotencyKey() + " and there is no fallback channel");
            }
            targets.add(fallback.get());
        }
        deliverToAll(notification, targets);
    }

    private static void deliverToAll(Notification notification, List<Notifier> targets) throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (Notifier target : targets) {
            try {
                target.send(notification);
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        boolean permanent = failures.stream().allMatch(PermanentDeliveryException.class::isInstance);
        String message =
                failures.size() + " of " + targets.size() + " channels failed for " + notification.idempotencyKey();
        Exception combined = permanent ? new PermanentDeliveryException(message) : new Exception(message);
        failures.forEach(combined::addSuppressed);
        throw combined;
    }

    private record Route(Predicate<Notification> condition, Notifier channel) {}

    /** Collects routes in order and an optional fallback. Not thread-safe. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();
        private Optional<Notifier> fallback = Optional.empty();

        private Builder() {}

        /**
         * Sends the notifications that match {@code condition} to {@code channel}, besides any other
         * matching route.
         *
         * @param condition which notifications, see {@link Routes}
         * @param channel where they go
         * @return this builder
         * @throws IllegalArgumentException if either is null
         */
        public Builder route(Predicate<Notification> condition, Notifier channel) {
            routes.add(new Route(Require.present("condition", condition), Require.present("channel", channel)));
            return this;
        }

        /**
         * Sends the notifications that no route matches to {@code channel}.
         *
         * @param channel the fallback channel
         * @return this builder
         * @throws IllegalArgumentException if {@code channel} is null
         */
        public Builder otherwise(Notifier channel) {
            this.fallback = Optional.of(Require.present("channel", channel));
            return this;
        }

        /**
         * The routing notifier.
         *
         * @return a new notifier with the routes so far
         * @throws IllegalStateException if there is neither a route nor a fallback
         */
        public RoutingNotifier build() {
            if (routes.isEmpty() && fallback.isEmpty()) {
                throw new IllegalStateException("a routing notifier needs at least one route or a fallback");
            }
            return new RoutingNotifier(routes, fallback);
        }
    }
}
