/**
 * Notification channels for the escalation engine: e-mail over SMTP, signed webhooks, Slack and
 * Microsoft Teams, each a {@code Notifier}; templates per type, channel and locale; a notifier that
 * routes by type, level, tenant or recipient; a recipient directory (in memory or JDBC); and quiet
 * hours as a {@code DeliveryWindow}. Optional: core never depends on it.
 */
module dev.escalation.notify {
    requires transitive dev.escalation.core;
    requires transitive jakarta.mail;
    requires transitive java.net.http;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;

    exports dev.escalation.notify;
    exports dev.escalation.notify.directory;
    exports dev.escalation.notify.email;
    exports dev.escalation.notify.quiet;
    exports dev.escalation.notify.template;
    exports dev.escalation.notify.webhook;
}
