package dev.escalation.core.operations;

import dev.escalation.core.Require;
import java.util.Objects;
import java.util.Optional;

/** The checks the query records share: a field's name and value in every message. */
final class QueryChecks {

    private QueryChecks() {}

    static void optionalText(String field, Optional<String> value) {
        Objects.requireNonNull(value, field);
        value.ifPresent(v -> Require.text(field, v));
    }

    static void limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be between 1 and " + max + ", but was " + limit);
        }
    }
}
