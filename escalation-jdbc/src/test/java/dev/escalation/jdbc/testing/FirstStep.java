package dev.escalation.jdbc.testing;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least a store must do on a schema that a migration tool made: take a task and let the real
 * engine apply a step to it.
 */
public final class FirstStep {

    /** The task that {@link #take} opens. */
    public static final String TASK_ID = "PO-7";

    /** The policy {@link #take} plans under. */
    public static final SlaPolicy POLICY = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    /**
     * The task columns that versions after 1 added and today's store writes with every task, by the
     * version that added them (typed as that version's migration types them, as far as the tests need).
     */
    private static final List<LaterColumn> LATER_COLUMNS = List.of(
            new LaterColumn(2, "policy_id", "VARCHAR"),
            new LaterColumn(2, "policy_version", "VARCHAR"),
            new LaterColumn(6, "acknowledged_by", "VARCHAR"),
            new LaterColumn(6, "acknowledged_at", "TIMESTAMP WITH TIME ZONE"),
            new LaterColumn(6, "snoozed_at", "TIMESTAMP WITH TIME ZONE"),
            new LaterColumn(6, "snoozed_until", "TIMESTAMP WITH TIME ZONE"),
            new LaterColumn(7, "warnings_sent", "INTEGER DEFAULT 0 NOT NULL"));

    private record LaterColumn(int version, String name, String type) {}

    /** Writes of a store that may throw what JDBC throws. */
    public interface Writes {
        /**
         * Writes.
         *
         * @throws Exception what the writes threw
         */
        void run() throws Exception;
    }

    private FirstStep() {}

    /** A store on {@code db}'s tables as they are: no {@code createSchema()}, so only the migration made them. */
    public static JdbcEscalationStore store(TestDatabase db, ManualClock clock) {
        return db.storeBuilder(db.dataSource(), clock).build();
    }

    /** An engine on {@code store} under {@link #POLICY}. */
    public static EscalationEngine engine(JdbcEscalationStore store) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policy(POLICY)
                .notifier(new RecordingNotifier())
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    /**
     * Opens {@value #TASK_ID} now, moves {@code clock} to its warning point and runs an engine on
     * {@code store} once, which warns the assignee.
     *
     * @return the types of the task's audit entries afterwards, as the store reads them back
     */
    public static List<AuditType> take(JdbcEscalationStore store, ManualClock clock) {
        store.tasks().open(NewTask.of(TASK_ID, "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(22));
        EscalationEngine.builder()
                .repository(asOnAnyVersion(store.repository()))
                .policy(POLICY)
                .notifier(new RecordingNotifier())
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build()
                .runOnce();
        return store.auditTrail().entriesFor(TASK_ID).stream()
                .map(AuditEntry::type)
                .toList();
    }

    /**
     * The first run on a fresh database finds no due notification and no paused policy; it is
     * spared reading them, so that today's store can fill a database on an older schema version,
     * which lacks the columns and tables those reads need (the upgrade tests' "holding" step).
     */
    private static WorkflowRepository asOnAnyVersion(WorkflowRepository repository) {
        return new ForwardingWorkflowRepository(repository) {
            @Override
            public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
                return List.of();
            }

            @Override
            public Set<String> pausedPolicies(RunScope scope) {
                return Set.of();
            }
        };
    }

    /**
     * Runs {@code writes} of today's store on a schema of {@code version}, with the task columns of every
     * later version there meanwhile (at their defaults, as the later migration leaves older tasks), dropped
     * again after: today's store writes them with every task. This is how the upgrade tests fill an old
     * schema with what a store of that version wrote.
     */
    public static void withLaterColumns(TestDatabase db, int version, Writes writes) throws Exception {
        List<LaterColumn> later = LATER_COLUMNS.stream()
                .filter(column -> column.version() > version)
                .toList();
        for (LaterColumn column : later) {
            db.execute("ALTER TABLE " + db.table("task") + " ADD COLUMN " + column.name() + " " + column.type());
        }
        writes.run();
        for (LaterColumn column : later) {
            db.execute("ALTER TABLE " + db.table("task") + " DROP COLUMN " + column.name());
        }
    }
}
