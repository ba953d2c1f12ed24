package dev.escalation.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.benchmarks.Table;
import dev.escalation.benchmarks.jdbc.TaskTable.Slice;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The JDBC harness at toy size (1,000 tasks, 40 due per run) on a real embedded PostgreSQL:
 * every scenario runs and passes its own checks (each due task warned exactly once, one audit row
 * and one delivered notification each), and the physical baseline issues the store's statements.
 * Counts only, never timings: the full-size run is {@code BenchmarkSuite}, by hand.
 */
class JdbcBenchmarksSmokeTest {

    @Test
    void every_scenario_applies_each_due_step_exactly_once_and_reports_a_row() throws Exception {
        List<String> progress = new ArrayList<>();

        Table table = JdbcBenchmarks.run(
                Durability.EMBEDDED_DEFAULTS, new JdbcBenchmarks.Sizes(1_000, 40, 1), false, progress::add);

        assertThat(table.rows())
                .extracting(row -> row.get(0))
                .anySatisfy(label -> assertThat(label).startsWith("1. one engine: 40 due steps among 1,000"))
                .anySatisfy(label -> assertThat(label).startsWith("2. idle probe"))
                .anySatisfy(label -> assertThat(label).startsWith("3. the same steps over 2 engines"))
                .anySatisfy(label -> assertThat(label).contains("over 4 engines"))
                .anySatisfy(label -> assertThat(label).startsWith("4. physical baseline"))
                .anySatisfy(label -> assertThat(label).startsWith("5. naive baseline: load all 1,000 open tasks"));
        assertThat(progress).filteredOn(line -> line.contains(": 40 steps in ")).hasSize(7);
        assertThat(table.notes()).anySatisfy(note -> assertThat(note).contains("fsync=off, synchronous_commit=off"));
    }

    @Test
    void the_physical_baseline_issues_exactly_the_statements_the_store_issues_for_the_same_steps() throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, false)) {
            ManualClock clock = ManualClock.at(JdbcWorkload.START);
            JdbcEscalationStore schema = JdbcWorkload.store(db.plain(), clock);
            schema.createSchema();
            // 120 steps a run: one full multi-row insert of 100 rows and one of the other 20, per table.
            TaskTable tasks = new TaskTable(db, 600, 120);
            tasks.load();
            StatementRecorder byEngine = new StatementRecorder();
            StatementRecorder byBaseline = new StatementRecorder();
            JdbcEscalationStore store = JdbcWorkload.store(byEngine.around(db.pool(2)), clock);
            EscalationEngine engine = JdbcWorkload.engine(store.repository(), new AtomicLong());

            // A first, unrecorded run creates the audit chain's head, as happens once per database.
            Slice setUp = tasks.nextSlice();
            clock.set(setUp.dueAt());
            JdbcWorkload.engine(schema.repository(), new AtomicLong()).runOnce();
            Slice first = tasks.nextSlice();
            clock.set(first.dueAt());
            RunReport report = engine.runOnce();
            Slice second = tasks.nextSlice();
            int applied = new PhysicalBaseline(byBaseline.around(db.pool(2))).run(second.dueAt());

            assertThat(report.warnings()).isEqualTo(120);
            assertThat(applied).isEqualTo(120);
            tasks.verifyWarned(first);
            tasks.verifyWarned(second);
            // Besides the fixed statements: two inserts per table (100 rows and 20) and the chain head's lock and
            // update.
            assertThat(byBaseline.statements())
                    .isEqualTo(byEngine.statements())
                    .containsAll(StepStatements.FIXED)
                    .hasSize(StepStatements.FIXED.size() + 6);
        }
    }
}
