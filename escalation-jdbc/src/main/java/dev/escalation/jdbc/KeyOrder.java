package dev.escalation.jdbc;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A map of strings walked in key order - {@link String#compareTo}, the order of a {@link TreeMap} -
 * as the audit hash and the JSON columns store it. Audit details and task attributes hold a few
 * entries; sorting those few in place costs a fraction of copying them into a {@code TreeMap}, which
 * an import did twice per task.
 */
final class KeyOrder {

    /** Up to this many entries are sorted by insertion; more go through a {@code TreeMap}. */
    static final int SMALL = 8;

    private KeyOrder() {}

    /** Calls {@code action} with each entry of {@code values}, keys in ascending order. */
    static void forEach(Map<String, String> values, BiConsumer<String, String> action) {
        int size = values.size();
        if (size < 2) {
            values.forEach(action);
            return;
        }
        if (size > SMALL) {
            new TreeMap<>(values).forEach(action);
            return;
        }
        String[] keys = new String[size];
        String[] texts = new String[size];
        int count = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            int at = count++;
            // Keys are distinct, so no two compare equal: the order is the TreeMap's exactly.
            while (at > 0 && keys[at - 1].compareTo(key) > 0) {
                keys[at] = keys[at - 1];
                texts[at] = texts[at - 1];
                at--;
            }
            keys[at] = key;
            texts[at] = entry.getValue();
        }
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], texts[i]);
        }
    }
}
