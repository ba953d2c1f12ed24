package dev.escalation.core.operations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Writes and reads the opaque continuation cursors of {@link Page}: the key of a page's last item
 * as a few text parts, in URL-safe Base64 so that a cursor can travel in a query string. A store
 * decides what the parts are (the in-memory repository and {@code escalation-jdbc} use the sort key
 * of the query); a cursor is good only for the store and the kind of query that returned it.
 */
public final class PageCursor {

    private PageCursor() {}

    /**
     * The cursor of the given key parts.
     *
     * @param parts the sort key of a page's last item
     * @return the cursor
     */
    public static String encode(List<String> parts) {
        Objects.requireNonNull(parts, "parts");
        // Each part behind its length: a stored id may hold any character, so no separator is safe.
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            joined.append(part.length()).append(':').append(part);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key parts of a cursor that {@link #encode} wrote.
     *
     * @param field  the query field the cursor came in, for the error message
     * @param cursor the cursor
     * @param parts  how many parts the cursor must hold
     * @return the parts
     * @throws IllegalArgumentException when the cursor is not one of {@code parts} parts
     */
    public static List<String> decode(String field, String cursor, int parts) {
        Objects.requireNonNull(cursor, field);
        List<String> decoded = new ArrayList<>(parts);
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int at = 0;
            while (at < joined.length()) {
                int colon = joined.indexOf(':', at);
                int length = Integer.parseInt(joined.substring(at, colon));
                decoded.add(joined.substring(colon + 1, colon + 1 + length));
                at = colon + 1 + length;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException notACursor) {
            throw invalid(field, cursor);
        }
        if (decoded.size() != parts) {
            throw invalid(field, cursor);
        }
        return List.copyOf(decoded);
    }

    private static IllegalArgumentException invalid(String field, String cursor) {
        return new IllegalArgumentException(field + " must be a cursor that a page of this query returned, but was '"
                + (cursor.length() > 80 ? cursor.substring(0, 80) + "..." : cursor) + "'");
    }
}
