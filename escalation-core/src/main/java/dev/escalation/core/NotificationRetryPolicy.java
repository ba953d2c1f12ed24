package dev.escalation.core;

import java.time.Duration;

/**
 * How failed notifications are retried: attempt <i>n</i> (counting from 1) that fails is tried
 * again after {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff}, until
 * {@code maxAttempts} attempts have failed; then the notification is given up, audited and reported.
 *
 * <pre>{@code
 * NotificationRetryPolicy.defaults();                                   // 6 attempts: 1, 2, 4, 8, 16 minutes apart
 * new NotificationRetryPolicy(3, Duration.ofSeconds(30), 3.0, Duration.ofMinutes(10));
 * }</pre>
 *
 * @param maxAttempts    attempts before giving up, at least 1
 * @param initialBackoff wait after the first failure
 * @param multiplier     growth of the wait per further failure, at least 1.0
 * @param maxBackoff     the wait never exceeds this
 */
public record NotificationRetryPolicy(
        int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /**
     * Validates the policy.
     *
     * @param maxAttempts    attempts before giving up, at least 1
     * @param initialBackoff wait after the first failure
     * @param multiplier     growth of the wait per further failure, at least 1.0
     * @param maxBackoff     the wait never exceeds this
     * @throws IllegalArgumentException when a value is null, not positive, or the multiplier is below 1.0 or infinite
     */
    public NotificationRetryPolicy {
        Require.positive("maxAttempts", maxAttempts);
        Require.positive("initialBackoff", initialBackoff);
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException(
                    "multiplier must be a finite number of at least 1.0, but was " + multiplier);
        }
        Require.positive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must not be shorter than initialBackoff " + initialBackoff + ", but was " + maxBackoff);
        }
    }

    /**
     * 6 attempts, 1 minute after the first failure, doubling, at most 1 hour apart.
     *
     * @return the default policy
     */
    public static NotificationRetryPolicy defaults() {
        return new NotificationRetryPolicy(6, Duration.ofMinutes(1), 2.0, Duration.ofHours(1));
    }

    /**
     * The wait after the {@code failedAttempts}-th failure (1-based).
     *
     * @param failedAttempts how many attempts have failed, at least 1
     * @return how long to wait before the next attempt
     */
    public Duration backoffAfter(int failedAttempts) {
        double factor = Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double nanos = initialBackoff.toNanos() * factor;
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }
}
