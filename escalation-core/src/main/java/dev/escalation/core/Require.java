package dev.escalation.core;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The argument checks of the library's public types, with messages that name the field and the bad
 * value ({@code "limit must be positive, but was 0"}). Every failure is an
 * {@link IllegalArgumentException}. Adapters that validate their own inputs (a host's
 * {@link dev.escalation.core.spi.WorkflowRepository}, say) can use them to fail as the library does.
 *
 * <pre>{@code
 * public MyRecord {
 *     Require.text("taskId", taskId);
 *     Require.positive("lease", lease);
 * }
 * }</pre>
 */
public final class Require {

    private Require() {}

    /**
     * Returns {@code value}.
     *
     * @param <T> the value's type
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is null
     */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /**
     * Returns {@code value}.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is null, empty or only white space
     */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, but was " + quoted(value));
        }
        return value;
    }

    /**
     * Returns {@code value}.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is null, zero or negative
     */
    public static Duration positive(String field, Duration value) {
        present(field, value);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is null or negative
     */
    public static Duration notNegative(String field, Duration value) {
        present(field, value);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, but was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value}.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is negative
     */
    public static int notNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return value;
    }

    /**
     * Reads an ISO-8601 instant ({@code 2026-01-05T09:00:00Z}), as the library's JSON shapes write them.
     *
     * @param field the name of the field or argument, for the message
     * @param text the text as written
     * @return the instant
     * @throws IllegalArgumentException when {@code text} is missing or no such instant
     */
    public static Instant isoInstant(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is required, but was missing");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant, but was '" + text + "'", e);
        }
    }

    /**
     * Reads an optional ISO-8601 instant: empty when {@code text} is null.
     *
     * @param field the name of the field or argument, for the message
     * @param text the text as written
     * @return the instant, or empty when {@code text} is null
     * @throws IllegalArgumentException when {@code text} is present and no such instant
     */
    public static Optional<Instant> optionalIsoInstant(String field, String text) {
        return text == null ? Optional.empty() : Optional.of(isoInstant(field, text));
    }

    /**
     * Reads an ISO-8601 duration ({@code PT24H}).
     *
     * @param field the name of the field or argument, for the message
     * @param text the text as written
     * @return the duration
     * @throws IllegalArgumentException when {@code text} is missing or no such duration
     */
    public static Duration isoDuration(String field, String text) {
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

    private static String quoted(String value) {
        return Objects.toString(value == null ? null : "'" + value + "'");
    }
}
