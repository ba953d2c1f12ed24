package dev.escalation.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Conversions between java.time values and the ISO-8601 strings that our JSON shapes use.
 *
 * <p>Why strings: hosts serialize our value types with their own {@code ObjectMapper}, which may
 * not have the java.time module registered. Mapping times to ISO strings through annotations keeps
 * a plain {@code new ObjectMapper()} working. The record components themselves carry no
 * {@code @JsonIgnore}: an explicitly named accessor already replaces them in JSON, and an ignoral
 * would also drop the {@code @JsonCreator} parameter of the same name, so nothing could be read
 * back. Internal: may change at any time.
 */
public final class Json {

    private Json() {}

    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static String text(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    public static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    public static Instant instant(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is required, but was missing");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant, but was '" + text + "'", e);
        }
    }

    public static Optional<Instant> optionalInstant(String field, String text) {
        return text == null ? Optional.empty() : Optional.of(instant(field, text));
    }

    public static Duration duration(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is required, but was missing");
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field + " must be an ISO-8601 duration such as PT24H, but was '" + text + "'", e);
        }
    }
}
