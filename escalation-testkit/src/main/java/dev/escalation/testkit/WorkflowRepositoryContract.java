package dev.escalation.testkit;

import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/**
 * The behaviour every {@link WorkflowRepository} (and the {@link TaskStore} that feeds it) must
 * show, whatever stores the tasks: claims, leases, tenants, compare-and-swap, the outbox,
 * withdrawing notifications their task's changes made untrue, {@code nextDueAt}, the audit trail the repository owns, one clock, SLA counts, every host change,
 * bad input, hostile input kept exactly or refused, and the engine end to end. Extend it in your test sources, return a fresh, empty
 * repository from {@link #createFixture}, and every test here runs against it:
 *
 * <pre>{@code
 * package com.example.orders;
 *
 * import dev.escalation.core.task.TaskRules;
 * import dev.escalation.core.time.ManualClock;
 * import dev.escalation.testkit.WorkflowRepositoryContract;
 *
 * class OrderTaskRepositoryContractTest extends WorkflowRepositoryContract {
 *
 *     @Override
 *     protected Fixture createFixture(ManualClock clock, TaskRules rules) {
 *         OrderDatabase db = OrderDatabase.createEmpty(); // your tables, in a database of this test's own
 *         OrderTaskRepository repository = new OrderTaskRepository(db.dataSource(), clock, rules);
 *         return new Fixture(repository, repository, repository.auditTrail(), db::drop);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests come in groups, one {@link Nested} class each, which test reports name
 * {@code WorkflowRepositoryContract$ClaimingDueTasks} and so on. They use only the SPI and the
 * {@code TaskStore} API, never an implementation's internals, and the {@link ManualClock} that
 * {@code createFixture} receives as their only source of time. A repository whose
 * {@code slaCounts} is empty skips the SLA count test, one that keeps the default {@code openTasks}
 * (which throws) the paging tests, and one that does not implement
 * {@link dev.escalation.core.operations.OperatorQueries} the operator queries' group. Tests of your own belong in a class of
 * their own: this one sets up a fixture for its groups only.
 */
public abstract class WorkflowRepositoryContract {

    /** For subclasses: a host's test class, one per repository implementation and database. */
    protected WorkflowRepositoryContract() {}

    /**
     * The tag of the group that stores text up to every {@link dev.escalation.core.task.InputLimits}
     * limit and reads it back exactly.
     */
    public static final String FULL_INPUT_LIMITS = "full-input-limits";

    /**
     * The tag of the group for the optional {@code WorkflowRepository.openTasks} paging (what a policy
     * change preview reads). A repository that does not page leaves the group out by this tag.
     */
    public static final String OPEN_TASK_PAGING = "open-task-paging";

    /**
     * The tag of the group for the optional {@link dev.escalation.core.operations.OperatorQueries}. A
     * repository that does not offer them leaves the group out by this tag.
     */
    public static final String OPERATOR_QUERIES = "operator-queries";

    /**
     * The tag of the group for a store's own {@code TaskStore.openAll}: an import stored all or
     * nothing, with its first checks spread ({@link dev.escalation.core.task.TaskImports}). A store that
     * keeps the interface's default, which opens one task after the other, leaves the group out by
     * this tag.
     */
    public static final String BULK_IMPORT = "bulk-import";

    /**
     * A repository under test, the task store that feeds it (usually the same object) and the audit
     * trail it keeps.
     *
     * @param repository the repository under test, empty
     * @param store      the host-side API that opens and changes its tasks, timed by the given clock
     * @param audit      the repository's audit trail, read back
     * @param onClose    releases what the fixture holds (connections, ...), run after each test
     */
    public record Fixture(WorkflowRepository repository, TaskStore store, AuditTrail audit, AutoCloseable onClose) {

        // Declared so that it is public: the implicit one would be protected like the record, and
        // subclasses in other packages (hosts' adapters) could not pass an onClose.
        /**
         * A fixture that releases its resources with {@code onClose} after the test.
         *
         * @param repository the repository under test, empty
         * @param store      the host-side API that opens and changes its tasks, timed by the given clock
         * @param audit      the repository's audit trail, read back
         * @param onClose    releases what the fixture holds, run after each test
         */
        public Fixture {}

        /**
         * A fixture that holds nothing to release, such as an in-memory repository.
         *
         * @param repository the repository under test, empty
         * @param store      the host-side API that opens and changes its tasks, timed by the given clock
         * @param audit      the repository's audit trail, read back
         */
        public Fixture(WorkflowRepository repository, TaskStore store, AuditTrail audit) {
            this(repository, store, audit, () -> {});
        }
    }

    /**
     * Returns a new, empty repository whose host-side changes are timed by {@code clock} and whose
     * task store accepts only what {@code rules} allow. Called before each test (with
     * {@link TaskRules#none()}), and by tests of the rules.
     *
     * @param clock the tests' only time: the store must time the host's changes by it, and the
     *              repository's {@link WorkflowRepository#clock()} must be it
     * @param rules what the task store must accept, such as the allowed priorities
     * @return the repository, its task store and audit trail, and what releases them after the test
     * @throws Exception when the repository cannot be set up (a database that does not start, ...):
     *     the test then fails with it
     */
    protected abstract Fixture createFixture(ManualClock clock, TaskRules rules) throws Exception;

    // The groups, each in a file of its own; they make their fixtures with this test's createFixture.

    @Nested
    class ClaimingDueTasks extends ClaimingDueTasksContract {}

    @Nested
    class RecordingTransitions extends RecordingTransitionsContract {}

    @Nested
    class Outbox extends OutboxContract {}

    @Nested
    class WithdrawingNotifications extends WithdrawingNotificationsContract {}

    @Nested
    class NextDueAt extends NextDueAtContract {}

    @Nested
    class OwningTheAudit extends OwningTheAuditContract {}

    @Nested
    class OneClock extends OneClockContract {}

    @Nested
    class CountingSla extends CountingSlaContract {}

    @Nested
    @Tag(OPEN_TASK_PAGING)
    class PagingOpenTasks extends PagingOpenTasksContract {}

    @Nested
    class HostChanges extends HostChangesContract {}

    @Nested
    class OpeningManyTasks extends OpeningManyTasksContract {}

    @Nested
    @Tag(BULK_IMPORT)
    class ImportingTasks extends ImportingTasksContract {}

    @Nested
    class RejectingBadInput extends RejectingBadInputContract {}

    @Nested
    class AcknowledgingTasks extends AcknowledgingTasksContract {}

    /**
     * Tagged {@value #FULL_INPUT_LIMITS}: a store over a host's own table whose columns are narrower
     * than {@link dev.escalation.core.task.InputLimits} cannot keep everything they allow; such a host
     * excludes this tag (Surefire's {@code excludedGroups}) and must refuse what its columns cannot
     * hold, by name, itself.
     */
    @Nested
    @Tag(FULL_INPUT_LIMITS)
    class KeepingHostileInput extends KeepingHostileInputContract {}

    @Nested
    class RefusingHostileInput extends RefusingHostileInputContract {}

    @Nested
    class WithTheEngine extends WithTheEngineContract {}

    @Nested
    class ChangingPolicies extends ChangingPoliciesContract {}

    /** Skipped where the repository does not offer the optional {@code OperatorQueries}. */
    @Nested
    @Tag(OPERATOR_QUERIES)
    class AnsweringOperatorQueries extends AnsweringOperatorQueriesContract {}
}
