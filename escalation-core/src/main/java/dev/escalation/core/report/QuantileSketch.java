package dev.escalation.core.report;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bounded quantile sketch over durations, in the manner of DDSketch: each value goes to a bucket
 * whose bounds grow by a factor of {@code (1 + a) / (1 - a)}, so that any quantile it returns is within
 * {@link #RELATIVE_ACCURACY} of a value of the right rank. Durations are kept in whole seconds (a value
 * under one second counts as zero); a sketch of values from one second to ten years holds at most
 * about 1,000 buckets, whatever the number of values.
 */
final class QuantileSketch {

    /** The relative accuracy of every quantile: 1 %. */
    static final double RELATIVE_ACCURACY = 0.01;

    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long zeros;
    private long count;

    void add(Duration value) {
        long seconds = Math.max(0, value.getSeconds());
        count++;
        if (seconds == 0) {
            zeros++;
            return;
        }
        int index = (int) Math.ceil(Math.log((double) seconds) / LOG_GAMMA);
        buckets.merge(index, 1L, Long::sum);
    }

    long count() {
        return count;
    }

    /** The value at quantile {@code q} (0..1), or empty when the sketch holds nothing. */
    Optional<Duration> quantile(double q) {
        if (count == 0) {
            return Optional.empty();
        }
        long rank = (long) Math.ceil(q * count);
        long seen = zeros;
        if (rank <= seen) {
            return Optional.of(Duration.ZERO);
        }
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                // The bucket's midpoint in relative terms: within RELATIVE_ACCURACY of every value in it.
                double value = 2 * Math.pow(GAMMA, bucket.getKey()) / (GAMMA + 1);
                return Optional.of(Duration.ofSeconds(Math.round(value)));
            }
        }
        throw new IllegalStateException("rank " + rank + " past the sketch's " + count + " values");
    }
}
