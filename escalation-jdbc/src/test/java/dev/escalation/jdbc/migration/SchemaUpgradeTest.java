package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.Attention;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each shipped schema version keeps a host's data through the migration to the latest one
 * (docs/jdbc.md, "Changing the schema"). A change that adds {@code V<n>} adds a test here that
 * starts from {@code V<n-1>} holding data.
 */
abstract class SchemaUpgradeTest {

    final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

    abstract TestDatabase db();

    @Test
    void a_database_on_version_1_keeps_its_task_audit_trail_and_outbox_through_the_migration_to_the_latest()
            throws Exception {
        // Today's store writes version 1's rows plus version 2's policy columns, so it fills the
        // database with those columns added for the while: a task, a hash-chained audit trail with its
        // chain head, and a delivered notification in the outbox.
        SchemaUpgrade.from(db(), "1").holding(db -> takeFirstStepOn(1, db)).toLatest(db -> {
            JdbcEscalationStore store = FirstStep.store(db, clock);
            assertThat(store.tasks().find(FirstStep.TASK_ID))
                    .hasValueSatisfying(
                            t -> assertThat(t.escalation().warnedAt()).isPresent());
            assertThat(store.auditTrail().entriesFor(FirstStep.TASK_ID))
                    .extracting(AuditEntry::type)
                    .containsExactly(AuditType.TASK_OPENED, AuditType.WARNING_SENT);
            assertThat(store.auditVerifier().verifyAll())
                    .isNotEmpty()
                    .allSatisfy(chain -> assertThat(chain.intact()).isTrue());
            assertThat(db.query("SELECT status FROM " + db.table("outbox"))).containsExactly(List.of("DELIVERED"));
        });
    }

    @Test
    void a_task_of_a_version_1_database_records_its_policy_version_at_its_next_plan() throws Exception {
        SchemaUpgrade.from(db(), "1").holding(db -> takeFirstStepOn(1, db)).toLatest(db -> {
            JdbcEscalationStore store = FirstStep.store(db, clock);
            assertThat(store.tasks()
                            .find(FirstStep.TASK_ID)
                            .orElseThrow()
                            .escalation()
                            .policy())
                    .isEmpty();
            assertThat(store.repository().recordedPolicyVersions(scope())).isEmpty();

            clock.advance(Duration.ofHours(2));
            FirstStep.engine(store).runOnce();

            assertThat(store.tasks()
                            .find(FirstStep.TASK_ID)
                            .orElseThrow()
                            .escalation()
                            .policy())
                    .contains(FirstStep.POLICY.policyVersion());
            assertThat(store.repository().recordedPolicyVersions(scope()))
                    .containsExactly(FirstStep.POLICY.policyVersion());
        });
    }

    private RunScope scope() {
        return new RunScope("upgrade-test", clock.now(), clock.now().plus(Duration.ofMinutes(5)), Set.of());
    }

    /**
     * The first step as a store of {@code version} took it: today's store, on that version plus the task
     * columns of later versions that it writes (at their defaults, as the later migrations leave older
     * tasks), dropped again.
     */
    private void takeFirstStepOn(int version, TestDatabase db) throws Exception {
        FirstStep.withLaterColumns(db, version, () -> FirstStep.take(FirstStep.store(db, clock), clock));
    }

    /** The version V6 follows. */
    private static final String BEFORE_ACKNOWLEDGEMENTS = "5";

    @Test
    void a_database_before_acknowledgements_keeps_its_tasks_which_can_be_acknowledged_and_snoozed_after_it()
            throws Exception {
        SchemaUpgrade.from(db(), BEFORE_ACKNOWLEDGEMENTS)
                .holding(db -> takeFirstStepOn(5, db))
                .toLatest(db -> {
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    WorkflowTask upgraded =
                            store.tasks().find(FirstStep.TASK_ID).orElseThrow();
                    assertThat(upgraded.escalation().warnedAt()).isPresent();
                    assertThat(upgraded.escalation().attention()).isEqualTo(Attention.NONE);

                    store.tasks().acknowledge(FirstStep.TASK_ID, "alice");
                    store.tasks().snooze(FirstStep.TASK_ID, clock.now().plus(Duration.ofHours(1)), "alice");

                    Attention attention = store.tasks()
                            .find(FirstStep.TASK_ID)
                            .orElseThrow()
                            .escalation()
                            .attention();
                    assertThat(attention.acknowledgedBy()).contains("alice");
                    assertThat(attention.acknowledgedAt()).contains(clock.now());
                    assertThat(attention.snoozedUntil()).contains(clock.now().plus(Duration.ofHours(1)));
                    assertThat(store.auditTrail().entriesFor(FirstStep.TASK_ID))
                            .extracting(AuditEntry::type)
                            .containsExactly(
                                    AuditType.TASK_OPENED,
                                    AuditType.WARNING_SENT,
                                    AuditType.TASK_ACKNOWLEDGED,
                                    AuditType.TASK_SNOOZED);
                    assertThat(store.auditVerifier().verifyAll())
                            .allSatisfy(chain -> assertThat(chain.intact()).isTrue());
                });
    }

    @Test
    void a_database_before_the_operator_query_indexes_answers_the_operator_queries_over_its_data_after_the_migration()
            throws Exception {
        // The version before V3 holds what today's store writes: a warned task, its audit trail and a
        // delivered notification.
        SchemaUpgrade.from(db(), "2").holding(db -> takeFirstStepOn(2, db)).toLatest(db -> {
            OperatorQueries queries = FirstStep.store(db, clock).queries();
            assertThat(queries.openTasks(TaskQuery.asOf(clock.now())).items())
                    .extracting(t -> t.task().id())
                    .containsExactly(FirstStep.TASK_ID);
            assertThat(queries.auditEntries(AuditQuery.all()
                                    .type(AuditType.WARNING_SENT)
                                    .between(
                                            clock.now().minus(Duration.ofDays(30)),
                                            clock.now().plusSeconds(1)))
                            .items())
                    .extracting(AuditEntry::taskId)
                    .containsExactly(FirstStep.TASK_ID);
            assertThat(queries.notifications(OutboxQuery.undelivered()).items())
                    .as("the delivered notification is done with")
                    .isEmpty();
            assertThat(db.query(indexes(db))).as("the operator query indexes").hasSize(5);
        });
    }

    private static String indexes(TestDatabase db) {
        String names = "'"
                + String.join(
                        "', '",
                        List.of(
                                        "task_worklist",
                                        "audit_time",
                                        "audit_type_time",
                                        "audit_tenant_time",
                                        "outbox_undelivered")
                                .stream()
                                .map(n -> db.schema().tablePrefix() + n)
                                .map(n -> db.dialect() == SqlDialect.H2 ? n.toUpperCase(java.util.Locale.ROOT) : n)
                                .toList())
                + "'";
        return db.dialect() == SqlDialect.POSTGRESQL
                ? "SELECT indexname FROM pg_indexes WHERE indexname IN (" + names + ")"
                : "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME IN (" + names + ")";
    }

    /** The version V4 follows. */
    private static final String BEFORE_OPERATOR_ACTIONS = "3";

    @Test
    void a_database_before_the_operator_actions_keeps_its_outbox_and_can_pause_policies_and_redeliver_after_it()
            throws Exception {
        SchemaUpgrade.from(db(), BEFORE_OPERATOR_ACTIONS)
                .holding(db -> {
                    takeFirstStepOn(3, db);
                    // A notification given up before the upgrade, as that version's store leaves it.
                    db.execute("UPDATE " + db.table("outbox") + " SET status = 'GIVEN_UP', attempts = 6");
                })
                .toLatest(db -> {
                    assertThat(db.query("SELECT status, redelivery FROM " + db.table("outbox")))
                            .containsExactly(Arrays.asList("GIVEN_UP", null));
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    assertThat(store.operatorActions().pausePolicy("Manager Approval", "olga"))
                            .isTrue();
                    assertThat(store.operatorActions()
                                    .redeliver(RedeliveryRequest.ofTask("request-1", "olga", FirstStep.TASK_ID))
                                    .requeued())
                            .hasSize(1);
                    assertThat(db.query("SELECT status, redelivery FROM " + db.table("outbox")))
                            .containsExactly(List.of("PENDING", "request-1"));
                });
    }

    /** The version V7 (the count of applied warning thresholds) follows. */
    private static final String BEFORE_WARNING_THRESHOLDS = "6";

    @Test
    void a_task_warned_before_warning_thresholds_counts_its_one_warning_as_applied_after_the_migration()
            throws Exception {
        SchemaUpgrade.from(db(), BEFORE_WARNING_THRESHOLDS)
                .holding(db -> takeFirstStepOn(6, db))
                .toLatest(db -> {
                    assertThat(db.query("SELECT warnings_sent FROM " + db.table("task")))
                            .containsExactly(List.of("1"));
                    assertThat(FirstStep.store(db, clock)
                                    .tasks()
                                    .find(FirstStep.TASK_ID)
                                    .orElseThrow()
                                    .escalation()
                                    .warningsSent())
                            .isEqualTo(1);
                });
    }

    @Test
    void a_task_warned_before_warning_thresholds_gets_only_the_second_threshold_when_its_policy_adds_one()
            throws Exception {
        SchemaUpgrade.from(db(), BEFORE_WARNING_THRESHOLDS)
                .holding(db -> takeFirstStepOn(6, db))
                .toLatest(db -> {
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    // The policy now also warns an hour before the deadline: 23 h into the task's 24 h SLA.
                    SlaPolicy twoThresholds = FirstStep.POLICY.toBuilder()
                            .warnings(List.of(
                                    WarningThreshold.of(Warning.before(Duration.ofHours(2))),
                                    WarningThreshold.of(Warning.before(Duration.ofHours(1)))))
                            .build();
                    clock.advance(Duration.ofHours(1));
                    RecordingNotifier notifier = new RecordingNotifier();
                    EscalationEngine.builder()
                            .repository(store.repository())
                            .policy(twoThresholds)
                            .notifier(notifier)
                            .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                            .build()
                            .runOnce();

                    assertThat(notifier.delivered())
                            .extracting(Notification::idempotencyKey)
                            .containsExactly(FirstStep.TASK_ID + "/0/WARNING/2/assignee");
                    assertThat(store.auditTrail().entriesFor(FirstStep.TASK_ID))
                            .filteredOn(entry -> entry.type() == AuditType.WARNING_SENT)
                            .extracting(entry -> entry.stepKey().orElseThrow())
                            .containsExactly(FirstStep.TASK_ID + "/0/WARNING/1", FirstStep.TASK_ID + "/0/WARNING/2");
                });
    }

    /** The version V5 follows. */
    private static final String BEFORE_SLA_COUNTS = "4";

    @Test
    void a_database_before_the_maintained_sla_counts_counts_its_tasks_after_it_and_keeps_them_exact() throws Exception {
        SchemaUpgrade.from(db(), BEFORE_SLA_COUNTS)
                .holding(db -> FirstStep.withLaterColumns(db, 4, () -> {
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    FirstStep.take(store, clock);
                    store.tasks()
                            .open(NewTask.of("PO-held", "purchase-order", "Manager Approval", "alice", clock.now()));
                    store.tasks().hold("PO-held");
                }))
                .toLatest(db -> {
                    JdbcEscalationStore store = db.storeBuilder(db.dataSource(), clock)
                            .slaCountsMaxAge(Duration.ZERO)
                            .build();
                    RunScope scope =
                            new RunScope("counter", clock.now(), clock.now().plusSeconds(60), Set.of());
                    assertThat(store.repository().slaCounts(scope))
                            .as("the warned task near its deadline, the held one")
                            .contains(new SlaCounts(2, 1, 1, 0));

                    store.tasks()
                            .openAll(List.of(
                                    NewTask.of("PO-new", "purchase-order", "Manager Approval", "alice", clock.now())));
                    store.tasks().complete(FirstStep.TASK_ID);

                    assertThat(store.repository().slaCounts(scope)).contains(new SlaCounts(2, 1, 0, 0));
                });
    }

    /** The version V8 (goals) follows. */
    private static final String BEFORE_GOALS = "7";

    @Test
    void a_task_of_a_database_before_goals_keeps_its_steps_and_a_task_of_goals_stores_its_progress_after_the_migration()
            throws Exception {
        SchemaUpgrade.from(db(), BEFORE_GOALS)
                .holding(db -> FirstStep.withLaterColumns(
                        db, Integer.parseInt(BEFORE_GOALS), () -> FirstStep.take(FirstStep.store(db, clock), clock)))
                .toLatest(db -> {
                    assertThat(db.query("SELECT goals FROM " + db.table("task")))
                            .containsExactly(Arrays.asList((String) null));
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    WorkflowTask before = store.tasks().find(FirstStep.TASK_ID).orElseThrow();
                    assertThat(before.escalation().goals().isEmpty()).isTrue();
                    assertThat(before.escalation().warnedAt()).isPresent();

                    store.tasks().open(NewTask.of("SR-1", "service-request", "Triage", "alice", clock.now()));
                    goalsEngine(store).runOnce();
                    clock.advance(Duration.ofHours(1));
                    store.tasks().meet("SR-1", "response");

                    WorkflowTask goals = store.tasks().find("SR-1").orElseThrow();
                    assertThat(goals.escalation().goals().progress("response").metAt())
                            .contains(clock.now());
                    assertThat(goals.escalation().goals().progress("resolution").deadline())
                            .contains(clock.now().minus(Duration.ofHours(1)).plus(Duration.ofHours(24)));
                    assertThat(store.tasks().find(FirstStep.TASK_ID).orElseThrow())
                            .isEqualTo(before);
                });
    }

    /** The version V10 (fewer task indexes) follows; V9 is Citus's own. */
    private static final String BEFORE_FEWER_TASK_INDEXES = "8";

    @Test
    void a_database_before_the_fewer_task_indexes_keeps_its_tasks_and_their_sla_counts_through_the_migration()
            throws Exception {
        List<List<String>> tasksBefore = new ArrayList<>();
        SchemaUpgrade.from(db(), BEFORE_FEWER_TASK_INDEXES)
                .holding(db -> {
                    JdbcEscalationStore store = countingStore(db);
                    tasksOfEveryIndexedState(store);
                    assertThat(store.repository().slaCounts(countScope()))
                            .as("6 active: 2 warned near their deadlines, 3 imported unplanned, 1 held")
                            .contains(new SlaCounts(6, 1, 2, 0));
                    tasksBefore.addAll(db.query(TASK_ROWS.formatted(db.table("task"))));
                })
                .toLatest(db -> {
                    assertThat(db.query(TASK_ROWS.formatted(db.table("task")))).isEqualTo(tasksBefore);
                    JdbcEscalationStore store = countingStore(db);
                    assertThat(store.repository().slaCounts(countScope())).contains(new SlaCounts(6, 1, 2, 0));

                    clock.advance(Duration.ofHours(1));
                    assertThat(store.repository().slaCounts(countScope()))
                            .as("PO-late past its deadline, PO-7 still before it")
                            .contains(new SlaCounts(6, 1, 1, 1));
                    assertThat(store.queries()
                                    .openTasks(TaskQuery.asOf(clock.now()))
                                    .items())
                            .extracting(t -> t.task().id())
                            .containsExactly("PO-late", "PO-7", "IMP-1", "IMP-2", "IMP-3", "PO-held");

                    FirstStep.engine(store).runOnce();
                    store.tasks().complete(FirstStep.TASK_ID);
                    assertThat(store.repository().slaCounts(countScope()))
                            .as("the imported tasks planned, PO-7 done")
                            .contains(new SlaCounts(5, 1, 0, 1));
                });
    }

    @Test
    void after_the_fewer_task_indexes_the_task_table_keeps_only_the_indexes_no_other_covers() throws Exception {
        SchemaUpgrade.from(db(), BEFORE_FEWER_TASK_INDEXES)
                .holding(db -> tasksOfEveryIndexedState(countingStore(db)))
                .toLatest(db -> {
                    assertThat(taskIndexes(db))
                            .as("task_active and task_deadline gone: task_worklist covers both")
                            .containsOnlyKeys("task_due", "task_warning", "task_policy", "task_worklist");
                    if (db.dialect() == SqlDialect.POSTGRESQL) {
                        assertThat(taskIndexes(db).get("task_warning"))
                                .as("only open tasks that have a warning point")
                                .endsWith("WHERE ((status = 'OPEN'::text) AND (warning_at IS NOT NULL))");
                    }
                });
    }

    /**
     * Tasks in each state the task indexes tell apart: two warned open tasks (PO-late an hour older than
     * PO-7), three imported and not yet planned (no warning point, no deadline), one held.
     */
    private void tasksOfEveryIndexedState(JdbcEscalationStore store) {
        store.tasks().open(NewTask.of("PO-late", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(1));
        FirstStep.take(store, clock);
        store.tasks()
                .openAll(List.of(
                        NewTask.of("IMP-1", "purchase-order", "Manager Approval", "bob", clock.now()),
                        NewTask.of("IMP-2", "purchase-order", "Manager Approval", "bob", clock.now()),
                        NewTask.of("IMP-3", "purchase-order", "Manager Approval", "bob", clock.now())));
        store.tasks().open(NewTask.of("PO-held", "purchase-order", "Manager Approval", "carol", clock.now()));
        store.tasks().hold("PO-held");
    }

    private static final String TASK_ROWS =
            "SELECT id, status, warning_at, deadline, next_check_at, version FROM %s ORDER BY id";

    private JdbcEscalationStore countingStore(TestDatabase db) {
        return db.storeBuilder(db.dataSource(), clock)
                .slaCountsMaxAge(Duration.ZERO)
                .build();
    }

    private RunScope countScope() {
        return new RunScope("counter", clock.now(), clock.now().plusSeconds(60), Set.of());
    }

    /** The secondary indexes of the task table by name without the prefix, each with its definition on PostgreSQL. */
    private static Map<String, String> taskIndexes(TestDatabase db) throws Exception {
        String prefix = db.schema().tablePrefix();
        List<List<String>> rows = db.dialect() == SqlDialect.POSTGRESQL
                ? db.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '"
                        + db.schema().schema().orElseThrow() + "' AND tablename = '" + prefix + "task'"
                        + " AND indexname <> '" + prefix + "task_pkey'")
                : db.query("SELECT LOWER(INDEX_NAME), '' FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = '"
                        + (prefix + "task").toUpperCase(java.util.Locale.ROOT)
                        + "' AND INDEX_TYPE_NAME <> 'PRIMARY KEY'");
        Map<String, String> indexes = new TreeMap<>();
        for (List<String> row : rows) {
            indexes.put(row.get(0).substring(prefix.length()), row.get(1));
        }
        return indexes;
    }

    private static EscalationEngine goalsEngine(JdbcEscalationStore store) {
        SlaPolicy policy = SlaPolicy.builder("Service Request")
                .goal(new Goal(
                        "response",
                        SlaPolicy.builder("response")
                                .sla(Duration.ofHours(4))
                                .escalateTo(EscalationTarget.role("department_head"))
                                .build()))
                .goal(new Goal(
                        "resolution",
                        SlaPolicy.builder("resolution")
                                .sla(Duration.ofHours(24))
                                .escalateTo(EscalationTarget.role("department_head"))
                                .build()))
                .build();
        return EscalationEngine.builder()
                .repository(store.repository())
                .policies(new PolicyResolver() {
                    @Override
                    public Optional<SlaPolicy> policyFor(WorkflowTask task) {
                        return Optional.of(task.workflowType().equals("service-request") ? policy : FirstStep.POLICY);
                    }

                    @Override
                    public List<SlaPolicy> policies() {
                        return List.of(FirstStep.POLICY, policy);
                    }
                })
                .notifier(new RecordingNotifier())
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    static final class OnPostgres extends SchemaUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends SchemaUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
