package dev.escalation.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.time.ManualClock;
import dev.escalation.notify.Notifications;
import dev.escalation.notify.directory.InMemoryRecipientDirectory;
import dev.escalation.notify.directory.Recipient;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatFormatsTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-12-07T16:05:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private SignatureCheckingServer chat;

    @BeforeEach
    void startChat() throws Exception {
        chat = new SignatureCheckingServer(null, clock::now);
    }

    @AfterEach
    void stopChat() {
        chat.close();
    }

    @Test
    void slack_receives_a_fallback_text_and_header_section_and_context_blocks() throws Exception {
        WebhookNotifier slack = WebhookNotifier.builder(chat.url(), clock)
                .format(WebhookFormat.SLACK)
                .build();

        slack.send(Notifications.of(NotificationType.ESCALATION, "dora"));

        JsonNode body = json.readTree(chat.received().get(0).body());
        assertThat(body.get("text").asText())
                .startsWith("Escalated to you: task PO-7: :rotating_light: Task PO-7 (purchase-order, approval)");
        assertThat(body.get("blocks"))
                .extracting(b -> b.get("type").asText())
                .containsExactly("header", "section", "context");
        assertThat(body.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("Escalated to you: task PO-7");
        assertThat(body.at("/blocks/1/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(body.at("/blocks/1/text/text").asText())
                .contains("missed its deadline of 2026-12-07 16:00 (Z)")
                .contains("escalated to dora (level 1)");
        assertThat(body.at("/blocks/2/elements/0/text").asText()).contains("PO-7/0/ESCALATION/1/dora");
    }

    @Test
    void teams_receives_an_adaptive_card_with_the_task_facts() throws Exception {
        WebhookNotifier teams = WebhookNotifier.builder(chat.url(), clock)
                .format(WebhookFormat.TEAMS)
                .build();

        teams.send(Notifications.of(NotificationType.REMINDER, "alice"));

        JsonNode body = json.readTree(chat.received().get(0).body());
        assertThat(body.get("type").asText()).isEqualTo("message");
        JsonNode attachment = body.at("/attachments/0");
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.at("/body/0/text").asText()).isEqualTo("Reminder: task PO-7 is overdue");
        assertThat(card.at("/body/1/text").asText()).contains("is still waiting for you");
        assertThat(card.at("/body/2/facts"))
                .extracting(f -> f.get("title").asText() + "=" + f.get("value").asText())
                .containsExactly("Task=PO-7", "Workflow=purchase-order / approval", "Level=1");
    }

    @Test
    void a_per_recipient_webhook_posts_to_the_recipients_own_url_in_their_language() throws Exception {
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
                .put(Recipient.withEmail("dora", "dora@example.com", Locale.GERMAN, ZoneId.of("Europe/Berlin"))
                        .withWebhook(chat.url()));
        WebhookNotifier perPerson = WebhookNotifier.perRecipient(directory, clock)
                .format(WebhookFormat.SLACK)
                .build();

        perPerson.send(Notifications.of(NotificationType.WARNING, "dora"));

        JsonNode body = json.readTree(chat.received().get(0).body());
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("Aufgabe PO-7 ist bald fällig");
        assertThat(body.at("/blocks/1/text/text").asText()).contains("2026-12-07 17:00 (Europe/Berlin)");
    }

    @Test
    void a_recipient_without_a_webhook_fails_permanently() {
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
                .put(Recipient.withEmail("erik", "erik@example.com", Locale.ENGLISH, ZoneId.of("UTC")));
        WebhookNotifier perPerson = WebhookNotifier.perRecipient(directory, clock)
                .format(WebhookFormat.TEAMS)
                .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> perPerson.send(Notifications.of(NotificationType.WARNING, "erik")))
                .isInstanceOf(dev.escalation.notify.PermanentDeliveryException.class)
                .hasMessageContaining("recipient erik has no webhook");
        assertThat(chat.received()).isEmpty();
    }
}
