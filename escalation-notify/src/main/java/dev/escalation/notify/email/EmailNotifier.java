package dev.escalation.notify.email;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.notify.PermanentDeliveryException;
import dev.escalation.notify.directory.Recipient;
import dev.escalation.notify.directory.RecipientDirectory;
import dev.escalation.notify.template.AttributeSource;
import dev.escalation.notify.template.Channel;
import dev.escalation.notify.template.RenderedMessage;
import dev.escalation.notify.template.Templates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Sends each notification as an e-mail over SMTP (Jakarta Mail on Eclipse Angus): a subject, a
 * plain-text part and an HTML part as {@code multipart/alternative}, rendered from {@link Templates}
 * in the recipient's language and time zone. The address comes from the {@link RecipientDirectory}.
 *
 * <pre>{@code
 * Notifier email = EmailNotifier.builder("smtp.example.com", 587, "escalations@example.com", directory)
 *         .credentials("escalations", smtpPassword)
 *         .startTls(true)
 *         .build();
 * }</pre>
 *
 * <p>Every attempt of one notification carries the same {@code Message-ID} (derived from the
 * idempotency key) and the key itself in {@value #IDEMPOTENCY_HEADER}, so a mail system or a
 * reader's client can drop repeats. A recipient the directory does not know, one without an
 * address, or an address the server refuses fails with {@link PermanentDeliveryException}; any
 * other failure (server down, timeout) with a {@link MessagingException}, to be retried.
 * Thread-safe.
 */
public final class EmailNotifier implements Notifier {

    /** The header that carries the notification's idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "X-Escalation-Idempotency-Key";

    private final Session session;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final RecipientDirectory directory;
    private final Templates templates;
    private final AttributeSource attributes;
    private final String user;
    private final String password;

    private EmailNotifier(Builder b) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", b.host);
        properties.setProperty("mail.smtp.port", Integer.toString(b.port));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(b.timeout.toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(b.timeout.toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(b.timeout.toMillis()));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(b.startTls));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(b.startTls));
        properties.setProperty("mail.smtp.auth", Boolean.toString(b.user != null));
        if (b.user != null) {
            properties.setProperty("mail.smtp.user", b.user);
        }
        this.session = Session.getInstance(properties);
        this.from = b.from;
        this.messageIdDomain = b.from.getAddress().substring(b.from.getAddress().indexOf('@') + 1);
        this.directory = b.directory;
        this.templates = b.templates;
        this.attributes = b.attributes;
        this.password = b.password;
        this.user = b.user;
    }

    /**
     * Starts an SMTP notifier.
     *
     * @param host the SMTP server's host name
     * @param port its port, 1 to 65535 (25, 465 or 587 usually)
     * @param from the sender's address
     * @param directory where the recipients' addresses, languages and zones are
     * @return a new builder
     * @throws IllegalArgumentException naming the field for a blank host, a port out of range, a bad
     *     sender address or a missing directory
     */
    public static Builder builder(String host, int port, String from, RecipientDirectory directory) {
        return new Builder(host, port, from, directory);
    }

    @Override
    public void send(Notification notification) throws MessagingException, PermanentDeliveryException {
        Recipient recipient = directory
                .find(notification.recipient())
                .orElseThrow(() -> new PermanentDeliveryException(
                        "recipient " + notification.recipient() + " is not in the directory"));
        String address = recipient
                .email()
                .orElseThrow(() -> new PermanentDeliveryException(
                        "recipient " + notification.recipient() + " has no e-mail address"));
        RenderedMessage rendered = templates.render(
                notification,
                Channel.EMAIL,
                recipient.locale(),
                recipient.zone(),
                attributes.attributesFor(notification));
        MimeMessage message = compose(notification, address, rendered);
        try {
            if (user == null) {
                Transport.send(message);
            } else {
                Transport.send(message, user, password);
            }
        } catch (SendFailedException e) {
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                throw new PermanentDeliveryException(
                        "the mail server refused the address of recipient " + notification.recipient(), e);
            }
            throw e;
        }
    }

    private MimeMessage compose(Notification notification, String address, RenderedMessage rendered)
            throws MessagingException, PermanentDeliveryException {
        String messageId = "<" + sha256(notification.idempotencyKey()) + "@" + messageIdDomain + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        try {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
        } catch (AddressException e) {
            throw new PermanentDeliveryException(
                    "recipient " + notification.recipient() + " has an invalid e-mail address", e);
        }
        message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(notification.createdAt()));
        message.setHeader(IDEMPOTENCY_HEADER, notification.idempotencyKey());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(rendered.html().orElseThrow(), StandardCharsets.UTF_8.name(), "html");
        // Plain text first: multipart/alternative lists the parts from simplest to richest.
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Collects the SMTP settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {

        private final String host;
        private final int port;
        private final InternetAddress from;
        private final RecipientDirectory directory;
        private String user;
        private String password;
        private boolean startTls;
        private Duration timeout = Duration.ofSeconds(10);
        private Templates templates = Templates.defaults();
        private AttributeSource attributes = AttributeSource.none();

        private Builder(String host, int port, String from, RecipientDirectory directory) {
            this.host = Require.text("host", host);
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1 to 65535 but was " + port);
            }
            this.port = port;
            Require.text("from", from);
            try {
                this.from = new InternetAddress(from, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException(
                        "from must be an e-mail address like escalations@example.com but was '" + from + "'", e);
            }
            this.directory = Require.present("directory", directory);
        }

        /**
         * Logs in to the SMTP server.
         *
         * @param user the user name
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException if either is blank
         */
        public Builder credentials(String user, String password) {
            this.user = Require.text("user", user);
            this.password = Require.text("password", password);
            return this;
        }

        /**
         * Whether to require STARTTLS; off by default (for a local relay).
         *
         * @param required whether to require it
         * @return this builder
         */
        public Builder startTls(boolean required) {
            this.startTls = required;
            return this;
        }

        /**
         * The connect, read and write timeout with the server; 10 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Require.positive("timeout", timeout);
            return this;
        }

        /**
         * The templates; {@link Templates#defaults()} by default.
         *
         * @param templates the templates
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder templates(Templates templates) {
            this.templates = Require.present("templates", templates);
            return this;
        }

        /**
         * Where the templates' task attributes come from; none by default.
         *
         * @param attributes the source
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder attributes(AttributeSource attributes) {
            this.attributes = Require.present("attributes", attributes);
            return this;
        }

        /**
         * The notifier.
         *
         * @return a new notifier
         */
        public EmailNotifier build() {
            return new EmailNotifier(this);
        }
    }
}
