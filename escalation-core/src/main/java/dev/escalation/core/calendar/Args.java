package dev.escalation.core.calendar;

/** Argument checks that fail with {@link IllegalArgumentException} naming the field, as the whole package does. */
final class Args {

    private Args() {}

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }
}
