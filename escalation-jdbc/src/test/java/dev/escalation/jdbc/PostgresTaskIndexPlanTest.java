package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.IndexPlans;
import dev.escalation.jdbc.testing.RecordedStatements;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The task table keeps only the indexes that no other one covers (V10, issue #19): the questions that
 * the dropped {@code task_active (status)} and {@code task_deadline (deadline)} answered are answered
 * through {@code task_worklist (status, deadline, id)}, and {@code task_warning} holds only the open
 * tasks that have a warning point. The table holds 20,000 open tasks, a quarter of them imported and
 * not yet planned (no warning point, no deadline), a quarter past their deadlines, a quarter between
 * their warning points and deadlines, a quarter before their warning points, and is analyzed; each
 * statement is EXPLAINed with sequential scans priced out ({@code enable_seqscan = off}), so that a
 * sequential scan of the task table shows only where no index can answer.
 */
class PostgresTaskIndexPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final int TASKS = 20_000;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    private final ManualClock clock = ManualClock.at(NOW);

    @Test
    void the_direct_sla_count_reads_the_task_table_only_through_the_worklist_and_warning_indexes() throws Exception {
        Tables tables = tasksInEveryStanding();

        String plan = explain(SlaQueries.countStatement(tables, Set.of()), timestamps(3));

        assertThat(plan)
                .doesNotContainPattern(seqScanOf(tables.task()))
                .containsPattern(IndexPlans.INDEX_SCAN + "\\S*task_worklist")
                .containsPattern(IndexPlans.INDEX_SCAN + "\\S*task_warning");
    }

    @Test
    void the_worklist_of_breached_and_near_breach_tasks_reads_the_task_table_through_an_index() throws Exception {
        Tables tables = tasksInEveryStanding();
        RecordedStatements recorded = new RecordedStatements();
        JdbcEscalationStore store =
                db.storeBuilder(recorded.wrap(db.dataSource()), clock).build();

        store.queries().openTasks(TaskQuery.asOf(NOW).standing(SlaStanding.BREACHED, SlaStanding.NEAR_BREACH));

        Map.Entry<String, List<RecordedStatements.Parameter>> worklist = recorded.statements().entrySet().stream()
                .filter(s -> s.getKey().contains(" FROM " + tables.task() + " WHERE status IN ('OPEN', 'ON_HOLD')"))
                .findFirst()
                .orElseThrow();
        assertThat(explain(worklist.getKey(), worklist.getValue()))
                .doesNotContainPattern(seqScanOf(tables.task()))
                .containsPattern(IndexPlans.INDEX_SCAN + "\\S*task_(worklist|warning)");
    }

    @Test
    void the_warning_index_holds_only_the_open_tasks_that_have_a_warning_point() throws Exception {
        tasksInEveryStanding();
        db.execute("VACUUM " + db.table("task"));

        String withWarningPoint = db.query("SELECT COUNT(*) FROM " + db.table("task")
                        + " WHERE status = 'OPEN' AND warning_at IS NOT NULL")
                .get(0)
                .get(0);
        assertThat(Long.parseLong(withWarningPoint))
                .as("the imported quarter has none")
                .isLessThan(TASKS);
        assertThat(db.query("SELECT reltuples::bigint FROM pg_class WHERE oid = '" + db.table("task_warning")
                        + "'::regclass"))
                .as("index entries: the planned tasks only")
                .containsExactly(List.of(withWarningPoint));
    }

    /**
     * One opened task and 19,999 more by SQL, in turn: imported and unplanned, breached an hour ago,
     * warned an hour ago with the deadline an hour ahead, warning point an hour ahead.
     */
    private Tables tasksInEveryStanding() throws SQLException {
        JdbcEscalationStore store = db.store(clock);
        store.tasks().open(NewTask.of("PO-0", "purchase-order", "Manager Approval", "alice", NOW));
        String now = "TIMESTAMPTZ '" + NOW + "'";
        db.execute("INSERT INTO " + db.table("task") + " (id, workflow_type, stage, assignee, priority, sla_start,"
                + " attributes, status, holds, cycle, reminders_sent, escalation_level, re_escalations, warning_at,"
                + " deadline, next_check_at, version, created_at, updated_at)"
                + " SELECT 'BULK-' || g, 'purchase-order', 'Manager Approval', 'alice', 'normal', " + now
                + ", '{}', 'OPEN', '[]', 0, 0, 0, 0, w, d, COALESCE(w, " + now + "), 1, " + now + ", " + now
                + " FROM (SELECT g,"
                + " CASE g % 4 WHEN 1 THEN " + now + " - INTERVAL '3 hours' WHEN 2 THEN " + now
                + " - INTERVAL '1 hour' WHEN 3 THEN " + now + " + INTERVAL '1 hour' END AS w,"
                + " CASE g % 4 WHEN 1 THEN " + now + " - INTERVAL '1 hour' WHEN 2 THEN " + now
                + " + INTERVAL '1 hour' WHEN 3 THEN " + now + " + INTERVAL '3 hours' END AS d"
                + " FROM generate_series(1, " + (TASKS - 1) + ") g) x");
        db.execute("ANALYZE " + db.table("task"));
        return new Tables(db.schema());
    }

    /** "Seq Scan on <task table>" as a word: not the count tables, whose names begin with it. */
    private static Pattern seqScanOf(String table) {
        return Pattern.compile("Seq Scan on " + Pattern.quote(table) + "(\\s|$)", Pattern.MULTILINE);
    }

    /** {@code count} parameters, each now, as the store binds instants. */
    private static List<RecordedStatements.Parameter> timestamps(int count) {
        List<RecordedStatements.Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parameters.add(new RecordedStatements.Parameter("setObject", new Class<?>[] {Object.class}, new Object[] {
                OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC)
            }));
        }
        return parameters;
    }

    /** The plan of {@code sql} with {@code parameters}, sequential scans priced out. */
    private String explain(String sql, List<RecordedStatements.Parameter> parameters) throws Exception {
        return IndexPlans.withoutSeqScans(db.dataSource(), sql, parameters);
    }
}
