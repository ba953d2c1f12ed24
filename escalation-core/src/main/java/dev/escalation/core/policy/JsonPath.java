package dev.escalation.core.policy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a value sits in a policy's JSON, written as JSONPath ({@code $.levels[1].after}), and how a
 * value is shown in a message: as written, text in single quotes. {@code $} is the policy object;
 * in a list of policies given to {@link PolicyRegistry.Builder#define(java.util.Collection)} it is
 * {@code $[i]}.
 */
record JsonPath(String text) {

    static final JsonPath ROOT = new JsonPath("$");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int LONGEST_SHOWN = 80;

    JsonPath field(String name) {
        return new JsonPath(
                text + (PLAIN_NAME.matcher(name).matches() ? "." + name : "['" + name.replace("'", "\\'") + "']"));
    }

    JsonPath index(int i) {
        return new JsonPath(text + "[" + i + "]");
    }

    @Override
    public String toString() {
        return text;
    }

    /** A value as the JSON gave it; long ones cut short. */
    static String shown(Object value) {
        String shown = value instanceof String text ? "'" + text + "'" : json(value);
        return shown.length() <= LONGEST_SHOWN ? shown : shown.substring(0, LONGEST_SHOWN) + "...";
    }

    private static String json(Object value) {
        if (value instanceof String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> json(String.valueOf(e.getKey())) + ": " + json(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(JsonPath::json).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof BigDecimal number) {
            return number.toString();
        }
        return String.valueOf(value);
    }
}
