package dev.escalation.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How failed notifications are retried: attempt <i>n</i> (counting from 1) that fails is tried
 * again after {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff}, plus a jitter
 * of up to {@code jitter} times that wait, until {@code maxAttempts} attempts have failed; then the
 * notification is given up, audited and reported.
 *
 * <p>The jitter spreads the retries of notifications that failed together (one mail outage) so that
 * they do not all hit the recovered server in the same second. It only ever adds to the wait, so the
 * schedule without jitter is a lower bound of the real one, and it is a pure function of the
 * notification's idempotency key and the attempt: the same notification waits the same after the same
 * failure on every node and in every test ({@link #backoffAfter(int, String)}).
 *
 * <pre>{@code
 * NotificationRetryPolicy.defaults();        // 20 attempts over at least 26 hours, see defaults()
 * new NotificationRetryPolicy(3, Duration.ofSeconds(30), 3.0, Duration.ofMinutes(10));   // no jitter
 * }</pre>
 *
 * @param maxAttempts    attempts before giving up, at least 1
 * @param initialBackoff wait after the first failure
 * @param multiplier     growth of the wait per further failure, at least 1.0
 * @param maxBackoff     the wait before jitter never exceeds this
 * @param jitter         the largest share of the wait added as jitter, from 0.0 (none) to 1.0
 */
public record NotificationRetryPolicy(
        int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter) {

    /**
     * Validates the policy.
     *
     * @param maxAttempts    attempts before giving up, at least 1
     * @param initialBackoff wait after the first failure
     * @param multiplier     growth of the wait per further failure, at least 1.0
     * @param maxBackoff     the wait before jitter never exceeds this
     * @param jitter         the largest share of the wait added as jitter, from 0.0 (none) to 1.0
     * @throws IllegalArgumentException when a value is null, not positive, the multiplier is below 1.0
     *     or infinite, or the jitter is outside 0.0 to 1.0
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
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0.0 and 1.0, but was " + jitter);
        }
    }

    /**
     * A policy without jitter.
     *
     * @param maxAttempts    attempts before giving up, at least 1
     * @param initialBackoff wait after the first failure
     * @param multiplier     growth of the wait per further failure, at least 1.0
     * @param maxBackoff     the wait never exceeds this
     * @throws IllegalArgumentException when a value is null, not positive, or the multiplier is below 1.0 or infinite
     */
    public NotificationRetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        this(maxAttempts, initialBackoff, multiplier, maxBackoff, 0.0);
    }

    /**
     * 20 attempts, 1 minute after the first failure, doubling, at most 2 hours apart, plus up to 20 %
     * jitter: the waits are 1, 2, 4, 8, 16, 32, 64 minutes, then 2 hours twelve times (each up to 20 %
     * longer), so the last attempt comes at least 26 h 7 min after the first (at most 31 h 20 min): a
     * notifier that is down for a working day, a night or a weekend day loses nothing.
     *
     * @return the default policy
     */
    public static NotificationRetryPolicy defaults() {
        return new NotificationRetryPolicy(20, Duration.ofMinutes(1), 2.0, Duration.ofHours(2), 0.2);
    }

    /**
     * The wait after the {@code failedAttempts}-th failure (1-based), without jitter: the least the
     * engine waits.
     *
     * @param failedAttempts how many attempts have failed, at least 1
     * @return how long to wait before the next attempt, at least
     */
    public Duration backoffAfter(int failedAttempts) {
        double factor = Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double nanos = initialBackoff.toNanos() * factor;
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * The wait after the {@code failedAttempts}-th failure (1-based) of the notification with this
     * idempotency key: {@link #backoffAfter(int)} plus its jitter, truncated to the millisecond. The
     * jitter's share follows from the key and the attempt alone (a name-based UUID of both), so it is
     * the same on every node and in every run.
     *
     * @param failedAttempts how many attempts have failed, at least 1
     * @param idempotencyKey the notification's key
     * @return how long to wait before the next attempt
     * @throws NullPointerException when the key is null
     */
    public Duration backoffAfter(int failedAttempts, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Duration base = backoffAfter(failedAttempts);
        if (jitter == 0.0) {
            return base;
        }
        long bits = UUID.nameUUIDFromBytes((idempotencyKey + "|" + failedAttempts).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        // The top 53 bits as a fraction in [0, 1): the same spread as Random.nextDouble, without a Random.
        double share = (bits >>> 11) * 0x1.0p-53;
        long extraMillis = (long) (base.toMillis() * jitter * share);
        return base.plusMillis(extraMillis);
    }
}
