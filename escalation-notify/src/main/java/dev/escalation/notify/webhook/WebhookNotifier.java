package dev.escalation.notify.webhook;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.time.Clock;
import dev.escalation.notify.PermanentDeliveryException;
import dev.escalation.notify.directory.Recipient;
import dev.escalation.notify.directory.RecipientDirectory;
import dev.escalation.notify.template.AttributeSource;
import dev.escalation.notify.template.Channel;
import dev.escalation.notify.template.RenderedMessage;
import dev.escalation.notify.template.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Posts each notification to a webhook (JDK {@link HttpClient}): the JSON of a {@link WebhookFormat}
 * (the notification itself, Slack or Teams), the idempotency key in {@value #IDEMPOTENCY_HEADER} and,
 * with a signing secret, an HMAC-SHA256 signature in {@value WebhookSignature#HEADER} that the
 * receiver checks with {@link WebhookSignature#verify}.
 *
 * <pre>{@code
 * Notifier webhook = WebhookNotifier.builder(URI.create("https://hooks.example.com/escalations"), clock)
 *         .signingSecret(secret)
 *         .build();
 * Notifier slack = WebhookNotifier.builder(URI.create("https://hooks.slack.com/services/T0/B0/XYZ"), clock)
 *         .format(WebhookFormat.SLACK)
 *         .build();
 * }</pre>
 *
 * <p>A 2xx answer is delivered. 408, 429 and 5xx, a timeout or a broken connection throw an
 * {@link IOException} ({@link WebhookStatusException} for a status) and the engine retries; any
 * other answer (4xx, 3xx: the receiver refuses this request and will again) throws
 * {@link PermanentDeliveryException}. The signed timestamp comes from the injected {@link Clock}.
 * Thread-safe.
 */
public final class WebhookNotifier implements Notifier {

    /** The header that carries the notification's idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "Escalation-Idempotency-Key";

    private final Optional<URI> url;
    private final Optional<RecipientDirectory> directory;
    private final Clock clock;
    private final Optional<String> secret;
    private final WebhookFormat format;
    private final Duration requestTimeout;
    private final Templates templates;
    private final AttributeSource attributes;
    private final HttpClient client;

    private WebhookNotifier(Builder b) {
        this.url = b.url;
        this.directory = b.directory;
        this.clock = b.clock;
        this.secret = b.secret;
        this.format = b.format;
        this.requestTimeout = b.requestTimeout;
        this.templates = b.templates;
        this.attributes = b.attributes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Starts a notifier that posts every notification to one URL. With a directory
     * ({@link Builder#directory}) messages are rendered in each recipient's language and zone,
     * otherwise in English and UTC.
     *
     * @param url the webhook, http or https
     * @param clock the clock that dates the signature
     * @return a new builder
     * @throws IllegalArgumentException if the URL is not http(s) or an argument is null
     */
    public static Builder builder(URI url, Clock clock) {
        Require.present("url", url);
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("url must be an http(s) URL but was '" + url + "'");
        }
        return new Builder(Optional.of(url), Optional.empty(), clock);
    }

    /**
     * Starts a notifier that posts each notification to its recipient's own webhook
     * ({@link Recipient#webhook()}), a Slack or Teams channel per person, say.
     *
     * @param directory where the recipients' webhooks, languages and zones are
     * @param clock the clock that dates the signature
     * @return a new builder
     * @throws IllegalArgumentException if an argument is null
     */
    public static Builder perRecipient(RecipientDirectory directory, Clock clock) {
        return new Builder(Optional.empty(), Optional.of(Require.present("directory", directory)), clock);
    }

    @Override
    public void send(Notification notification) throws IOException, InterruptedException, PermanentDeliveryException {
        Optional<Recipient> recipient = directory.flatMap(d -> d.find(notification.recipient()));
        URI target = url.or(() -> recipient.flatMap(Recipient::webhook))
                .orElseThrow(() -> new PermanentDeliveryException(
                        "recipient " + notification.recipient() + " has no webhook in the directory"));
        RenderedMessage message = templates.render(
                notification,
                Channel.CHAT,
                recipient.map(Recipient::locale).orElse(Locale.ENGLISH),
                recipient.map(Recipient::zone).orElse(ZoneOffset.UTC),
                attributes.attributesFor(notification));
        String body = format.body(notification, message);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_HEADER, notification.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        secret.ifPresent(s -> request.header(WebhookSignature.HEADER, WebhookSignature.sign(s, clock.now(), body)));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String failure = "webhook " + target.getHost() + " answered " + status + " for " + notification.idempotencyKey()
                + ": " + WebhookJson.truncate(response.body(), 200);
        if (status == 408 || status == 429 || status >= 500) {
            throw new WebhookStatusException(status, failure);
        }
        throw new PermanentDeliveryException(failure);
    }

    /** Collects the webhook's settings. Not thread-safe. */
    public static final class Builder {

        private final Optional<URI> url;
        private Optional<RecipientDirectory> directory;
        private final Clock clock;
        private Optional<String> secret = Optional.empty();
        private WebhookFormat format = WebhookFormat.NOTIFICATION;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Templates templates = Templates.defaults();
        private AttributeSource attributes = AttributeSource.none();

        private Builder(Optional<URI> url, Optional<RecipientDirectory> directory, Clock clock) {
            this.url = url;
            this.directory = directory;
            this.clock = Require.present("clock", clock);
        }

        /**
         * Signs every request with this secret, see {@link WebhookSignature}. Required for the
         * {@link WebhookFormat#NOTIFICATION} format, whose receivers act on what they get.
         *
         * @param secret the shared secret, at least 16 characters
         * @return this builder
         * @throws IllegalArgumentException if the secret is blank or shorter than 16 characters
         */
        public Builder signingSecret(String secret) {
            Require.text("secret", secret);
            if (secret.length() < 16) {
                throw new IllegalArgumentException(
                        "secret must have at least 16 characters but had " + secret.length());
            }
            this.secret = Optional.of(secret);
            return this;
        }

        /**
         * The body's format; {@link WebhookFormat#NOTIFICATION} by default.
         *
         * @param format the format
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder format(WebhookFormat format) {
            this.format = Require.present("format", format);
            return this;
        }

        /**
         * Where the recipients' languages and zones are, for the rendered text.
         *
         * @param directory the directory
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder directory(RecipientDirectory directory) {
            this.directory = Optional.of(Require.present("directory", directory));
            return this;
        }

        /**
         * How long to wait for the connection; 5 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Require.positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long to wait for the answer once connected; 10 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Require.positive("requestTimeout", timeout);
            return this;
        }

        /**
         * The templates for the chat text; {@link Templates#defaults()} by default.
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
         * @throws IllegalStateException if the notification format has no signing secret
         */
        public WebhookNotifier build() {
            if (format == WebhookFormat.NOTIFICATION && secret.isEmpty()) {
                throw new IllegalStateException(
                        "a webhook that receives the notification JSON must be signed: set signingSecret(...)");
            }
            return new WebhookNotifier(this);
        }
    }
}
