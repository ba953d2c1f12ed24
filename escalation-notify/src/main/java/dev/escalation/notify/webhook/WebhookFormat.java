package dev.escalation.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.notification.Notification;
import dev.escalation.notify.template.RenderedMessage;

/**
 * The JSON body a webhook receives for one notification: {@link #NOTIFICATION} (the notification's
 * own JSON, for the host's services), {@link #SLACK} or {@link #TEAMS} (their incoming-webhook
 * formats), or a host's own.
 */
@FunctionalInterface
public interface WebhookFormat {

    /**
     * The notification as JSON, exactly as core's {@code Notification} serializes (the fields
     * {@code idempotencyKey}, {@code type}, {@code taskId}, ... {@code message}).
     */
    WebhookFormat NOTIFICATION = (notification, message) -> WebhookJson.write(notification);

    /**
     * A Slack incoming-webhook message: {@code {"text": ..., "blocks": [header, section, context]}};
     * {@code text} is the notification fallback Slack shows where blocks cannot be shown.
     */
    WebhookFormat SLACK = (notification, message) -> {
        ObjectNode body = WebhookJson.MAPPER.createObjectNode();
        body.put("text", message.subject() + ": " + message.text());
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", WebhookJson.truncate(message.subject(), 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", WebhookJson.truncate(message.text(), 3000));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        notification.type() + " · level " + notification.level() + " · "
                                + notification.idempotencyKey());
        return WebhookJson.write(body);
    };

    /**
     * A Microsoft Teams incoming-webhook message: an Adaptive Card (version 1.4) in a
     * {@code message} with one attachment, with the task's facts.
     */
    WebhookFormat TEAMS = (notification, message) -> {
        ObjectNode body = WebhookJson.MAPPER.createObjectNode().put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode items = card.putArray("body");
        items.addObject()
                .put("type", "TextBlock")
                .put("text", message.subject())
                .put("weight", "Bolder")
                .put("size", "Medium")
                .put("wrap", true);
        items.addObject().put("type", "TextBlock").put("text", message.text()).put("wrap", true);
        ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
        facts.addObject().put("title", "Task").put("value", notification.taskId());
        facts.addObject()
                .put("title", "Workflow")
                .put("value", notification.workflowType() + " / " + notification.stage());
        facts.addObject().put("title", "Level").put("value", Integer.toString(notification.level()));
        return WebhookJson.write(body);
    };

    /**
     * The request body.
     *
     * @param notification the notification
     * @param message the notification rendered for the chat channel in the recipient's language
     * @return the JSON body
     */
    String body(Notification notification, RenderedMessage message);
}
