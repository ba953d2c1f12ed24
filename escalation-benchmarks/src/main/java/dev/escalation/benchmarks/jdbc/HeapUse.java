package dev.escalation.benchmarks.jdbc;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What one run did to the heap: the bytes its thread allocated (the engine runs on the caller's
 * thread; its delivery threads allocate little besides), the heap's peak while it ran - the sum of
 * the heap pools' peaks, an upper bound that includes garbage not yet collected and so follows the
 * JVM's heap sizing more than the run - and the most heap in use right after a collection during
 * the run: what was still reachable, the run's working set plus what the JVM held before it. A run
 * works batch by batch, so neither the allocation per step nor the heap after collections should grow
 * with the steps due or the open tasks.
 *
 * @param allocatedBytes bytes allocated by the running thread
 * @param peakHeapBytes  the heap pools' peak use during the run, summed
 * @param liveAfterGcBytes the most heap in use after any collection during the run; empty when none ran
 */
record HeapUse(long allocatedBytes, long peakHeapBytes, OptionalLong liveAfterGcBytes) {

    /** A measurement under way. */
    interface Meter {
        HeapUse stop();
    }

    /**
     * Collects the whole heap, so that garbage an earlier scenario promoted (the naive baseline's
     * million tasks) is not counted as the next run's heap after a collection. Called by the harness
     * before it starts its clock, for every scenario alike.
     */
    static void collectBeforeMeasuring() {
        System.gc();
    }

    /**
     * Starts measuring on the current thread: resets the heap pools' peaks, notes the thread's
     * allocation and listens to the collections until {@link Meter#stop()}.
     */
    static Meter start() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        List<String> heapPools = heap.stream().map(MemoryPoolMXBean::getName).toList();
        AtomicLong liveAfterGc = new AtomicLong(-1);
        NotificationListener listener = (notification, handback) -> afterCollection(notification, heapPools)
                .ifPresent(used -> liveAfterGc.accumulateAndGet(used, Math::max));
        List<NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(NotificationEmitter.class::isInstance)
                .map(NotificationEmitter.class::cast)
                .toList();
        collectors.forEach(c -> c.addNotificationListener(listener, null, null));
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = threads.getThreadAllocatedBytes(thread);
        return () -> {
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            collectors.forEach(c -> removeListener(c, listener));
            long live = liveAfterGc.get();
            return new HeapUse(allocated, peak, live < 0 ? OptionalLong.empty() : OptionalLong.of(live));
        };
    }

    /** The heap in use right after the collection a notification reports, summed over the heap pools. */
    private static OptionalLong afterCollection(Notification notification, List<String> heapPools) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return OptionalLong.empty();
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (String pool : heapPools) {
            MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool);
            used += after == null ? 0 : after.getUsed();
        }
        return OptionalLong.of(used);
    }

    private static void removeListener(NotificationEmitter collector, NotificationListener listener) {
        try {
            collector.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            throw new IllegalStateException("the heap meter's listener was removed twice", e);
        }
    }

    /** "412 MB allocated (41 KB per step), heap peak 180 MB, at most 60 MB in use after a collection". */
    String figure(int steps) {
        return String.format(
                        java.util.Locale.ROOT,
                        "%.0f MB allocated (%.1f KB per step), heap peak %.0f MB",
                        allocatedBytes / 1e6,
                        allocatedBytes / 1e3 / Math.max(1, steps),
                        peakHeapBytes / 1e6)
                + (liveAfterGcBytes.isPresent()
                        ? String.format(
                                java.util.Locale.ROOT,
                                ", at most %.0f MB in use after a collection",
                                liveAfterGcBytes.getAsLong() / 1e6)
                        : ", no collection during the run");
    }
}
