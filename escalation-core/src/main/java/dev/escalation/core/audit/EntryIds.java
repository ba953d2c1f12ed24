package dev.escalation.core.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Audit entry ids that sort by creation (issue #19): RFC 9562 version 7 UUIDs in the usual 36-character
 * lowercase form. A store keys its audit table by this text; random ids put each insert on a cold page
 * of a btree of millions of entries, ordered ids append at its right edge.
 *
 * <p>Layout (RFC 9562 section 6.2, method 1, a fixed-length dedicated counter):
 *
 * <pre>
 *  48 bits  unix milliseconds of the entry's instant (by the injected clock, never the wall clock)
 *   4 bits  version 7
 *  12 bits  counter, high part
 *   2 bits  variant 10
 *  30 bits  counter, low part
 *  32 bits  random
 * </pre>
 *
 * <p>The 42-bit counter is one per JVM, starts at a random point of its lower half and goes up by one
 * per id, so ids of one millisecond (an import of 100,000 tasks at one instant of a {@code ManualClock})
 * sort in the order they were made: at least 2^41 ids (25 days at a million a second) before it wraps.
 * Concurrency: one {@link AtomicLong}, no lock; the order among threads is the order of their increments.
 *
 * <p>Uniqueness: two ids are equal only with the same millisecond, the same counter and the same 32
 * random bits. One JVM never repeats a counter within 2^42 ids, so its ids differ. Two JVMs' counters
 * start at independent random points, so their ranges overlap only with odds of about
 * {@code (n1 + n2) / 2^41} for {@code n1} and {@code n2} ids made, and even then each pair of ids with
 * the same counter (at most {@code min(n1, n2)} pairs) is equal only with odds of 2^-32, and only if
 * both were made in the same millisecond. A billion entries on each of two nodes: under 3 in 10,000
 * before counting the millisecond, which brings it far lower. A store's primary key would refuse such
 * a duplicate rather than lose an entry.
 */
final class EntryIds {

    private static final int COUNTER_BITS = 42;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    private static final int COUNTER_LOW_BITS = 30;
    private static final long COUNTER_LOW_MASK = (1L << COUNTER_LOW_BITS) - 1;
    /** The largest time part: 48 bits of milliseconds, up to the year 10889. */
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_2 = 0x8000_0000_0000_0000L;
    private static final AtomicLong COUNTER = new AtomicLong(new SecureRandom().nextLong() & (COUNTER_MASK >>> 1));

    private EntryIds() {}

    /**
     * A new id for an entry that occurred at {@code occurredAt}.
     *
     * <p>An instant before 1970 gets the time part 0 and one beyond 48 bits of milliseconds the largest;
     * the id is still unique and sorts by creation among those of the same end. Such an instant is not
     * refused: the time part only orders the index, the entry keeps its instant beside it, and the stores
     * keep instants from the year 1, so a clock set before 1970 (a replay, a test) must not fail a run.
     */
    static String at(Instant occurredAt) {
        long counter = COUNTER.getAndIncrement() & COUNTER_MASK;
        long msb = (millis(occurredAt) << 16) | VERSION_7 | (counter >>> COUNTER_LOW_BITS);
        long lsb = VARIANT_2
                | ((counter & COUNTER_LOW_MASK) << 32)
                | (ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL);
        return new UUID(msb, lsb).toString();
    }

    private static long millis(Instant at) {
        if (at.getEpochSecond() < 0) {
            return 0;
        }
        if (at.getEpochSecond() > MAX_MILLIS / 1000) {
            return MAX_MILLIS;
        }
        return Math.min(at.toEpochMilli(), MAX_MILLIS);
    }
}
