package dev.escalation.core.task;

import dev.escalation.core.Require;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The limits every task store enforces alike on what a host hands it, so that whatever is accepted
 * is stored and read back exactly by every store (in memory, PostgreSQL, H2, a host's own tables),
 * and whatever is not is refused before anything is stored, with an {@link IllegalArgumentException}
 * that names the field, the limit and the length or the offending character. {@link NewTask} and
 * {@link TaskChanges} apply them; a host's own store gets them by using those.
 *
 * <ul>
 *   <li>Names (task ids, workflow type, stage, assignee, priority, tenant, attribute names): at most
 *       {@value #MAX_NAME_LENGTH} UTF-16 characters, which is at most 600 UTF-8 bytes, so that a key
 *       made of a few names stays far under PostgreSQL's btree entry limit (about 2,700 bytes).
 *   <li>An attribute value: at most {@value #MAX_ATTRIBUTE_VALUE_BYTES} UTF-8 bytes; all attribute
 *       names and values of a task together at most {@value #MAX_ATTRIBUTES_BYTES} UTF-8 bytes.
 *   <li>Text: no lone (unpaired) UTF-16 surrogate, which no database can store as UTF-8 (PostgreSQL
 *       would store {@code ?}), and no NUL (U+0000), which PostgreSQL refuses in text. Every other
 *       character is kept: control characters, bidirectional marks, combining marks, every plane.
 *   <li>Instants: from {@link #EARLIEST_INSTANT} to {@link #LATEST_INSTANT}, the range that PostgreSQL
 *       and H2 timestamps keep (and far from {@link Instant#MIN} and {@link Instant#MAX}, so deadlines
 *       computed from them do not overflow); kept to the microsecond, the precision of both
 *       databases, so {@link #instant} truncates finer ones and every store keeps the same instant.
 * </ul>
 *
 * <pre>{@code
 * InputLimits.name("taskId", taskId);          // "taskId must be at most 200 characters, but had 2,700"
 * slaStart = InputLimits.instant("slaStart", slaStart); // "slaStart must be between 0001-01-01T00:00:00Z and ..."
 * }</pre>
 */
public final class InputLimits {

    /** Longest id or name, in UTF-16 characters (a character outside the BMP counts two). */
    public static final int MAX_NAME_LENGTH = 200;
    /** Largest attribute value, in UTF-8 bytes (128 KiB). */
    public static final int MAX_ATTRIBUTE_VALUE_BYTES = 128 * 1024;
    /** Largest sum of a task's attribute names and values, in UTF-8 bytes (1 MiB). */
    public static final int MAX_ATTRIBUTES_BYTES = 1024 * 1024;
    /** The earliest instant a store keeps. */
    public static final Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a store keeps. */
    public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InputLimits() {}

    /**
     * Checks an id or a name: present, not blank, at most {@value #MAX_NAME_LENGTH} characters, storable text.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value}
     * @throws IllegalArgumentException when it is null, blank, too long or holds a lone surrogate or NUL
     */
    public static String name(String field, String value) {
        Require.text(field, value);
        if (value.length() > MAX_NAME_LENGTH) {
            throw tooLong(field, MAX_NAME_LENGTH, "characters", value.length());
        }
        return text(field, value);
    }

    /**
     * Checks that text can be stored as it is: no lone UTF-16 surrogate, no NUL character.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check, not null
     * @return {@code value}
     * @throws IllegalArgumentException naming the first offending character and its index
     */
    public static String text(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException(
                        field + " must not contain the NUL character (U+0000 at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " must not contain a lone surrogate (U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + " at index " + i + ")");
            }
        }
        return value;
    }

    /**
     * Checks a task's attributes: every name as {@link #name}, every value storable text of at most
     * {@value #MAX_ATTRIBUTE_VALUE_BYTES} UTF-8 bytes, all together at most {@value #MAX_ATTRIBUTES_BYTES}.
     *
     * @param attributes the attributes, not null
     * @return {@code attributes}
     * @throws IllegalArgumentException naming the attribute and what is wrong with it
     */
    public static Map<String, String> attributes(Map<String, String> attributes) {
        long total = 0;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String name = attributeName(attribute.getKey());
            String field = "attribute '" + name + "'";
            String value = Require.present(field, attribute.getValue());
            text(field, value);
            int bytes = utf8Length(value);
            if (bytes > MAX_ATTRIBUTE_VALUE_BYTES) {
                throw tooLong(field, MAX_ATTRIBUTE_VALUE_BYTES, "UTF-8 bytes", bytes);
            }
            total += utf8Length(name) + bytes;
        }
        if (total > MAX_ATTRIBUTES_BYTES) {
            throw tooLong("attributes", MAX_ATTRIBUTES_BYTES, "UTF-8 bytes in names and values", total);
        }
        return attributes;
    }

    /**
     * Checks an instant, present and between {@link #EARLIEST_INSTANT} and {@link #LATEST_INSTANT},
     * and truncates it to the microsecond that every store keeps.
     *
     * @param field the name of the field or argument, for the message
     * @param value the value to check
     * @return {@code value} truncated to the microsecond
     * @throws IllegalArgumentException when it is null or out of range
     */
    public static Instant instant(String field, Instant value) {
        Require.present(field, value);
        if (value.isBefore(EARLIEST_INSTANT) || value.isAfter(LATEST_INSTANT)) {
            throw new IllegalArgumentException(
                    field + " must be between " + EARLIEST_INSTANT + " and " + LATEST_INSTANT + ", but was " + value);
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    private static String attributeName(String name) {
        String field = "attribute name";
        Require.present(field, name);
        if (name.length() > MAX_NAME_LENGTH) {
            throw tooLong(field, MAX_NAME_LENGTH, "characters", name.length());
        }
        return text(field, name);
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static IllegalArgumentException tooLong(String field, int limit, String unit, long actual) {
        return new IllegalArgumentException(
                String.format(Locale.ROOT, "%s must be at most %,d %s, but had %,d", field, limit, unit, actual));
    }
}
