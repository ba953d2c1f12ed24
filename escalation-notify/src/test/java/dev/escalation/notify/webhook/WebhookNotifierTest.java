package dev.escalation.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.time.ManualClock;
import dev.escalation.notify.Notifications;
import dev.escalation.notify.PermanentDeliveryException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookNotifierTest {

    private static final String SECRET = "whsec_0123456789abcdef";

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-12-07T16:05:00Z"));
    private SignatureCheckingServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new SignatureCheckingServer(SECRET, clock::now);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private WebhookNotifier notifier() {
        return WebhookNotifier.builder(receiver.url(), clock)
                .signingSecret(SECRET)
                .build();
    }

    @Test
    void an_escalation_arrives_as_the_notification_json_with_a_signature_the_receiver_verifies() throws Exception {
        Notification escalation = Notifications.of(NotificationType.ESCALATION, "dora");

        notifier().send(escalation);

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.genuine()).isTrue();
            assertThat(r.signature()).startsWith("t=" + clock.now().getEpochSecond() + ",v1=");
            assertThat(r.idempotencyKey()).isEqualTo(escalation.idempotencyKey());
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(new ObjectMapper().readValue(r.body(), Notification.class))
                    .isEqualTo(escalation);
        });
    }

    @Test
    void a_request_signed_with_another_secret_is_refused_by_the_receiver_as_permanent() {
        WebhookNotifier impostor = WebhookNotifier.builder(receiver.url(), clock)
                .signingSecret("not-the-shared-secret")
                .build();

        assertThatThrownBy(() -> impostor.send(Notifications.of(NotificationType.ESCALATION, "dora")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("401");
        assertThat(receiver.received())
                .singleElement()
                .satisfies(r -> assertThat(r.genuine()).isFalse());
    }

    @Test
    void every_attempt_of_one_notification_carries_the_same_idempotency_key() throws Exception {
        Notification reminder = Notifications.of(NotificationType.REMINDER, "alice");

        notifier().send(reminder);
        clock.advance(Duration.ofMinutes(1));
        notifier().send(reminder);

        assertThat(receiver.received())
                .extracting(SignatureCheckingServer.Received::idempotencyKey)
                .containsExactly(reminder.idempotencyKey(), reminder.idempotencyKey());
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.genuine()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 410, 422})
    void a_client_error_is_a_permanent_failure(int status) {
        receiver.answer(status);

        assertThatThrownBy(() -> notifier().send(Notifications.of(NotificationType.WARNING, "alice")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("answered " + status)
                .hasMessageContaining("PO-7/0/WARNING/1/alice");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503})
    void a_server_error_a_timeout_status_or_throttling_is_retryable(int status) {
        receiver.answer(status);

        assertThatThrownBy(() -> notifier().send(Notifications.of(NotificationType.WARNING, "alice")))
                .isInstanceOfSatisfying(
                        WebhookStatusException.class,
                        e -> assertThat(e.status()).isEqualTo(status))
                .isNotInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void a_receiver_that_does_not_answer_within_the_request_timeout_fails_retryably() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.start();
        try {
            WebhookNotifier impatient = WebhookNotifier.builder(
                            URI.create("http://127.0.0.1:" + silent.getAddress().getPort() + "/"), clock)
                    .signingSecret(SECRET)
                    .requestTimeout(Duration.ofMillis(300))
                    .build();

            assertThatThrownBy(() -> impatient.send(Notifications.of(NotificationType.WARNING, "alice")))
                    .isInstanceOf(HttpTimeoutException.class);
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }

    @Test
    void a_notification_json_webhook_without_a_signing_secret_is_refused_when_built() {
        assertThatThrownBy(() -> WebhookNotifier.builder(receiver.url(), clock).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signingSecret");
    }

    @Test
    void a_short_secret_or_a_non_http_url_is_refused_naming_the_value() {
        assertThatThrownBy(() -> WebhookNotifier.builder(receiver.url(), clock).signingSecret("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret must have at least 16 characters but had 5");
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("ftp://example.com/x"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://example.com/x");
    }
}
