package dev.escalation.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether an engine still has to compare its policies with the versions recorded on open tasks:
 * once when it starts, and again each time it is handed new policies. A generation counter, not a
 * flag, so that policies handed over while a run compares the old ones are compared again by the
 * next run: a run settles only the generation it started with.
 */
final class PolicyChanges {

    private final AtomicLong handedOver = new AtomicLong(1);
    private final AtomicLong settled = new AtomicLong(0);

    /** The generation a run starts with; {@code 0} when everything handed over is settled. */
    long pending() {
        long generation = handedOver.get();
        return settled.get() >= generation ? 0 : generation;
    }

    void handedOver() {
        handedOver.incrementAndGet();
    }

    void settle(long generation) {
        settled.accumulateAndGet(generation, Math::max);
    }
}
