package dev.escalation.console;

import dev.escalation.core.Require;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list the console shows, with the keyset cursor of the next page.
 *
 * @param items the items of this page
 * @param next  the cursor that {@link ConsoleBackend} takes for the next page, empty on the last page
 * @param <T>   the item type
 */
public record ConsolePage<T>(List<T> items, Optional<String> next) {

    /**
     * Validates the page and copies its items.
     *
     * @param items the items of this page
     * @param next  the cursor of the next page, empty on the last page
     * @throws IllegalArgumentException when the items are missing
     */
    public ConsolePage {
        items = List.copyOf(Require.present("items", items));
        Objects.requireNonNull(next, "next");
    }

    /**
     * The last page: these items and no cursor.
     *
     * @param items the items
     * @param <T>   the item type
     * @return the page
     */
    public static <T> ConsolePage<T> last(List<T> items) {
        return new ConsolePage<>(items, Optional.empty());
    }
}
