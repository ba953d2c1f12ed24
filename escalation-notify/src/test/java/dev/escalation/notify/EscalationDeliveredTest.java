package dev.escalation.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.notify.directory.InMemoryRecipientDirectory;
import dev.escalation.notify.directory.Recipient;
import dev.escalation.notify.email.EmailNotifier;
import dev.escalation.notify.webhook.WebhookNotifier;
import dev.escalation.notify.webhook.WebhookSignature;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "done when": a real engine escalates a task, and the escalation reaches the new
 * assignee as an e-mail through a real SMTP server and as a signed webhook whose receiver verifies
 * the signature.
 */
class EscalationDeliveredTest {

    private static final String SECRET = "whsec_escalations_0123456789";
    private static final Instant OPENED = Instant.parse("2026-12-07T09:00:00Z");

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final ManualClock clock = ManualClock.at(OPENED);
    private final List<String> verifiedBodies = new CopyOnWriteArrayList<>();
    private final List<String> refusedBodies = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/escalations", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            boolean genuine = WebhookSignature.verify(SECRET, signature, body, clock.now(), Duration.ofMinutes(5));
            (genuine ? verifiedBodies : refusedBodies).add(body);
            int status = genuine ? 204 : 401;
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void an_escalation_reaches_the_new_assignee_by_email_and_as_a_verified_signed_webhook() throws Exception {
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
                .put(Recipient.withEmail("dora", "dora@example.com", Locale.ENGLISH, ZoneId.of("Europe/London")))
                .put(Recipient.withEmail("alice", "alice@example.com", Locale.ENGLISH, ZoneId.of("Europe/London")));
        EmailNotifier email = EmailNotifier.builder(
                        "127.0.0.1", SMTP.getSmtp().getPort(), "escalations@example.com", directory)
                .build();
        WebhookNotifier webhook = WebhookNotifier.builder(
                        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/escalations"), clock)
                .signingSecret(SECRET)
                .directory(directory)
                .build();
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
        EscalationEngine engine = EscalationEngine.builder()
                .repository(tasks)
                .policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(8))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(RoutingNotifier.builder()
                        .route(Routes.type(NotificationType.ESCALATION), email)
                        .route(Routes.type(NotificationType.ESCALATION), webhook)
                        .otherwise(email)
                        .build())
                .build();
        tasks.open(NewTask.of("PO-7", "purchase-order", "approval", "alice", OPENED));

        clock.set(OPENED.plus(Duration.ofHours(8)).plusSeconds(1));
        engine.runOnce();

        MimeMessage mail = null;
        for (MimeMessage received : SMTP.getReceivedMessages()) {
            if (received.getHeader(EmailNotifier.IDEMPOTENCY_HEADER)[0].contains("/ESCALATION/")
                    && received.getAllRecipients()[0].toString().equals("dora@example.com")) {
                mail = received;
            }
        }
        assertThat(mail).as("the escalation e-mail to dora").isNotNull();
        MimeMessage escalationMail = mail;
        assertThat(mail.getSubject()).isEqualTo("Escalated to you: task PO-7");
        assertThat(refusedBodies).isEmpty();
        List<Notification> webhooks =
                verifiedBodies.stream().map(body -> read(body)).toList();
        assertThat(webhooks)
                .filteredOn(n -> n.type() == NotificationType.ESCALATION)
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.recipient()).isEqualTo("dora");
                    assertThat(n.taskId()).isEqualTo("PO-7");
                    assertThat(escalationMail.getHeader(EmailNotifier.IDEMPOTENCY_HEADER))
                            .containsExactly(n.idempotencyKey());
                });
    }

    private static Notification read(String body) {
        try {
            return new ObjectMapper().readValue(body, Notification.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
