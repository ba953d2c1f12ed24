package dev.escalation.notify.template;

/** The kind of channel a message is rendered for; templates may differ per channel. */
public enum Channel {
    /** E-mail: a subject, a plain-text body and an HTML body. */
    EMAIL,
    /** Chat (Slack, Teams) and generic webhooks: a title and a short text. */
    CHAT;

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
