package dev.escalation.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.task.Hold;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON text columns: task attributes and audit details ({@code {"key":"value"}}), holds
 * ({@code [{"from":"2026-01-05T09:00:00Z","until":"..."}]}, oldest first, no {@code until} while
 * ongoing) and outbox payloads (a {@link Notification} in its own JSON shape). Text rather than a
 * JSON type keeps one schema shape for both databases and keeps the rows readable by a person.
 * Decoding failures are {@link IllegalArgumentException}s naming the column: the caller treats
 * such a row as unreadable.
 */
final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    private JsonColumns() {}

    /**
     * A JSON object of strings in key order, written by hand as Jackson writes it (the same escapes):
     * an import writes two such columns per task, and Jackson's per-call set-up cost more than the text
     * (as did a TreeMap per map, hence {@link KeyOrder}).
     */
    public static String map(Map<String, String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        StringBuilder json = new StringBuilder(2 + values.size() * 32).append('{');
        KeyOrder.forEach(values, (key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, key);
            json.append(':');
            string(json, value);
        });
        return json.append('}').toString();
    }

    /** A JSON string: quote, backslash and control characters escaped as Jackson escapes them, the rest as is. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX_DIGITS.charAt(c >> 4)).append(HEX_DIGITS.charAt(c & 0xF));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * Reads a JSON object of strings. The message of a failure names the column and the text's length
     * but never quotes it: task attributes may hold sensitive values, and the message is logged and audited.
     */
    public static Map<String, String> map(String column, String json) {
        try {
            Map<String, String> values = MAPPER.readValue(json, STRING_MAP);
            if (values == null || values.containsKey(null) || values.containsValue(null)) {
                throw new IllegalArgumentException(notAnObject(column, json));
            }
            return values;
        } catch (JsonProcessingException e) {
            // Not the cause: Jackson's message quotes the text.
            throw new IllegalArgumentException(
                    notAnObject(column, json) + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String notAnObject(String column, String json) {
        return column + " must be a JSON object of strings, but was not ("
                + (json == null ? "null" : json.length() + " characters") + ")";
    }

    public static String holds(List<Hold> holds) {
        if (holds.isEmpty()) {
            return "[]";
        }
        ArrayNode array = MAPPER.createArrayNode();
        for (Hold hold : holds) {
            ObjectNode node = array.addObject().put("from", hold.from().toString());
            hold.until().ifPresent(until -> node.put("until", until.toString()));
        }
        return write(array);
    }

    public static List<Hold> holds(String json) {
        if (json.equals("[]")) {
            // Nearly every task has no holds; its row is read at every claim.
            return List.of();
        }
        try {
            JsonNode array = MAPPER.readTree(json);
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("holds must be a JSON array, but was " + json);
            }
            List<Hold> holds = new ArrayList<>(array.size());
            for (JsonNode node : array) {
                Instant from = Instant.parse(node.path("from").asText());
                JsonNode until = node.get("until");
                holds.add(new Hold(
                        from,
                        until == null || until.isNull()
                                ? Optional.empty()
                                : Optional.of(Instant.parse(until.asText()))));
            }
            return holds;
        } catch (JsonProcessingException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "holds must be a JSON array of {from, until} instants, but was " + json, e);
        }
    }

    /**
     * The payload's own shape rather than {@link Notification}'s Jackson annotations: the stored
     * rows must stay readable whatever those annotations become.
     */
    public static String notification(Notification n) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("idempotencyKey", n.idempotencyKey())
                .put("type", n.type().name())
                .put("taskId", n.taskId());
        n.tenant().ifPresent(tenant -> node.put("tenant", tenant));
        node.put("recipient", n.recipient())
                .put("workflowType", n.workflowType())
                .put("stage", n.stage())
                .put("level", n.level())
                .put("deadline", n.deadline().toString())
                .put("createdAt", n.createdAt().toString())
                .put("message", n.message());
        return write(node);
    }

    public static Notification notification(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("payload must be a notification in JSON, but was " + json);
            }
            JsonNode tenant = node.get("tenant");
            return new Notification(
                    text(node, "idempotencyKey"),
                    NotificationType.valueOf(text(node, "type")),
                    text(node, "taskId"),
                    tenant == null || tenant.isNull() ? Optional.empty() : Optional.of(tenant.asText()),
                    text(node, "recipient"),
                    text(node, "workflowType"),
                    text(node, "stage"),
                    node.path("level").asInt(-1),
                    Instant.parse(text(node, "deadline")),
                    Instant.parse(text(node, "createdAt")),
                    text(node, "message"));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "payload must be a notification in JSON, but was " + json + " (" + e.getMessage() + ")", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
