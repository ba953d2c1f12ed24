package dev.escalation.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceRow;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The report benchmark at toy size: its history loads and the report counts every task of it. */
class AuditReportBenchmarkSmokeTest {

    @Test
    void the_report_over_the_loaded_history_counts_every_task_and_breach() throws Exception {
        AuditHistory history = new AuditHistory(10_000);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            AuditReportBenchmark.load(postgres.getPostgresDatabase(), history);

            AuditReportBenchmark.Result result = AuditReportBenchmark.measure(postgres.getPostgresDatabase());

            ComplianceReport report = result.report();
            AuditReportBenchmark.check(report, history);
            assertThat(report.rows().stream().mapToLong(ComplianceRow::opened).sum())
                    .isEqualTo(2_000);
            assertThat(report.rows().stream()
                            .mapToLong(r -> r.escalationsByLevel().getOrDefault(1, 0L))
                            .sum())
                    .isEqualTo(500);
            assertThat(report.escalationTargets())
                    .hasSize(10)
                    .allSatisfy(t -> assertThat(t.tasks()).isEqualTo(25));
            assertThat(report.rows())
                    .filteredOn(r -> r.completed() > 0)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.slaTarget())
                            .hasValueSatisfying(
                                    t -> assertThat(t).isBetween(Duration.ofHours(23), Duration.ofHours(26))));
            assertThat(result.peakHeapBytes()).isPositive();
        }
    }

    @Test
    void a_history_size_that_is_not_a_multiple_of_five_entries_is_refused() {
        assertThatThrownBy(() -> new AuditHistory(12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entries must be a positive multiple of 5, but was 12");
    }
}
