package dev.escalation.core.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A duration as a policy's JSON gives it, kept as written so that a definition writes back exactly
 * what was read: an ISO-8601 string ({@code "PT24H"}, {@code "P3D"}) or a number of hours
 * ({@code 24}, {@code 1.5}, rounded to the second). Each duration field reads both, and has an
 * {@code _hours} twin that takes hours only: {@code "sla": "PT36H"}, {@code "sla": 36} and
 * {@code "sla_hours": 36} are the same SLA.
 *
 * @param value      the value as written: a {@link String}, or the number of hours as a {@link BigDecimal}
 * @param hoursField whether it was written under the field's {@code _hours} twin
 */
public record JsonDuration(Object value, boolean hoursField) {

    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(SlaPolicy.MAX_DURATION.toHours());

    /**
     * @param hoursField the name of the hours twin, for messages
     * @param value the value
     * @throws IllegalArgumentException when the value is neither a string nor a number, or a string
     *         under the {@code _hours} twin
     */
    public JsonDuration {
        if (value instanceof Number number) {
            value = decimal(number);
        }
        if (!(value instanceof String || value instanceof BigDecimal) || hoursField && value instanceof String) {
            throw new IllegalArgumentException(
                    "a duration is an ISO-8601 string or a number of hours, but was " + value);
        }
    }

    /**
     * An ISO-8601 duration such as {@code "PT24H"}.
     *
     * @param text the text as written
     * @return an ISO-8601 duration such as {@code "PT24H"}
     */
    public static JsonDuration iso(String text) {
        return new JsonDuration(text, false);
    }

    /**
     * A number of hours, written under the field's {@code _hours} twin ({@code "sla_hours": 24}).
     *
     * @param hours the number of hours
     * @return a number of hours, written under the field's {@code _hours} twin ({@code "sla_hours": 24})
     */
    public static JsonDuration hours(Number hours) {
        return new JsonDuration(hours, true);
    }

    /** The policy's form of a duration: ISO-8601. */
    static JsonDuration of(Duration duration) {
        return iso(duration.toString());
    }

    /**
     * Reads the JSON value found under {@code path}: the field itself takes a string or a number,
     * its {@code _hours} twin a number.
     */
    static JsonDuration read(JsonPath path, Object json, boolean hoursField) {
        if (json instanceof Number number && decimal(number) != null || json instanceof String && !hoursField) {
            return new JsonDuration(json, hoursField);
        }
        throw (hoursField ? JsonRule.HOURS : JsonRule.DURATION).at(path, json);
    }

    /** The duration, which must be positive and at least {@link SlaPolicy#MIN_DURATION}. */
    Duration positive(JsonPath path) {
        Duration duration = toDuration(path, JsonRule.POSITIVE);
        if (duration.isZero()) {
            throw JsonRule.POSITIVE.at(path, value);
        }
        if (duration.compareTo(SlaPolicy.MIN_DURATION) < 0) {
            throw JsonRule.AT_LEAST.at(path, value);
        }
        return duration;
    }

    /** The duration, which may be zero. */
    Duration notNegative(JsonPath path) {
        return toDuration(path, JsonRule.NOT_NEGATIVE);
    }

    private Duration toDuration(JsonPath path, JsonRule whenNegative) {
        Duration duration;
        if (value instanceof BigDecimal hours) {
            if (hours.signum() < 0) {
                throw whenNegative.at(path, value);
            }
            if (hours.compareTo(MAX_HOURS) > 0) {
                throw JsonRule.AT_MOST.at(path, value);
            }
            BigDecimal seconds = hours.multiply(BigDecimal.valueOf(3600)).setScale(0, RoundingMode.HALF_UP);
            duration = Duration.ofSeconds(seconds.longValueExact());
        } else {
            duration = parse(path, (String) value);
        }
        if (duration.compareTo(SlaPolicy.MAX_DURATION) > 0) {
            throw JsonRule.AT_MOST.at(path, value);
        }
        return duration;
    }

    /** ISO-8601 as in PT24H: signs are not part of it, so that "PT-1H" reads as the mistake it is. */
    private static Duration parse(JsonPath path, String text) {
        if (text.indexOf('-') >= 0) {
            throw JsonRule.ISO_DURATION.at(path, text);
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw JsonRule.ISO_DURATION.at(path, text);
        }
    }

    /** A JSON number as a decimal, exactly as written; {@code null} for NaN and infinities, which JSON has not. */
    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            // Jackson reads 0.0001 as a double; its shortest decimal, without trailing zeros, is what was written.
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros() : null;
        }
        return new BigDecimal(number.toString());
    }
}
