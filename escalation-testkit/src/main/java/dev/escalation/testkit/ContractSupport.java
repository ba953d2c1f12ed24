package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.testkit.WorkflowRepositoryContract.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every group of the contract shares: a fresh repository per test from the host's
 * {@link WorkflowRepositoryContract#createFixture}, the {@link ManualClock} that is the tests' only
 * time, and the helpers that open tasks, claim them and record transitions through the SPI alone.
 */
@ExtendWith(EnclosingContract.class)
abstract class ContractSupport {

    /** Where the clock stands when each test starts. */
    protected static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    /** The lease every claim in these tests asks for. */
    protected static final Duration LEASE = Duration.ofMinutes(5);

    /**
     * The retries of the contract's engines: 6 attempts, 1 minute doubling, no jitter (the defaults
     * until issue 17), so that a test can name the instant of a retry.
     */
    static final NotificationRetryPolicy EXACT_RETRY =
            new NotificationRetryPolicy(6, Duration.ofMinutes(1), 2.0, Duration.ofHours(1));

    /** The tests' only time; the fixture's store and repository read it. */
    protected final ManualClock clock = ManualClock.at(START);
    /** This test's repository, fresh and empty at the start. */
    protected WorkflowRepository repository;
    /** The task store that feeds {@link #repository}. */
    protected TaskStore store;
    /** The audit trail {@link #repository} keeps. */
    protected AuditTrail audit;

    private WorkflowRepositoryContract contract;
    private Fixture fixture;

    /** A fresh repository from the host's {@link WorkflowRepositoryContract#createFixture}. */
    final Fixture createFixture(ManualClock clock, TaskRules rules) throws Exception {
        return contract.createFixture(clock, rules);
    }

    // Each group's tests get their own fixture: the host's class, which encloses the groups, sets up none.
    @BeforeEach
    void createRepository(WorkflowRepositoryContract contract) throws Exception {
        this.contract = contract;
        fixture = createFixture(clock, TaskRules.none());
        repository = fixture.repository();
        store = fixture.store();
        audit = fixture.audit();
    }

    @AfterEach
    void closeRepository() throws Exception {
        fixture.onClose().close();
    }

    /** A plain task of the purchase-order workflow whose SLA starts now. */
    protected NewTask newTask(String id) {
        return NewTask.of(id, "purchase-order", "Manager Approval", "alice", clock.now());
    }

    /** Opens {@link #newTask} {@code id} through the task store. */
    protected WorkflowTask open(String id) {
        return store.open(newTask(id));
    }

    /** Claims up to {@code limit} due tasks as "runner-a", for a {@link #LEASE}. */
    protected List<WorkflowTask> claim(int limit) {
        return claimAs("runner-a", limit);
    }

    /** Claims up to {@code limit} due tasks of every tenant as {@code owner}, for a {@link #LEASE}. */
    protected List<WorkflowTask> claimAs(String owner, int limit) {
        return repository.claimDue(new RunScope(owner, clock.now(), clock.now().plus(LEASE), Set.of()), limit);
    }

    /** Claims {@code task}, which must be the only due task, and returns it as claimed. */
    protected WorkflowTask claimOne(WorkflowTask task) {
        List<WorkflowTask> claimed = claim(10);
        assertThat(ids(claimed)).containsExactly(task.id());
        return claimed.get(0);
    }

    /** The scope of a run of "runner-a" at the clock's instant, seeing {@code tenants} (empty: all). */
    protected RunScope scope(Set<String> tenants) {
        return new RunScope("runner-a", clock.now(), clock.now().plus(LEASE), tenants);
    }

    /** The scope of a run of "runner-a" at the clock's instant, seeing every tenant. */
    protected RunScope scope() {
        return scope(Set.of());
    }

    /** The scope of a run of "runner-a" at {@code now}, seeing every tenant. */
    protected RunScope scopeAt(Instant now) {
        return new RunScope("runner-a", now, now.plus(LEASE), Set.of());
    }

    /** Claims up to {@code limit} due notifications of every tenant as "runner-a". */
    protected List<PendingNotification> claimNotifications(int limit) {
        return repository.claimNotifications(scope(Set.of()), limit);
    }

    /**
     * Records {@code transition} by a run whose lease ends at once, so that its notifications are due
     * now, and checks that it was applied.
     */
    protected void recordDueNow(StepTransition transition) {
        RunScope leaseless = new RunScope("runner-a", clock.now(), clock.now(), Set.of());
        assertThat(repository.record(leaseless, List.of(transition))).containsExactly(transition.taskId());
    }

    /** Records {@code transition} and checks that it was applied. */
    protected void record(StepTransition transition) {
        assertThat(repository.record(scope(), List.of(transition))).containsExactly(transition.taskId());
    }

    /** A transition of {@code task} that changes nothing but its next check. */
    protected StepTransition reschedule(WorkflowTask task, Instant nextCheckAt) {
        return transition(
                task, task.assignee(), task.escalation().withNextCheckAt(Optional.of(nextCheckAt)), List.of());
    }

    /** A transition of {@code task} from its version to {@code state}, without audit entries. */
    protected StepTransition transition(
            WorkflowTask task, String assignee, EscalationState state, List<Notification> notifications) {
        return new StepTransition(task.id(), task.version(), assignee, state, List.of(), notifications);
    }

    /** The state after escalating to {@code level}, next checked at {@code nextCheckAt}. */
    protected EscalationState escalated(WorkflowTask task, int level, Instant nextCheckAt) {
        EscalationState s = task.escalation();
        return new EscalationState(
                s.cycle(),
                s.warnedAt(),
                s.remindersSent(),
                level,
                Optional.of(clock.now()),
                s.reEscalations(),
                Optional.of(clock.now()),
                s.warningAt(),
                s.deadline(),
                Optional.of(nextCheckAt));
    }

    /** A warning about {@code task} under the idempotency key {@code key}. */
    protected Notification notification(String key, WorkflowTask task) {
        return new Notification(
                key,
                NotificationType.WARNING,
                task.id(),
                task.tenant(),
                task.assignee(),
                task.workflowType(),
                task.stage(),
                task.escalation().level(),
                START.plus(Duration.ofHours(24)),
                clock.now(),
                "Task " + task.id() + " is due soon");
    }

    /** Opens task {@code taskId} and records a transition that puts these notifications in the outbox, due now. */
    protected void storeNotifications(String taskId, String... keys) {
        WorkflowTask task = open(taskId);
        List<Notification> notifications =
                Arrays.stream(keys).map(key -> notification(key, task)).toList();
        recordDueNow(transition(task, task.assignee(), task.escalation(), notifications));
    }

    /** Stores one notification under {@code key} (whose task id comes before the first slash) and claims it. */
    protected PendingNotification storeAndClaim(String key) {
        storeNotifications(key.substring(0, key.indexOf('/')), key);
        List<PendingNotification> claimed = claimNotifications(10);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    /** The ids of {@code tasks}, in their order. */
    protected static List<String> ids(List<WorkflowTask> tasks) {
        return tasks.stream().map(WorkflowTask::id).toList();
    }

    /** The idempotency keys of {@code pending}, in their order. */
    protected static List<String> keys(List<PendingNotification> pending) {
        return pending.stream().map(ContractSupport::key).toList();
    }

    /** The idempotency key of {@code pending}. */
    protected static String key(PendingNotification pending) {
        return pending.notification().idempotencyKey();
    }
}
