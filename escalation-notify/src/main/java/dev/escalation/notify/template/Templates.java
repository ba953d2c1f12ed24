package dev.escalation.notify.template;

import dev.escalation.core.Require;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The message templates per notification type, channel and locale, with a default set in English
 * (the fallback) and German. A template is looked up for the recipient's locale ({@code de-CH}),
 * then its language ({@code de}), then English; in each, a channel's own template comes before the
 * type's general one. Parts: {@code subject}, {@code text} and, for e-mail, {@code html}.
 *
 * <pre>{@code
 * Templates templates = Templates.defaults()
 *         .with(NotificationType.ESCALATION, Channel.CHAT, Locale.ENGLISH, "text",
 *                 ":rotating_light: {taskId} ({workflowType}) is yours now, due {deadline}");
 * }</pre>
 *
 * <p>Immutable: {@link #with} returns a copy. Values in the HTML part are HTML-escaped.
 */
public final class Templates {

    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final Templates DEFAULTS = loadDefaults();

    // locale tag ("" for the fallback) -> "<TYPE>[.<channel>].<part>" -> template
    private final Map<String, Map<String, MessageTemplate>> byLocale;

    private Templates(Map<String, Map<String, MessageTemplate>> byLocale) {
        this.byLocale = byLocale;
    }

    /**
     * The default templates: English, and German for recipients whose language is German.
     *
     * @return the defaults
     */
    public static Templates defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with one template set or replaced.
     *
     * @param type the notification type
     * @param channel the channel, or null for every channel without a template of its own
     * @param locale the locale; {@link Locale#ROOT} or {@link Locale#ENGLISH} for the fallback
     * @param part {@code subject}, {@code text} or {@code html}
     * @param template the template text, see {@link MessageTemplate}
     * @return the new templates
     * @throws IllegalArgumentException naming the field for a missing value, an unknown part or a bad template
     */
    public Templates with(NotificationType type, Channel channel, Locale locale, String part, String template) {
        Require.present("type", type);
        Require.present("locale", locale);
        if (!List.of("subject", "text", "html").contains(part)) {
            throw new IllegalArgumentException("part must be subject, text or html but was '" + part + "'");
        }
        MessageTemplate parsed = MessageTemplate.of(template);
        Map<String, Map<String, MessageTemplate>> copy = new HashMap<>();
        byLocale.forEach((tag, templates) -> copy.put(tag, new HashMap<>(templates)));
        String key = type.name() + (channel == null ? "" : "." + channel.key()) + "." + part;
        copy.computeIfAbsent(tag(locale), t -> new HashMap<>()).put(key, parsed);
        return new Templates(copy);
    }

    /**
     * Renders a notification for one channel and recipient.
     *
     * @param notification the notification
     * @param channel the channel
     * @param locale the recipient's locale
     * @param zone the recipient's time zone, for the deadline
     * @param attributes the task attributes a template may show
     * @return the rendered message; {@code html} only for e-mail
     * @throws IllegalStateException if no template, not even the English one, exists for a part
     */
    public RenderedMessage render(
            Notification notification, Channel channel, Locale locale, ZoneId zone, TemplateAttributes attributes) {
        Map<String, String> values = values(notification, zone);
        java.util.function.UnaryOperator<String> plain = name -> value(name, values, attributes);
        String subject = find(notification.type(), channel, locale, "subject").render(plain);
        String text = find(notification.type(), channel, locale, "text").render(plain);
        Optional<String> html = channel == Channel.EMAIL
                ? Optional.of(find(notification.type(), channel, locale, "html")
                        .render(name -> escapeHtml(value(name, values, attributes))))
                : Optional.empty();
        return new RenderedMessage(subject, text, html);
    }

    private MessageTemplate find(NotificationType type, Channel channel, Locale locale, String part) {
        for (String tag : fallbacks(locale)) {
            Map<String, MessageTemplate> templates = byLocale.getOrDefault(tag, Map.of());
            MessageTemplate own = templates.get(type.name() + "." + channel.key() + "." + part);
            if (own != null) {
                return own;
            }
            MessageTemplate general = templates.get(type.name() + "." + part);
            if (general != null) {
                return general;
            }
        }
        throw new IllegalStateException("no " + part + " template for " + type + " on " + channel + " in "
                + locale.toLanguageTag() + " nor in English");
    }

    private static List<String> fallbacks(Locale locale) {
        List<String> tags = new ArrayList<>();
        tags.add(tag(locale));
        tags.add(locale.getLanguage());
        tags.add("");
        return tags;
    }

    private static String tag(Locale locale) {
        return locale.getLanguage().isEmpty()
                        || locale.getLanguage().equals("en")
                                && locale.getCountry().isEmpty()
                ? ""
                : locale.toLanguageTag();
    }

    private static Map<String, String> values(Notification n, ZoneId zone) {
        Map<String, String> values = new HashMap<>();
        values.put("type", n.type().name());
        values.put("taskId", n.taskId());
        values.put("workflowType", n.workflowType());
        values.put("stage", n.stage());
        values.put("level", Integer.toString(n.level()));
        values.put("deadline", DEADLINE.format(n.deadline().atZone(zone)) + " (" + zone.getId() + ")");
        values.put("recipient", n.recipient());
        values.put("tenant", n.tenant().orElse(""));
        values.put("message", n.message());
        values.put("idempotencyKey", n.idempotencyKey());
        return values;
    }

    private static String value(String name, Map<String, String> values, TemplateAttributes attributes) {
        return name.startsWith(MessageTemplate.ATTRIBUTE)
                ? attributes.get(name.substring(MessageTemplate.ATTRIBUTE.length()))
                : values.get(name);
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Templates loadDefaults() {
        Map<String, Map<String, MessageTemplate>> byLocale = new HashMap<>();
        byLocale.put("", load("templates.properties"));
        byLocale.put("de", load("templates_de.properties"));
        return new Templates(byLocale);
    }

    private static Map<String, MessageTemplate> load(String resource) {
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the escalation-notify jar");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, MessageTemplate> templates = new HashMap<>();
            properties
                    .stringPropertyNames()
                    .forEach(key -> templates.put(key, MessageTemplate.of(properties.getProperty(key))));
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
