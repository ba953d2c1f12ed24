package dev.escalation.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cardinality guard for one tag: the first {@code max} distinct values seen pass through,
 * every later one becomes {@code overflow}. Once admitted a value stays admitted, so a series
 * never changes its name mid-flight.
 *
 * <p>Thread-safe: runs on several threads may offer values at once; admission is decided under
 * a lock so the cap is never exceeded, and the lock is taken only for values not seen before.
 *
 */
final class BoundedTagValues {

    private final int max;
    private final String overflow;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    BoundedTagValues(int max, String overflow) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        this.max = max;
        this.overflow = overflow;
    }

    /** {@code value} itself while it is among the first {@code max} distinct values, else the overflow value. */
    public String admit(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (this) {
            if (admitted.contains(value)) {
                return value;
            }
            if (admitted.size() < max) {
                admitted.add(value);
                return value;
            }
        }
        return overflow;
    }
}
