package dev.escalation.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.benchmarks.Table;
import dev.escalation.benchmarks.jdbc.TaskTable.Slice;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The JDBC harness at toy size on a real embedded PostgreSQL: every scenario runs and passes its
 * own checks (each due task warned exactly once, one audit row and one delivered notification
 * each), the baselines leave the rows and notifications the engine leaves, and the plain-JDBC
 * limit issues its four statements and one commit per batch, nothing more. Counts and rows only,
 * never timings: the full-size run is {@code BenchmarkSuite}, by hand.
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
                .anySatisfy(label -> assertThat(label).startsWith("2. plain-JDBC limit"))
                .anySatisfy(label -> assertThat(label).startsWith("3. the same steps over 2 engines"))
                .anySatisfy(label -> assertThat(label).startsWith("4. db-scheduler 16.7.1"))
                .anySatisfy(label -> assertThat(label).startsWith("5. idle probe"))
                .anySatisfy(label -> assertThat(label).startsWith("6. naive baseline: load all 1,000 open tasks"));
        assertThat(table.rows())
                .filteredOn(row -> row.get(0).startsWith("1. one engine"))
                .singleElement()
                .satisfies(row -> assertThat(row.get(3)).matches("engine / limit = \\d+\\.\\d\\d"));
        assertThat(table.rows())
                .filteredOn(row -> row.get(0).startsWith("4. db-scheduler"))
                .singleElement()
                .satisfies(row -> assertThat(row.get(3)).matches("engine / db-scheduler = \\d+\\.\\d\\d"));
        assertThat(table.rows())
                .filteredOn(row -> row.get(0).contains("heap of that run"))
                .singleElement()
                .satisfies(
                        row -> assertThat(row.get(1))
                                .matches(
                                        "\\d+ MB allocated \\(.*\\), heap peak \\d+ MB, (at most \\d+ MB in use after a collection|no collection during the run)"));
        // A warm-up round of the 4 scenarios (the engine's run in it the cold one), 4 of one round, the naive baseline.
        assertThat(progress).filteredOn(line -> line.contains(": 40 steps in ")).hasSize(9);
        assertThat(progress).filteredOn(line -> line.contains("warm-up round")).hasSize(4);
        assertThat(table.notes()).anySatisfy(note -> assertThat(note).contains("fsync=off, synchronous_commit=off"));
    }

    @Test
    void the_plain_jdbc_limit_the_naive_job_and_db_scheduler_leave_the_rows_and_notifications_the_engine_leaves()
            throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, false)) {
            ManualClock clock = ManualClock.at(JdbcWorkload.START);
            JdbcEscalationStore store = JdbcWorkload.store(db.pool(2), clock);
            store.createSchema();
            TaskTable tasks = new TaskTable(db, 600, 120);
            tasks.load();
            AtomicLong byEngine = new AtomicLong();
            AtomicLong byLimit = new AtomicLong();
            AtomicLong byNaive = new AtomicLong();
            AtomicLong byScheduler = new AtomicLong();
            db.execute(DbSchedulerBaseline.schema());

            Slice engineSlice = tasks.nextSlice();
            clock.set(engineSlice.dueAt());
            RunReport report = JdbcWorkload.engine(store.repository(), byEngine).runOnce();
            Slice limitSlice = tasks.nextSlice();
            int limitSteps = new PlainJdbcLimit(db.pool(2), byLimit).run(limitSlice.dueAt());
            Slice naiveSlice = tasks.nextSlice();
            int naiveSteps = new NaiveBaseline(db.pool(2), byNaive)
                    .run(naiveSlice.dueAt())
                    .stepsApplied();

            Slice schedulerSlice = tasks.nextSlice();
            DbSchedulerBaseline scheduler =
                    new DbSchedulerBaseline(db.pool(DbSchedulerBaseline.THREADS + 2), byScheduler);
            int scheduled = scheduler.schedule(schedulerSlice.dueAt());
            int schedulerSteps = scheduler.run(schedulerSlice.dueAt(), scheduled);

            assertThat(List.of(report.warnings(), limitSteps, naiveSteps, scheduled, schedulerSteps))
                    .containsOnly(120);
            assertThat(List.of(byEngine.get(), byLimit.get(), byNaive.get(), byScheduler.get()))
                    .containsOnly(120L);
            SliceRows engineRows = SliceRows.of(db, engineSlice);
            assertThat(List.of(engineRows.tasks(), engineRows.audit(), engineRows.outbox()))
                    .allSatisfy(shapes -> assertThat(shapes.values()).containsExactly(120L));
            assertThat(SliceRows.of(db, limitSlice)).isEqualTo(engineRows);
            assertThat(SliceRows.of(db, naiveSlice)).isEqualTo(engineRows);
            assertThat(SliceRows.of(db, schedulerSlice)).isEqualTo(engineRows);
            assertThat(db.number("SELECT count(*) FROM scheduled_tasks")).isZero();
            // The comparison sees the work: a slice that nobody ran does not look like one that was run.
            SliceRows untouched = SliceRows.of(db, tasks.nextSlice());
            assertThat(untouched.tasks()).isNotEqualTo(engineRows.tasks()).containsValue(120L);
        }
    }

    @Test
    void the_plain_jdbc_limit_issues_its_four_statements_and_commits_once_per_batch() throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.start(Durability.EMBEDDED_DEFAULTS, false)) {
            JdbcWorkload.store(db.plain(), ManualClock.at(JdbcWorkload.START)).createSchema();
            // Two full batches of 500 and one of 100: the short batch ends the run without another select.
            TaskTable tasks = new TaskTable(db, 1_100, 1_100);
            tasks.load();
            StatementRecorder recorder = new StatementRecorder();
            Slice slice = tasks.nextSlice();

            int steps = new PlainJdbcLimit(recorder.around(db.pool(2)), new AtomicLong()).run(slice.dueAt());

            assertThat(steps).isEqualTo(1_100);
            tasks.verifyWarned(slice);
            assertThat(recorder.statements())
                    .containsExactlyInAnyOrder(
                            StepRows.SELECT_DUE, StepRows.WARN_TASK, StepRows.INSERT_AUDIT, StepRows.INSERT_OUTBOX);
            assertThat(recorder.commits()).isEqualTo(3);
        }
    }
}
