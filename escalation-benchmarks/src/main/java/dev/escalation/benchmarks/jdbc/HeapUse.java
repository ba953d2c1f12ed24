package dev.escalation.benchmarks.jdbc;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * What one run did to the heap: the bytes its thread allocated (the engine runs on the caller's
 * thread; its delivery threads allocate little besides) and the heap's peak while it ran - the sum of
 * the heap pools' peaks, an upper bound that includes garbage not yet collected and what the JVM
 * held before the run. A run works batch by batch, so neither should grow with the open tasks.
 *
 * @param allocatedBytes bytes allocated by the running thread
 * @param peakHeapBytes  the heap pools' peak use during the run, summed
 */
record HeapUse(long allocatedBytes, long peakHeapBytes) {

    /** A measurement under way. */
    interface Meter {
        HeapUse stop();
    }

    /** Starts measuring on the current thread: resets the heap pools' peaks and notes the thread's allocation. */
    static Meter start() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = threads.getThreadAllocatedBytes(thread);
        return () -> new HeapUse(
                threads.getThreadAllocatedBytes(thread) - before,
                heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
    }

    /** "412 MB allocated (41 KB per step), heap peak 180 MB". */
    String figure(int steps) {
        return String.format(
                java.util.Locale.ROOT,
                "%.0f MB allocated (%.1f KB per step), heap peak %.0f MB",
                allocatedBytes / 1e6,
                allocatedBytes / 1e3 / Math.max(1, steps),
                peakHeapBytes / 1e6);
    }
}
