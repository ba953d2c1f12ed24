package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Machine;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What striped audit chains (issue 19) buy host changes: {@code threads} host threads open tasks
 * without a tenant at once, each {@code tasks().open(..)} its own transaction appending one audit
 * entry, on one chain (1 stripe, as before stripes) and on 16 stripes, in interleaved rounds on one
 * embedded PostgreSQL. Reports tasks opened per second and the server time spent in the chain
 * head's {@code SELECT ... FOR UPDATE} (which is where a writer waits for another's head), from
 * {@code pg_stat_statements}.
 *
 * <pre>{@code
 * java -cp escalation-benchmarks/target/benchmarks.jar dev.escalation.benchmarks.jdbc.AuditStripesBenchmark [threads] [tasks per thread] [rounds]
 * }</pre>
 */
public final class AuditStripesBenchmark {

    private AuditStripesBenchmark() {}

    /**
     * Runs the benchmark and prints one line per round and stripe count.
     *
     * @param args optionally the threads (default 4), tasks per thread (default 1,000) and rounds (default 3)
     * @throws Exception when the database cannot be started
     */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("load before: %.2f%n", Machine.loadAverage());
        try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, true)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 1; round <= rounds; round++) {
                    for (int stripes : new int[] {1, 16}) {
                        System.out.println(
                                round(db, pool, "r" + round + "s" + stripes + "_", stripes, threads, perThread));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        System.out.printf("load after: %.2f%n", Machine.loadAverage());
    }

    private static String round(
            BenchmarkDatabase db, ExecutorService pool, String prefix, int stripes, int threads, int perThread)
            throws Exception {
        ManualClock clock = ManualClock.at(JdbcWorkload.START);
        JdbcEscalationStore store = JdbcEscalationStore.builder(db.pool(threads))
                .clock(clock)
                .dialect(SqlDialect.POSTGRESQL)
                .tablePrefix(prefix)
                .auditStripes(stripes)
                .build();
        store.createSchema();
        db.execute("SELECT pg_stat_statements_reset()");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    store.tasks()
                            .open(NewTask.of(
                                    "PO-" + thread + "-" + i,
                                    "purchase-order",
                                    "Approval",
                                    "alice",
                                    JdbcWorkload.START));
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> f : work) {
            f.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long headMicros = db.number("SELECT COALESCE(SUM(total_exec_time) * 1000, 0)::bigint FROM pg_stat_statements"
                + " WHERE query LIKE '%" + prefix + "audit_chain WHERE chain = $1 FOR UPDATE%'");
        db.closePools();
        int tasks = threads * perThread;
        return String.format(
                "%2d stripe(s), %d threads: %,d tasks opened in %.2f s = %,.0f tasks/s; chain head lock: %,.0f ms"
                        + " server time (%.3f ms per open)",
                stripes, threads, tasks, seconds, tasks / seconds, headMicros / 1000.0, headMicros / 1000.0 / tasks);
    }
}
