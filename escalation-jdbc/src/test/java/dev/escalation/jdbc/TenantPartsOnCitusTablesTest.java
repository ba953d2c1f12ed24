package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where the tables are distributed by tenant (Citus locks and writes only in statements routed to one shard) the
 * store splits every batch into one transaction per tenant: each tenant's part is stored whole or not at all, every
 * step and notification once, a task without a tenant under the empty tenant. On Citus's tables held by PostgreSQL
 * ({@link TestDatabase#citusTablesOnPostgres()}); {@code citus.CitusStatementRoutingTest} checks on a real cluster
 * that each of these statements reaches one shard.
 */
class TenantPartsOnCitusTablesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);

    @RegisterExtension
    final TestDatabase db = TestDatabase.citusTablesOnPostgres();

    final ManualClock clock = ManualClock.at(START);
    JdbcEscalationStore store;
    WorkflowRepository repository;

    @BeforeEach
    void createStore() {
        store = db.store(clock);
        repository = store.repository();
    }

    @Test
    void a_batch_over_three_tenants_stores_each_tasks_step_and_notification_once_under_its_tenant() throws Exception {
        List<WorkflowTask> tasks = List.of(open("acme-1", "acme"), open("globex-1", "globex"), open("none-1", null));
        List<WorkflowTask> claimed = repository.claimDue(scope("runner-a"), 10);
        List<StepTransition> steps = claimed.stream().map(this::warned).toList();

        List<String> applied = repository.record(scope("runner-a"), steps);
        List<String> again = repository.record(scope("runner-a"), steps);

        assertThat(applied).containsExactlyInAnyOrder("acme-1", "globex-1", "none-1");
        assertThat(again).as("the same steps recorded again").isEmpty();
        assertThat(db.query("SELECT id, tenant, version FROM " + db.table("task") + " ORDER BY id"))
                .containsExactly(
                        List.of("acme-1", "acme", String.valueOf(tasks.get(0).version() + 1)),
                        List.of(
                                "globex-1",
                                "globex",
                                String.valueOf(tasks.get(1).version() + 1)),
                        List.of("none-1", "", String.valueOf(tasks.get(2).version() + 1)));
        assertThat(db.query("SELECT task_id, tenant FROM " + db.table("outbox") + " ORDER BY task_id"))
                .containsExactly(List.of("acme-1", "acme"), List.of("globex-1", "globex"), List.of("none-1", ""));
    }

    @Test
    void when_one_tenants_part_fails_the_parts_stored_before_it_stay_and_its_tasks_and_the_later_ones_are_handed_back()
            throws Exception {
        open("acme-1", "acme");
        WorkflowTask globex = open("globex-1", "globex");
        WorkflowTask zeta = open("zeta-1", "zeta");
        refuseOutboxRowsOf("globex");
        List<StepTransition> steps = repository.claimDue(scope("runner-a"), 10).stream()
                .map(this::warned)
                .toList();

        // Tenants in name order, one transaction each: acme's commits, globex's fails, zeta's never runs.
        assertThatThrownBy(() -> repository.record(scope("runner-a"), steps))
                .isInstanceOf(EscalationStoreException.class)
                .hasMessageContaining("globex's shard refuses");

        assertThat(db.query("SELECT task_id FROM " + db.table("outbox"))).containsExactly(List.of("acme-1"));
        assertThat(db.query("SELECT id, version, claimed_by FROM " + db.table("task") + " WHERE tenant <> 'acme'"
                        + " ORDER BY id"))
                .as("unchanged and no longer claimed")
                .containsExactly(
                        java.util.Arrays.asList("globex-1", String.valueOf(globex.version()), null),
                        java.util.Arrays.asList("zeta-1", String.valueOf(zeta.version()), null));
        assertThat(repository.claimDue(scope("runner-b"), 10))
                .as("claimable by the next run at once, not at the end of the failed run's lease")
                .extracting(WorkflowTask::id)
                .containsExactlyInAnyOrder("globex-1", "zeta-1");
    }

    @Test
    void outcomes_of_several_tenants_are_each_recorded_and_one_whose_row_is_gone_changes_nothing() throws Exception {
        queueNotification(open("acme-1", "acme"));
        queueNotification(open("none-1", null));
        List<PendingNotification> pending = repository.claimNotifications(scope("runner-a"), 10);
        assertThat(pending).hasSize(2);

        repository.recordDeliveries(
                scope("runner-a"),
                List.of(
                        DeliveryOutcome.delivered(key(pending.get(0)), 1, clock.now()),
                        DeliveryOutcome.delivered("purged-1/WARNING/assignee", 1, clock.now()),
                        DeliveryOutcome.delivered(key(pending.get(1)), 1, clock.now())));

        assertThat(db.query("SELECT task_id, tenant, status FROM " + db.table("outbox") + " ORDER BY task_id"))
                .containsExactly(List.of("acme-1", "acme", "DELIVERED"), List.of("none-1", "", "DELIVERED"));
        assertThat(repository.claimNotifications(scope("runner-b"), 10)).isEmpty();
    }

    @Test
    void an_import_over_tenants_stores_each_task_under_its_tenant_and_reads_no_tenant_back_as_none() throws Exception {
        store.tasks()
                .openAll(List.of(
                        newTask("globex-1").withTenant("globex"),
                        newTask("none-1"),
                        newTask("acme-1").withTenant("acme"),
                        newTask("acme-2").withTenant("acme")));

        assertThat(db.query("SELECT id, tenant FROM " + db.table("task") + " ORDER BY id"))
                .containsExactly(
                        List.of("acme-1", "acme"),
                        List.of("acme-2", "acme"),
                        List.of("globex-1", "globex"),
                        List.of("none-1", ""));
        assertThat(store.tasks().find("none-1").orElseThrow().tenant()).isEmpty();
        assertThat(store.tasks().find("acme-2").orElseThrow().tenant()).contains("acme");
        assertThat(db.query("SELECT task_id, tenant FROM " + db.table("audit") + " ORDER BY task_id"))
                .as("one audit entry per task, with its tenant's rows")
                .containsExactly(
                        List.of("acme-1", "acme"),
                        List.of("acme-2", "acme"),
                        List.of("globex-1", "globex"),
                        List.of("none-1", ""));
    }

    @Test
    void an_import_holding_an_id_stored_already_stores_no_task_of_any_tenant() throws Exception {
        open("acme-2", "acme");

        assertThatThrownBy(() -> store.tasks()
                        .openAll(List.of(
                                newTask("globex-1").withTenant("globex"),
                                newTask("acme-1").withTenant("acme"),
                                newTask("acme-2").withTenant("acme"))))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("'acme-2'");

        assertThat(db.query("SELECT id FROM " + db.table("task"))).containsExactly(List.of("acme-2"));
        assertThat(db.query("SELECT task_id FROM " + db.table("audit"))).containsExactly(List.of("acme-2"));
    }

    @Test
    void a_claim_over_tenants_hands_out_the_oldest_due_tasks_up_to_its_limit() {
        open("acme-1", "acme");
        clock.advance(Duration.ofMinutes(1));
        open("globex-1", "globex");
        clock.advance(Duration.ofMinutes(1));
        open("none-1", null);
        clock.advance(Duration.ofMinutes(1));
        open("acme-2", "acme");

        List<WorkflowTask> first = repository.claimDue(scope("runner-a"), 3);
        List<WorkflowTask> second = repository.claimDue(scope("runner-b"), 3);

        assertThat(first).extracting(WorkflowTask::id).containsExactly("acme-1", "globex-1", "none-1");
        assertThat(second).extracting(WorkflowTask::id).containsExactly("acme-2");
    }

    private WorkflowTask open(String id, String tenant) {
        NewTask task = newTask(id);
        return store.tasks().open(tenant == null ? task : task.withTenant(tenant));
    }

    private NewTask newTask(String id) {
        return NewTask.of(id, "purchase-order", "Manager Approval", "alice", clock.now());
    }

    private RunScope scope(String runner) {
        return new RunScope(runner, clock.now(), clock.now().plus(LEASE), Set.of());
    }

    /** A warning step of {@code task}: its next check in an hour and one notification to its assignee. */
    private StepTransition warned(WorkflowTask task) {
        return new StepTransition(
                task.id(),
                task.version(),
                task.assignee(),
                task.escalation().withNextCheckAt(Optional.of(clock.now().plus(Duration.ofHours(1)))),
                List.of(),
                List.of(warning(task)));
    }

    private Notification warning(WorkflowTask task) {
        return new Notification(
                task.id() + "/WARNING/assignee",
                NotificationType.WARNING,
                task.id(),
                task.tenant(),
                task.assignee(),
                task.workflowType(),
                task.stage(),
                0,
                START.plus(Duration.ofHours(24)),
                clock.now(),
                "Task " + task.id() + " is due soon");
    }

    /** Records {@code task}'s warning by a run whose lease ends at once, so that the notification is due now. */
    private void queueNotification(WorkflowTask task) {
        RunScope leaseless = new RunScope("runner-a", clock.now(), clock.now(), Set.of());
        assertThat(repository.record(leaseless, List.of(warned(task)))).containsExactly(task.id());
    }

    private static String key(PendingNotification pending) {
        return pending.notification().idempotencyKey();
    }

    /** {@code tenant}'s outbox rows fail to insert, as a write to an unreachable shard would. */
    private void refuseOutboxRowsOf(String tenant) throws SQLException {
        String function = db.table("refuse_outbox_row");
        db.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION '%''s shard refuses writes', NEW.tenant; END $$");
        db.execute("CREATE TRIGGER refuse_outbox_row BEFORE INSERT ON " + db.table("outbox")
                + " FOR EACH ROW WHEN (NEW.tenant = '" + tenant + "') EXECUTE FUNCTION " + function + "()");
    }
}
