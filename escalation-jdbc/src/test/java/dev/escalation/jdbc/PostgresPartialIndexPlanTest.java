package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.IndexPlans;
import dev.escalation.jdbc.testing.RecordedStatements;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two indexes leave out the rows none of their queries can find (V11, issue #19): {@code task_policy}
 * the tasks without a plan (every task an import opens), {@code audit_tenant_time} the entries without a
 * tenant; the queries they serve still read through them. The tables hold 20,000 rows, half of them
 * such rows, and are analyzed; each statement is EXPLAINed with sequential scans priced out
 * ({@code enable_seqscan = off}), so that a sequential scan shows only where no index can answer.
 */
class PostgresPartialIndexPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final int ROWS = 20_000;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    private final ManualClock clock = ManualClock.at(NOW);
    private final RecordedStatements recorded = new RecordedStatements();

    @Test
    void the_policy_index_holds_only_the_open_tasks_planned_under_a_policy() throws Exception {
        halfOfTheTasksPlanned();

        assertThat(entriesOf("task_policy")).as("the planned half").isEqualTo(ROWS / 2);
    }

    @Test
    void claiming_the_tasks_planned_under_a_policy_version_reads_them_through_the_policy_index() throws Exception {
        halfOfTheTasksPlanned();
        RunScope scope = new RunScope("run-1", NOW, NOW.plusSeconds(60), Set.of());

        store().repository().claimPlannedUnder(scope, new PolicyVersion("approval", "v1"), 10);

        assertThat(explain(recordedContaining("policy_id = ?")))
                .containsPattern(IndexPlans.INDEX_SCAN + "\\S*task_policy");
    }

    @Test
    void the_policy_versions_open_tasks_are_planned_under_are_read_through_the_policy_index() throws Exception {
        halfOfTheTasksPlanned();
        RunScope scope = new RunScope("run-1", NOW, NOW.plusSeconds(60), Set.of());

        assertThat(store().repository().recordedPolicyVersions(scope))
                .containsExactly(new PolicyVersion("approval", "v1"));
        assertThat(explain(recordedContaining("SELECT DISTINCT policy_id")))
                .containsPattern(IndexPlans.INDEX_SCAN + "\\S*task_policy");
    }

    @Test
    void the_tenant_audit_index_holds_only_the_entries_of_a_tenant() throws Exception {
        halfOfTheAuditEntriesOfATenant();

        assertThat(entriesOf("audit_tenant_time")).as("the tenant's half").isEqualTo(ROWS / 2);
    }

    @Test
    void the_audit_entries_of_a_tenant_are_read_through_the_tenant_audit_index() throws Exception {
        halfOfTheAuditEntriesOfATenant();

        assertThat(store().queries()
                        .auditEntries(AuditQuery.all().tenant("acme").limit(5))
                        .items())
                .hasSize(5)
                .allSatisfy(entry -> assertThat(entry.tenant()).contains("acme"));
        assertThat(explain(recordedContaining("tenant = ?")))
                .containsPattern(IndexPlans.INDEX_SCAN + "\\S*audit_tenant_time");
    }

    private JdbcEscalationStore store() {
        return db.storeBuilder(recorded.wrap(db.dataSource()), clock).build();
    }

    /** Open tasks by SQL: the even ones planned under approval v1, the odd ones imported and not planned yet. */
    private void halfOfTheTasksPlanned() throws Exception {
        db.store(clock);
        String now = "TIMESTAMPTZ '" + NOW + "'";
        db.execute("INSERT INTO " + db.table("task") + " (id, workflow_type, stage, assignee, priority, sla_start,"
                + " attributes, status, holds, cycle, reminders_sent, escalation_level, re_escalations,"
                + " next_check_at, version, policy_id, policy_version, created_at, updated_at)"
                + " SELECT 'T-' || g, 'purchase-order', 'Manager Approval', 'alice', 'normal', " + now
                + ", '{}', 'OPEN', '[]', 0, 0, 0, 0, " + now + " + INTERVAL '1 hour', 1,"
                + " CASE WHEN g % 2 = 0 THEN 'approval' END, CASE WHEN g % 2 = 0 THEN 'v1' END, " + now + ", " + now
                + " FROM generate_series(1, " + ROWS + ") g");
        settle("task");
    }

    /** Audit entries by SQL: the even ones of tenant acme, the odd ones without a tenant. */
    private void halfOfTheAuditEntriesOfATenant() throws Exception {
        db.store(clock);
        db.execute("INSERT INTO " + db.table("audit") + " (entry_id, type, task_id, tenant, occurred_at, actor,"
                + " escalation_level, details, chain, chain_seq, prev_hash, entry_hash)"
                + " SELECT 'E-' || g, 'TASK_OPENED', 'T-' || g, CASE WHEN g % 2 = 0 THEN 'acme' END,"
                + " TIMESTAMPTZ '" + NOW + "' + g * INTERVAL '1 second', 'host', 0, '{}', 'chain-' || g, 1, '', ''"
                + " FROM generate_series(1, " + ROWS + ") g");
        settle("audit");
    }

    private void settle(String table) throws Exception {
        db.execute("VACUUM ANALYZE " + db.table(table));
    }

    private long entriesOf(String index) throws Exception {
        return Long.parseLong(
                db.query("SELECT reltuples::bigint FROM pg_class WHERE oid = '" + db.table(index) + "'::regclass")
                        .get(0)
                        .get(0));
    }

    private Map.Entry<String, List<RecordedStatements.Parameter>> recordedContaining(String text) {
        return recorded.statements().entrySet().stream()
                .filter(s -> s.getKey().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + text + " in " + recorded.statements()));
    }

    /** The plan of a recorded statement with its parameters, sequential scans priced out. */
    private String explain(Map.Entry<String, List<RecordedStatements.Parameter>> statement) throws Exception {
        return IndexPlans.withoutSeqScans(db.dataSource(), statement.getKey(), statement.getValue());
    }
}
