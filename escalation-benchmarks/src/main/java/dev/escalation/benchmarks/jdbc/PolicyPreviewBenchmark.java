package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Machine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.preview.Effect;
import dev.escalation.core.preview.PolicyChangePreview;
import dev.escalation.core.preview.PolicyImpact;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Issue #16's target: a policy change previewed over 1,000,000 open tasks on embedded PostgreSQL in
 * under 30 s. Loads the JDBC harness's million tasks (24 h policy, each evaluated once) with COPY,
 * then previews shortening the SLA to 8 h ({@link PolicyChangePreview} over the store, pages of
 * {@value PolicyChangePreview#DEFAULT_PAGE_SIZE}), and prints the time, the heap's peak during the
 * preview and the load average. Run it with a small heap to see that memory stays bounded:
 *
 * <pre>{@code
 * java -Xmx256m -cp escalation-benchmarks/target/benchmarks.jar \
 *     dev.escalation.benchmarks.jdbc.PolicyPreviewBenchmark [openTasks]
 * }</pre>
 */
public final class PolicyPreviewBenchmark {

    private static final int SLICE = 10_000;

    private PolicyPreviewBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args optionally the number of open tasks (default 1,000,000)
     * @throws Exception when the database cannot be started or loaded
     */
    public static void main(String[] args) throws Exception {
        int openTasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(run(openTasks));
    }

    /** Measures one preview over {@code openTasks} tasks and returns the report line. */
    static String run(int openTasks) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, false)) {
            ManualClock clock = ManualClock.at(JdbcWorkload.START);
            JdbcEscalationStore store = JdbcWorkload.store(db.pool(2), clock);
            store.createSchema();
            long loadStart = System.nanoTime();
            new TaskTable(db, openTasks, Math.min(SLICE, openTasks)).load();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            SlaPolicy current = JdbcWorkload.policy();
            SlaPolicy shorter = SlaPolicy.builder("Approval")
                    .sla(Duration.ofHours(8))
                    .warnBefore(JdbcWorkload.WARN_BEFORE)
                    .escalateTo(EscalationTarget.user("dora"))
                    .build();
            ReadTimer reads = new ReadTimer(store.repository());
            PolicyChangePreview preview = new PolicyChangePreview(reads, task -> Optional.of(current));
            double loadBefore = Machine.loadAverage();
            System.gc();
            resetHeapPeaks();
            long start = System.nanoTime();
            PolicyImpact impact = preview.preview(task -> Optional.of(shorter));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakMb = heapPeakBytes() / (1024 * 1024);
            if (impact.tasksRead() != openTasks || impact.total(Effect.EARLIER) != openTasks) {
                throw new IllegalStateException("expected " + openTasks + " tasks read, each deadline earlier, but got "
                        + impact.tasksRead() + " read and " + impact.total(Effect.EARLIER) + " earlier");
            }
            return String.format(
                    "policy change preview (24 h -> 8 h) over %,d open tasks on embedded PostgreSQL: %.2f s"
                            + " (%,.0f tasks/s; reading the pages %.2f s, the rest planning); heap peak during the preview %d MB of max %d MB;"
                            + " %,d breached at once, %,d escalated; loaded with COPY in %.1f s;"
                            + " load average %.2f before, %.2f after; %s",
                    openTasks,
                    seconds,
                    openTasks / seconds,
                    reads.nanos / 1e9,
                    peakMb,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    impact.total(Effect.BREACHED_AT_ONCE),
                    impact.total(Effect.ESCALATED),
                    loadSeconds,
                    loadBefore,
                    Machine.loadAverage(),
                    Machine.describe());
        }
    }

    /** Times the preview's page reads, to split its time between the database and the planner. */
    private static final class ReadTimer extends ForwardingWorkflowRepository {
        long nanos;

        ReadTimer(WorkflowRepository delegate) {
            super(delegate);
        }

        @Override
        public List<WorkflowTask> openTasks(RunScope scope, Optional<String> afterId, int limit) {
            long start = System.nanoTime();
            try {
                return super.openTasks(scope, afterId, limit);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    private static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
