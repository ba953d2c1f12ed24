package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.testing.FirstStep;
import dev.escalation.jdbc.testing.SchemaUpgrade;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A version 10 database keeps its tasks and audit trail through version 11, which on PostgreSQL leaves
 * the tasks without a plan out of {@code task_policy} and the entries without a tenant out of
 * {@code audit_tenant_time} (issue #19; H2 has no partial indexes and keeps its indexes): the rows are
 * untouched, and what those indexes answer - the tasks planned under a policy version, the policy
 * versions open tasks are planned under, a tenant's audit entries - is answered alike before and after,
 * for the rows the database held and for the tasks planned after the upgrade.
 */
abstract class PartialIndexesUpgradeTest {

    /** The version V11 (partial policy and tenant indexes) follows. */
    private static final String BEFORE_PARTIAL_INDEXES = "10";

    final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

    abstract TestDatabase db();

    @Test
    void a_version_10_database_keeps_its_rows_and_answers_alike_through_version_11() throws Exception {
        List<List<String>> tasksBefore = new ArrayList<>();
        List<List<String>> auditBefore = new ArrayList<>();
        List<PolicyVersion> planned = new ArrayList<>();
        SchemaUpgrade.from(db(), BEFORE_PARTIAL_INDEXES)
                .holding(db -> {
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    plannedImportedAndTenantTasks(store);
                    planned.addAll(store.repository().recordedPolicyVersions(scope()));
                    assertThat(planned).as("PO-7's plan").hasSize(1);
                    assertThat(tenantEntryTasks(store)).containsExactly("ACME-1");
                    tasksBefore.addAll(db.query("SELECT * FROM " + db.table("task") + " ORDER BY id"));
                    auditBefore.addAll(db.query("SELECT * FROM " + db.table("audit") + " ORDER BY seq"));
                })
                .toLatest(db -> {
                    assertThat(db.query("SELECT * FROM " + db.table("task") + " ORDER BY id"))
                            .isEqualTo(tasksBefore);
                    assertThat(db.query("SELECT * FROM " + db.table("audit") + " ORDER BY seq"))
                            .isEqualTo(auditBefore);
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    assertThat(store.repository().recordedPolicyVersions(scope()))
                            .containsExactlyElementsOf(planned);
                    assertThat(tenantEntryTasks(store)).containsExactly("ACME-1");
                    assertThat(idsOf(store.repository().claimPlannedUnder(scope(), planned.get(0), 10)))
                            .as("planned before the upgrade")
                            .containsExactly("PO-7");
                });
    }

    @Test
    void tasks_planned_after_version_11_are_found_under_their_policy_version() throws Exception {
        SchemaUpgrade.from(db(), BEFORE_PARTIAL_INDEXES)
                .holding(db -> plannedImportedAndTenantTasks(FirstStep.store(db, clock)))
                .toLatest(db -> {
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    clock.advance(Duration.ofMinutes(1));

                    FirstStep.engine(store).runOnce();

                    PolicyVersion version = store.tasks()
                            .find("PO-7")
                            .flatMap(t -> t.escalation().policy())
                            .orElseThrow();
                    clock.advance(Duration.ofHours(1));
                    assertThat(idsOf(store.repository().claimPlannedUnder(scope(), version, 10)))
                            .as("the imported tasks and ACME-1 planned by the run, beside PO-7")
                            .containsExactly("ACME-1", "IMP-1", "IMP-2", "PO-7");
                });
    }

    @Test
    void on_postgresql_version_11_leaves_the_unplanned_tasks_and_the_entries_without_a_tenant_out() throws Exception {
        SchemaUpgrade.from(db(), BEFORE_PARTIAL_INDEXES)
                .holding(db -> plannedImportedAndTenantTasks(FirstStep.store(db, clock)))
                .toLatest(db -> {
                    Map<String, String> predicates = Map.of(
                            "task_policy", "WHERE ((status = 'OPEN'::text) AND (policy_id IS NOT NULL))",
                            "audit_tenant_time", "WHERE (tenant IS NOT NULL)");
                    if (db.dialect() != SqlDialect.POSTGRESQL) {
                        assertThat(indexDefinition(db, "task_policy"))
                                .as("H2 keeps its index")
                                .isNotEmpty();
                        return;
                    }
                    for (Map.Entry<String, String> index : predicates.entrySet()) {
                        assertThat(indexDefinition(db, index.getKey()))
                                .as(index.getKey())
                                .endsWith(index.getValue());
                    }
                    assertThat(indexDefinition(db, "task_policy")).contains("(policy_id, policy_version, id)");
                });
    }

    /** PO-7 planned under FirstStep's policy; IMP-1 and IMP-2 imported, not planned; ACME-1 of tenant acme. */
    private void plannedImportedAndTenantTasks(JdbcEscalationStore store) {
        FirstStep.take(store, clock);
        store.tasks()
                .openAll(List.of(
                        NewTask.of("IMP-1", "purchase-order", "Manager Approval", "bob", clock.now()),
                        NewTask.of("IMP-2", "purchase-order", "Manager Approval", "bob", clock.now())));
        store.tasks()
                .open(new NewTask(
                        "ACME-1",
                        "purchase-order",
                        "Manager Approval",
                        "carol",
                        "normal",
                        Optional.of("acme"),
                        clock.now(),
                        Map.of()));
    }

    private RunScope scope() {
        return new RunScope("run-1", clock.now(), clock.now().plusSeconds(60), Set.of());
    }

    private static List<String> tenantEntryTasks(JdbcEscalationStore store) {
        return store.queries().auditEntries(AuditQuery.all().tenant("acme")).items().stream()
                .map(AuditEntry::taskId)
                .distinct()
                .toList();
    }

    private static List<String> idsOf(List<WorkflowTask> tasks) {
        return tasks.stream().map(WorkflowTask::id).sorted().toList();
    }

    /** The index's definition on PostgreSQL, its name on H2; empty when there is no such index. */
    private static String indexDefinition(TestDatabase db, String index) throws Exception {
        String name = db.schema().tablePrefix() + index;
        List<List<String>> rows = db.dialect() == SqlDialect.POSTGRESQL
                ? db.query("SELECT indexdef FROM pg_indexes WHERE schemaname = '"
                        + db.schema().schema().orElseThrow() + "' AND indexname = '" + name + "'")
                : db.query(
                        "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE LOWER(INDEX_NAME) = '" + name + "'");
        return rows.isEmpty() ? "" : rows.get(0).get(0);
    }

    static final class OnPostgres extends PartialIndexesUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends PartialIndexesUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
