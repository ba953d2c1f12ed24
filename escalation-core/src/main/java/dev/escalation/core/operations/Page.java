package dev.escalation.core.operations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query's answer, in the query's order, and where the next page starts.
 *
 * <p>Paging is by key, not by offset: the cursor names the last item of this page, and the next page
 * holds the items after it. So an item stored while an operator pages is never counted twice and
 * never pushes an item that was stored before into a page already read; it shows on a later page if
 * its place in the order lies ahead of the cursor.
 *
 * @param items the items of this page, at most the query's limit
 * @param next  the cursor to pass as the next query's {@code after}; empty on the last page
 * @param <T>   what the query lists
 */
public record Page<T>(List<T> items, Optional<String> next) {

    /**
     * Copies the items.
     *
     * @param items the items of this page, at most the query's limit
     * @param next  the cursor to pass as the next query's {@code after}; empty on the last page
     * @throws NullPointerException when a value is null
     */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /**
     * Whether another page follows.
     *
     * @return whether {@link #next()} is present
     */
    public boolean hasNext() {
        return next.isPresent();
    }
}
