package dev.escalation.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an engine delivers notifications on: daemon threads named
 * {@code escalation-delivery-<engine>-<n>}, made on demand and ended after a minute idle, so an
 * engine between runs holds none for long. Unbounded on purpose: the run bounds how many attempts
 * it starts at once (its delivery parallelism), and a thread stuck in a notifier that ignores its
 * interrupt must not take a slot from the healthy recipients.
 */
final class DeliveryThreads {

    private static final AtomicInteger ENGINES = new AtomicInteger();

    private DeliveryThreads() {}

    static ExecutorService start() {
        int engine = ENGINES.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = work -> {
            Thread thread = new Thread(work, "escalation-delivery-" + engine + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }
}
