package dev.escalation.benchmarks.report;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Machine;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceRow;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.jdbc.EscalationSchema;
import dev.escalation.jdbc.JdbcAuditSource;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The SLA compliance report over a million audit rows on embedded PostgreSQL: loads
 * {@link AuditHistory} with {@code COPY}, then times {@link JdbcAuditSource#report} over the month by
 * day and takes the heap's peak while it runs. Run it with a small heap to see the bound:
 *
 * <pre>{@code
 * java -Xmx128m -cp escalation-benchmarks/target/benchmarks.jar \
 *     dev.escalation.benchmarks.report.AuditReportBenchmark [rows]
 * }</pre>
 */
public final class AuditReportBenchmark {

    private AuditReportBenchmark() {}

    /** What one measured report came to. */
    record Result(ComplianceReport report, long millis, long peakHeapBytes) {}

    /**
     * Loads the history and measures one report.
     *
     * @param args the number of audit rows (a multiple of 5), 1,000,000 by default
     * @throws Exception when the database fails
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        System.out.println(Machine.describe());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "512MB")
                .start()) {
            DataSource db = postgres.getPostgresDatabase();
            AuditHistory history = new AuditHistory(rows);
            long loadStart = System.nanoTime();
            load(db, history);
            System.out.printf(
                    "loaded %s audit rows (%s tasks) with COPY in %.1f s%n",
                    Figures.count(rows), Figures.count(history.tasks()), (System.nanoTime() - loadStart) / 1e9);
            for (int run = 1; run <= 3; run++) {
                Result r = measure(db);
                System.out.printf(
                        "run %d: report of %s rows over %s days in %s, peak heap %.1f MiB (max heap %.0f MiB), load %.2f%n",
                        run,
                        Figures.count(r.report().rows().size()),
                        AuditHistory.SPAN.toDays(),
                        Figures.millis((double) r.millis()),
                        r.peakHeapBytes() / 1048576.0,
                        Runtime.getRuntime().maxMemory() / 1048576.0,
                        Machine.loadAverage());
                check(r.report(), history);
            }
        }
    }

    static void load(DataSource db, AuditHistory history) throws SQLException {
        EscalationSchema.create(db, SqlDialect.POSTGRESQL, SchemaOptions.defaults());
        history.load(db);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE escalation_audit");
        }
    }

    static Result measure(DataSource db) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        ComplianceReport report = new JdbcAuditSource(db, SchemaOptions.defaults(), JdbcAuditSource.DEFAULT_FETCH_SIZE)
                .report(
                        AuditHistory.START,
                        AuditHistory.START.plus(AuditHistory.SPAN).plus(AuditHistory.SPAN),
                        ReportPeriod.DAY);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Result(report, millis, peak);
    }

    /** The report must count every task of the history: a fast wrong report is no figure. */
    static void check(ComplianceReport report, AuditHistory history) {
        long opened = report.rows().stream().mapToLong(ComplianceRow::opened).sum();
        long completed =
                report.rows().stream().mapToLong(ComplianceRow::completed).sum();
        long within = report.rows().stream()
                .mapToLong(ComplianceRow::completedWithinSla)
                .sum();
        long breaches =
                report.rows().stream().mapToLong(ComplianceRow::breaches).sum();
        if (opened != history.tasks()
                || completed != history.tasks()
                || breaches != history.breachedTasks()
                || within != history.tasks() - history.breachedTasks()) {
            throw new IllegalStateException("the report counted " + opened + " opened, " + completed + " completed, "
                    + within + " within the SLA and " + breaches + " breaches, but the history has " + history.tasks()
                    + " tasks of which " + history.breachedTasks() + " breached");
        }
    }
}
