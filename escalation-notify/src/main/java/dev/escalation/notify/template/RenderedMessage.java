package dev.escalation.notify.template;

import dev.escalation.core.Require;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification rendered for one channel and recipient.
 *
 * @param subject the e-mail subject or chat title
 * @param text the plain-text body
 * @param html the HTML body, for e-mail
 */
public record RenderedMessage(String subject, String text, Optional<String> html) {

    /**
     * Validates the message.
     *
     * @param subject the e-mail subject or chat title
     * @param text the plain-text body
     * @param html the HTML body, for e-mail
     * @throws IllegalArgumentException if the subject or text is missing
     */
    public RenderedMessage {
        Require.present("subject", subject);
        Require.present("text", text);
        Objects.requireNonNull(html, "html");
    }
}
