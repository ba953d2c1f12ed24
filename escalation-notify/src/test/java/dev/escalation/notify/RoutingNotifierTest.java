package dev.escalation.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingNotifierTest {

    private final RecordingNotifier email = new RecordingNotifier();
    private final RecordingNotifier slack = new RecordingNotifier();
    private final RecordingNotifier acme = new RecordingNotifier();

    private final RoutingNotifier routing = RoutingNotifier.builder()
            .route(
                    Routes.type(NotificationType.ESCALATION, NotificationType.RE_ESCALATION)
                            .and(Routes.levelAtLeast(2)),
                    slack)
            .route(Routes.tenant("acme"), acme)
            .otherwise(email)
            .build();

    @Test
    void a_notification_no_route_matches_goes_to_the_fallback() throws Exception {
        Notification warning = Notifications.of(NotificationType.WARNING, "alice");

        routing.send(warning);

        assertThat(email.delivered()).containsExactly(warning);
        assertThat(slack.attempts()).isEmpty();
        assertThat(acme.attempts()).isEmpty();
    }

    @Test
    void routes_by_type_and_level() throws Exception {
        Notification levelOne = Notifications.of(NotificationType.ESCALATION, "dora", 1, Optional.empty());
        Notification levelTwo = Notifications.of(NotificationType.ESCALATION, "erik", 2, Optional.empty());

        routing.send(levelOne);
        routing.send(levelTwo);

        assertThat(slack.delivered()).containsExactly(levelTwo);
        assertThat(email.delivered()).containsExactly(levelOne);
    }

    @Test
    void every_matching_route_receives_the_notification() throws Exception {
        Notification both = Notifications.of(NotificationType.RE_ESCALATION, "erik", 2, Optional.of("acme"));

        routing.send(both);

        assertThat(slack.delivered()).containsExactly(both);
        assertThat(acme.delivered()).containsExactly(both);
        assertThat(email.attempts()).isEmpty();
    }

    @Test
    void routes_by_recipient() throws Exception {
        RoutingNotifier byPerson = RoutingNotifier.builder()
                .route(Routes.recipient("ceo", "cfo"), slack)
                .build();
        Notification toCeo = Notifications.of(NotificationType.WARNING, "ceo");

        byPerson.send(toCeo);

        assertThat(slack.delivered()).containsExactly(toCeo);
        assertThatThrownBy(() -> byPerson.send(Notifications.of(NotificationType.WARNING, "alice")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("no route matches WARNING PO-7/0/WARNING/1/alice");
    }

    @Test
    void one_failing_channel_fails_the_send_after_the_others_were_tried() {
        slack.failWhen(n -> true);
        Notification both = Notifications.of(NotificationType.ESCALATION, "erik", 3, Optional.of("acme"));

        assertThatThrownBy(() -> routing.send(both)).hasMessageContaining("delivery to erik failed (simulated)");

        assertThat(acme.delivered()).containsExactly(both);
    }

    @Test
    void the_failure_is_permanent_only_when_every_failed_channel_failed_permanently() {
        RoutingNotifier twoBroken = RoutingNotifier.builder()
                .route(n -> true, n -> {
                    throw new PermanentDeliveryException("gone");
                })
                .route(n -> true, n -> {
                    throw new PermanentDeliveryException("refused");
                })
                .build();
        RoutingNotifier oneFlaky = RoutingNotifier.builder()
                .route(n -> true, n -> {
                    throw new PermanentDeliveryException("gone");
                })
                .route(n -> true, n -> {
                    throw new java.io.IOException("connection reset");
                })
                .build();
        Notification n = Notifications.of(NotificationType.WARNING, "alice");

        assertThatThrownBy(() -> twoBroken.send(n))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("2 of 2 channels failed")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
        assertThatThrownBy(() -> oneFlaky.send(n))
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("2 of 2 channels failed");
    }

    @Test
    void a_router_without_routes_or_with_bad_conditions_is_refused() {
        assertThatThrownBy(() -> RoutingNotifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Routes.levelAtLeast(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level");
        assertThatThrownBy(() -> Routes.tenant(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant");
        assertThatThrownBy(Routes::recipient)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipients");
    }
}
