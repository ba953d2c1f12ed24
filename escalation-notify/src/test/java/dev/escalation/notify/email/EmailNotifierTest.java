package dev.escalation.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.notify.Notifications;
import dev.escalation.notify.PermanentDeliveryException;
import dev.escalation.notify.directory.InMemoryRecipientDirectory;
import dev.escalation.notify.directory.Recipient;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
            .put(Recipient.withEmail("dora", "dora@example.com", Locale.ENGLISH, ZoneId.of("America/Los_Angeles")))
            .put(Recipient.withEmail(
                    "jonas", "jonas@example.de", Locale.forLanguageTag("de-AT"), ZoneId.of("Europe/Vienna")))
            .put(new Recipient(
                    "nomail",
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    Locale.ENGLISH,
                    Recipient.officeHours(ZoneId.of("UTC"))));

    private EmailNotifier notifier() {
        return EmailNotifier.builder("127.0.0.1", SMTP.getSmtp().getPort(), "escalations@example.com", directory)
                .build();
    }

    @Test
    void an_escalation_arrives_as_plain_text_and_html_alternatives_in_the_recipients_zone() throws Exception {
        notifier().send(Notifications.of(NotificationType.ESCALATION, "dora"));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("dora@example.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("escalations@example.com");
        assertThat(mail.getSubject()).isEqualTo("Escalated to you: task PO-7");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat((String) text.getContent())
                .contains("missed its deadline of 2026-12-07 08:00 (America/Los_Angeles)")
                .contains("escalated to you (level 1)");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) html.getContent()).contains("<b>PO-7</b>");
    }

    @Test
    void the_message_id_and_a_header_carry_the_idempotency_key_the_same_on_every_attempt() throws Exception {
        Notification warning = Notifications.of(NotificationType.WARNING, "dora");

        notifier().send(warning);
        notifier().send(warning);

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getMessageID()).isEqualTo(mails[1].getMessageID()).matches("<[0-9a-f]{64}@example\\.com>");
        assertThat(mails[0].getHeader(EmailNotifier.IDEMPOTENCY_HEADER)).containsExactly(warning.idempotencyKey());
    }

    @Test
    void different_notifications_get_different_message_ids() throws Exception {
        notifier().send(Notifications.of(NotificationType.WARNING, "dora"));
        notifier().send(Notifications.of(NotificationType.REMINDER, "dora"));

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails[0].getMessageID()).isNotEqualTo(mails[1].getMessageID());
    }

    @Test
    void a_german_speaking_recipient_gets_the_german_templates_through_language_fallback() throws Exception {
        notifier().send(Notifications.of(NotificationType.REMINDER, "jonas"));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Erinnerung: Aufgabe PO-7 ist überfällig");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("war am 2026-12-07 17:00 (Europe/Vienna) fällig");
    }

    @Test
    void a_recipient_unknown_to_the_directory_or_without_an_address_fails_permanently() {
        assertThatThrownBy(() -> notifier().send(Notifications.of(NotificationType.WARNING, "ghost")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("recipient ghost is not in the directory");
        assertThatThrownBy(() -> notifier().send(Notifications.of(NotificationType.WARNING, "nomail")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("recipient nomail has no e-mail address");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_mail_server_that_is_down_is_a_retryable_failure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        EmailNotifier unreachable = EmailNotifier.builder("127.0.0.1", closedPort, "escalations@example.com", directory)
                .build();

        assertThatThrownBy(() -> unreachable.send(Notifications.of(NotificationType.WARNING, "dora")))
                .isInstanceOf(jakarta.mail.MessagingException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void a_bad_sender_address_or_port_is_refused_naming_the_value() {
        assertThatThrownBy(() -> EmailNotifier.builder("127.0.0.1", 25, "not an address", directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from must be an e-mail address")
                .hasMessageContaining("'not an address'");
        assertThatThrownBy(() -> EmailNotifier.builder("127.0.0.1", 70_000, "a@example.com", directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1 to 65535 but was 70000");
    }
}
