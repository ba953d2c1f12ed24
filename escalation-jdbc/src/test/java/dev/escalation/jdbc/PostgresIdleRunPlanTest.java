package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an idle run asks PostgreSQL about the task table is answered through its indexes, never by a
 * scan of the table: the SLA count (stored counts, the changes since, and the warning points and
 * deadlines passed since: range scans of the warning index and of the worklist index, whose status and
 * deadline columns answer the deadlines since V10 dropped the deadline index) and the next due instant.
 * The table holds 20,000 open tasks whose warning points and deadlines lie ahead, one a minute, as
 * an idle run finds them, and is analyzed; each statement is EXPLAINed with sequential scans priced
 * out ({@code enable_seqscan = off}), so that the plan shows a sequential scan of the task table only
 * where no index can answer the question at all, and an index that only filters (rather than
 * bounds) the scan shows as the wrong index.
 */
class PostgresIdleRunPlanTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    private final ManualClock clock = ManualClock.at(START);

    private static final int OPEN_TASKS = 20_000;

    @Test
    void the_sla_count_reads_the_task_table_only_through_index_range_scans() throws SQLException {
        JdbcEscalationStore store = storeWithCountedTasks();
        Tables tables = new Tables(db.schema());

        List<String> plan = explain(TaskCounts.currentStatement(tables), 4);

        assertThat(String.join("\n", plan))
                .doesNotContainPattern(seqScanOf(tables.task()))
                .containsPattern("Index (Only )?Scan using \\S*task_warning")
                .containsPattern("Index (Only )?Scan using \\S*task_worklist");
        assertThat(store.repository().slaCounts(scope()).orElseThrow().open()).isEqualTo(OPEN_TASKS);
    }

    @Test
    void the_next_due_instant_reads_the_task_table_only_through_the_due_index() throws SQLException {
        storeWithCountedTasks();
        Tables tables = new Tables(db.schema());

        List<String> plan = explain(SlaQueries.nextDueStatement(tables, Set.of()), 5);

        assertThat(String.join("\n", plan))
                .doesNotContainPattern(seqScanOf(tables.task()))
                .containsPattern("Index (Only )?Scan using \\S*task_due");
    }

    private JdbcEscalationStore storeWithCountedTasks() throws SQLException {
        JdbcEscalationStore store = db.store(clock);
        store.tasks().open(NewTask.of("PO-0", "purchase-order", "Manager Approval", "alice", START));
        // Warning points one a minute from the next minute on, deadlines a day after, next checks at the warnings.
        db.execute("INSERT INTO " + db.table("task") + " (id, workflow_type, stage, assignee, priority, sla_start,"
                + " attributes, status, holds, cycle, reminders_sent, escalation_level, re_escalations, warning_at,"
                + " deadline, next_check_at, version, created_at, updated_at)"
                + " SELECT 'BULK-' || g, 'purchase-order', 'Manager Approval', 'alice', 'normal', s, '{}', 'OPEN', '[]',"
                + " 0, 0, 0, 0, s + g * INTERVAL '1 minute', s + g * INTERVAL '1 minute' + INTERVAL '1 day',"
                + " s + g * INTERVAL '1 minute', 1, s, s"
                + " FROM generate_series(1, " + (OPEN_TASKS - 1) + ") g, (SELECT TIMESTAMPTZ '" + START + "' AS s) x");
        db.execute("ANALYZE " + db.table("task"));
        store.repository().slaCounts(scope());
        clock.advance(Duration.ofMinutes(1));
        return store;
    }

    private RunScope scope() {
        return new RunScope("probe", clock.now(), clock.now().plusSeconds(60), Set.of());
    }

    /** "Seq Scan on <task table>" as a word: not the count tables, whose names begin with it. */
    private static Pattern seqScanOf(String table) {
        return Pattern.compile("Seq Scan on " + Pattern.quote(table) + "(\\s|$)", Pattern.MULTILINE);
    }

    /** The plan of {@code sql}, every parameter bound to now, sequential scans priced out. */
    private List<String> explain(String sql, int parameters) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 1; i <= parameters; i++) {
                    Timestamps.bind(ps, i, clock.now());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return plan;
    }
}
