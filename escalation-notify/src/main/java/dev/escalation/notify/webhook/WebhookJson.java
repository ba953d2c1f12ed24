package dev.escalation.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The webhook formats' one shared, thread-safe mapper. */
final class WebhookJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the webhook body could not be written as JSON", e);
        }
    }

    /** Slack rejects over-long block texts; cut them with an ellipsis instead. */
    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
