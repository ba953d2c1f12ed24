package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WorkflowRepository} (and the {@link TaskStore} that feeds it) must
 * show, whatever stores the tasks. Extend it, return a fresh, empty repository from
 * {@link #createFixture}, and every test here runs against it:
 *
 * <pre>{@code
 * class JdbcWorkflowRepositoryTest extends WorkflowRepositoryContract {
 *     protected Fixture createFixture(ManualClock clock, TaskRules rules) {
 *         JdbcWorkflowRepository repo = new JdbcWorkflowRepository(freshDatabase(), clock, rules);
 *         return new Fixture(repo, repo, repo.auditTrail());
 *     }
 * }
 * }</pre>
 *
 * The tests use only the SPI and the {@code TaskStore} API, never an implementation's internals,
 * and the injected {@link ManualClock} as the only source of time. Published as escalation-testkit.
 */
public abstract class WorkflowRepositoryContract {

    /** Where the clock stands when each test starts. */
    protected static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    /** The lease every claim in these tests asks for. */
    protected static final Duration LEASE = Duration.ofMinutes(5);

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
        public Fixture {}

        public Fixture(WorkflowRepository repository, TaskStore store, AuditTrail audit) {
            this(repository, store, audit, () -> {});
        }
    }

    /**
     * Returns a new, empty repository whose host-side changes are timed by {@code clock} and whose
     * task store accepts only what {@code rules} allow. Called before each test (with
     * {@link TaskRules#none()}), and by tests of the rules.
     */
    protected abstract Fixture createFixture(ManualClock clock, TaskRules rules);

    protected final ManualClock clock = ManualClock.at(START);
    protected WorkflowRepository repository;
    protected TaskStore store;
    protected AuditTrail audit;
    private Fixture fixture;

    @BeforeEach
    void createRepository() {
        fixture = createFixture(clock, TaskRules.none());
        repository = fixture.repository();
        store = fixture.store();
        audit = fixture.audit();
    }

    @AfterEach
    void closeRepository() throws Exception {
        fixture.onClose().close();
    }

    @Nested
    class ClaimingDueTasks {

        @Test
        void returns_a_task_from_the_instant_of_its_next_check() {
            WorkflowTask task = open("PO-1");
            record(reschedule(task, START.plus(Duration.ofHours(22))));

            clock.set(START.plus(Duration.ofHours(22)).minusSeconds(1));
            assertThat(claim(10)).isEmpty();

            clock.set(START.plus(Duration.ofHours(22)));
            assertThat(ids(claim(10))).containsExactly("PO-1");
        }

        @Test
        void returns_due_tasks_oldest_next_check_first() {
            open("PO-C");
            clock.advance(Duration.ofMinutes(1));
            open("PO-A");
            clock.advance(Duration.ofMinutes(1));
            open("PO-B");

            assertThat(ids(claim(10))).containsExactly("PO-C", "PO-A", "PO-B");
        }

        @Test
        void returns_at_most_the_limit_and_leaves_the_rest_for_the_next_claim() {
            open("PO-1");
            clock.advance(Duration.ofSeconds(1));
            open("PO-2");
            clock.advance(Duration.ofSeconds(1));
            open("PO-3");

            assertThat(ids(claim(2))).containsExactly("PO-1", "PO-2");
            assertThat(ids(claim(2))).containsExactly("PO-3");
        }

        @Test
        void does_not_return_completed_cancelled_or_held_tasks() {
            open("PO-open");
            open("PO-completed");
            open("PO-cancelled");
            open("PO-held");
            store.complete("PO-completed");
            store.cancel("PO-cancelled");
            store.hold("PO-held");

            assertThat(ids(claim(10))).containsExactly("PO-open");
        }

        @Test
        void returns_the_task_as_stored_with_its_version() {
            open("PO-1");
            WorkflowTask stored = store.find("PO-1").orElseThrow();

            assertThat(claim(10)).containsExactly(stored);
        }

        @Test
        void hides_claimed_tasks_from_other_claims_until_the_lease_ends() {
            open("PO-1");
            assertThat(ids(claimAs("runner-a", 10))).containsExactly("PO-1");

            clock.advance(LEASE.minusSeconds(1));
            assertThat(claimAs("runner-b", 10)).isEmpty();

            clock.advance(Duration.ofSeconds(2));
            assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-1");
        }

        @Test
        void a_lease_hides_only_the_claimed_tasks() {
            open("PO-1");
            open("PO-2");
            assertThat(ids(claim(1))).containsExactly("PO-1");

            assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-2");
        }

        @Test
        void claims_only_tasks_of_the_requested_tenants() {
            store.open(newTask("PO-acme").withTenant("acme"));
            store.open(newTask("PO-globex").withTenant("globex"));
            store.open(newTask("PO-none"));

            List<WorkflowTask> claimed = repository.claimDue(scope(Set.of("acme")), 10);

            assertThat(ids(claimed)).containsExactly("PO-acme");
        }

        @Test
        void claims_tasks_of_every_tenant_when_no_tenant_is_requested() {
            store.open(newTask("PO-acme").withTenant("acme"));
            store.open(newTask("PO-none"));

            assertThat(ids(claim(10))).containsExactlyInAnyOrder("PO-acme", "PO-none");
        }

        @Test
        void tasks_of_other_tenants_stay_claimable_for_their_own_runner() {
            store.open(newTask("PO-acme").withTenant("acme"));
            store.open(newTask("PO-globex").withTenant("globex"));
            repository.claimDue(scope(Set.of("acme")), 10);

            assertThat(ids(repository.claimDue(scope(Set.of("globex")), 10))).containsExactly("PO-globex");
        }
    }

    @Nested
    class RecordingTransitions {

        @Test
        void applies_a_transition_at_the_expected_version_and_bumps_the_version() {
            WorkflowTask task = open("PO-1");
            EscalationState state = escalated(task, 1, START.plus(Duration.ofHours(24)));

            List<String> applied = repository.record(scope(), List.of(transition(task, "dora", state, List.of())));

            assertThat(applied).containsExactly("PO-1");
            WorkflowTask stored = store.find("PO-1").orElseThrow();
            assertThat(stored.version()).isEqualTo(task.version() + 1);
            assertThat(stored.assignee()).isEqualTo("dora");
            assertThat(stored.escalation()).isEqualTo(state);
        }

        @Test
        void rejects_a_transition_planned_on_a_stale_version() {
            WorkflowTask task = open("PO-1");
            store.changePriority("PO-1", "P1");
            WorkflowTask changed = store.find("PO-1").orElseThrow();

            List<String> applied =
                    repository.record(scope(), List.of(transition(task, "dora", escalated(task, 1, START), List.of())));

            assertThat(applied).isEmpty();
            assertThat(store.find("PO-1")).contains(changed);
        }

        @Test
        void a_second_transition_from_the_same_version_loses_the_race() {
            WorkflowTask task = open("PO-1");
            record(transition(task, "dora", escalated(task, 1, START), List.of()));

            List<String> applied =
                    repository.record(scope(), List.of(transition(task, "erin", escalated(task, 1, START), List.of())));

            assertThat(applied).isEmpty();
            assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        }

        @Test
        void rejects_a_transition_for_a_completed_task() {
            WorkflowTask task = open("PO-1");
            WorkflowTask completed = store.complete("PO-1");

            List<String> applied =
                    repository.record(scope(), List.of(reschedule(task, START.plus(Duration.ofHours(1)))));

            assertThat(applied).isEmpty();
            assertThat(store.find("PO-1")).contains(completed);
        }

        @Test
        void rejects_a_transition_for_a_held_task_even_at_its_current_version() {
            open("PO-1");
            WorkflowTask held = store.hold("PO-1");

            List<String> applied =
                    repository.record(scope(), List.of(reschedule(held, START.plus(Duration.ofHours(1)))));

            assertThat(applied).isEmpty();
            assertThat(store.find("PO-1")).contains(held);
        }

        @Test
        void ignores_a_transition_for_an_unknown_task() {
            WorkflowTask ghost = WorkflowTask.builder("PO-ghost")
                    .workflowType("purchase-order")
                    .stage("Manager Approval")
                    .assignee("alice")
                    .slaStart(START)
                    .version(1)
                    .build();

            assertThat(repository.record(scope(), List.of(reschedule(ghost, START))))
                    .isEmpty();
            assertThat(store.find("PO-ghost")).isEmpty();
        }

        @Test
        void applies_the_matching_transitions_of_a_batch_and_reports_only_those() {
            WorkflowTask first = open("PO-1");
            WorkflowTask second = open("PO-2");
            WorkflowTask third = open("PO-3");
            store.changePriority("PO-2", "P1");

            List<String> applied = repository.record(
                    scope(),
                    List.of(
                            reschedule(first, START.plus(Duration.ofHours(1))),
                            reschedule(second, START.plus(Duration.ofHours(1))),
                            reschedule(third, START.plus(Duration.ofHours(1)))));

            assertThat(applied).containsExactlyInAnyOrder("PO-1", "PO-3");
        }

        @Test
        void recording_releases_the_claim() {
            open("PO-1");
            WorkflowTask claimed = claim(10).get(0);

            record(reschedule(claimed, START));

            assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-1");
        }

        @Test
        void a_recorded_next_check_decides_when_the_task_is_due_again() {
            WorkflowTask claimed = claimOne(open("PO-1"));
            record(reschedule(claimed, START.plus(Duration.ofHours(3))));

            clock.set(START.plus(Duration.ofHours(3)).minusSeconds(1));
            assertThat(claim(10)).isEmpty();
            clock.set(START.plus(Duration.ofHours(3)));
            assertThat(ids(claim(10))).containsExactly("PO-1");
        }

        @Test
        void a_task_with_nothing_left_to_check_is_never_claimed_again() {
            WorkflowTask claimed = claimOne(open("PO-1"));

            record(transition(
                    claimed, claimed.assignee(), claimed.escalation().withNextCheckAt(Optional.empty()), List.of()));

            clock.advance(Duration.ofDays(365));
            assertThat(claim(10)).isEmpty();
            assertThat(repository.nextDueAt(scope())).isEmpty();
        }
    }

    @Nested
    class Outbox {

        @Test
        void stores_the_notifications_of_a_recorded_transition_and_hands_them_out_after_the_run_lets_go() {
            WorkflowTask task = claimOne(open("PO-1"));
            Notification warning = notification("PO-1/0/WARNING/1/assignee", task);
            Instant redeliverAfter = START.plus(LEASE); // the recording run's lease

            record(transition(task, task.assignee(), task.escalation(), List.of(warning)));

            assertThat(claimNotifications(10)).isEmpty();
            clock.set(redeliverAfter);
            assertThat(claimNotifications(10)).singleElement().satisfies(p -> {
                assertThat(p.notification()).isEqualTo(warning);
                assertThat(p.attempts()).isZero();
            });
        }

        @Test
        void does_not_store_the_notifications_of_a_rejected_transition() {
            WorkflowTask task = open("PO-1");
            store.changePriority("PO-1", "P1");

            repository.record(
                    scope(),
                    List.of(transition(
                            task,
                            task.assignee(),
                            task.escalation(),
                            List.of(notification("PO-1/0/WARNING/1/assignee", task)))));

            clock.advance(Duration.ofDays(1));
            assertThat(claimNotifications(10)).isEmpty();
        }

        @Test
        void stores_a_notification_key_only_once() {
            WorkflowTask task = open("PO-1");
            Notification warning = notification("PO-1/0/WARNING/1/assignee", task);
            recordDueNow(transition(task, task.assignee(), task.escalation(), List.of(warning)));
            WorkflowTask next = store.find("PO-1").orElseThrow();

            recordDueNow(transition(next, next.assignee(), next.escalation(), List.of(warning)));

            assertThat(claimNotifications(10)).hasSize(1);
        }

        @Test
        void hides_claimed_notifications_from_other_claims_until_the_lease_ends() {
            storeNotifications("PO-1", "PO-1/0/WARNING/1/assignee");
            assertThat(claimNotifications(10)).hasSize(1);

            clock.advance(LEASE.minusSeconds(1));
            assertThat(claimNotifications(10)).isEmpty();

            clock.advance(Duration.ofSeconds(2));
            assertThat(claimNotifications(10)).hasSize(1);
        }

        @Test
        void hands_out_due_notifications_oldest_first_up_to_the_limit() {
            storeNotifications("PO-1", "PO-1/0/WARNING/1/assignee");
            clock.advance(Duration.ofMinutes(1));
            storeNotifications("PO-2", "PO-2/0/WARNING/1/assignee");
            clock.advance(Duration.ofMinutes(1));
            storeNotifications("PO-3", "PO-3/0/WARNING/1/assignee");

            assertThat(keys(claimNotifications(2)))
                    .containsExactly("PO-1/0/WARNING/1/assignee", "PO-2/0/WARNING/1/assignee");
            assertThat(keys(claimNotifications(2))).containsExactly("PO-3/0/WARNING/1/assignee");
        }

        @Test
        void a_delivered_notification_is_never_handed_out_again() {
            PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");

            repository.recordDeliveries(scope(), List.of(DeliveryOutcome.delivered(key(pending), 0, clock.now())));

            clock.advance(Duration.ofDays(30));
            assertThat(claimNotifications(10)).isEmpty();
        }

        @Test
        void a_failed_notification_is_handed_out_again_at_its_next_attempt_with_its_attempt_count() {
            PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
            Instant retryAt = clock.now().plus(Duration.ofMinutes(2));

            repository.recordDeliveries(
                    scope(), List.of(DeliveryOutcome.retry(key(pending), 1, retryAt, "smtp down", clock.now())));

            clock.set(retryAt.minusSeconds(1));
            assertThat(claimNotifications(10)).isEmpty();
            clock.set(retryAt);
            assertThat(claimNotifications(10)).singleElement().satisfies(p -> {
                assertThat(key(p)).isEqualTo("PO-1/0/WARNING/1/assignee");
                assertThat(p.attempts()).isEqualTo(1);
            });
        }

        @Test
        void a_given_up_notification_is_never_handed_out_again() {
            PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");

            repository.recordDeliveries(
                    scope(), List.of(DeliveryOutcome.givenUp(key(pending), 6, "smtp down", clock.now())));

            clock.advance(Duration.ofDays(30));
            assertThat(claimNotifications(10)).isEmpty();
        }

        @Test
        void hands_out_only_notifications_of_the_requested_tenants() {
            WorkflowTask acme = store.open(newTask("PO-acme").withTenant("acme"));
            WorkflowTask globex = store.open(newTask("PO-globex").withTenant("globex"));
            recordDueNow(transition(
                    acme,
                    acme.assignee(),
                    acme.escalation(),
                    List.of(notification("PO-acme/0/WARNING/1/assignee", acme))));
            recordDueNow(transition(
                    globex,
                    globex.assignee(),
                    globex.escalation(),
                    List.of(notification("PO-globex/0/WARNING/1/assignee", globex))));

            List<PendingNotification> claimed = repository.claimNotifications(scope(Set.of("acme")), 10);

            assertThat(keys(claimed)).containsExactly("PO-acme/0/WARNING/1/assignee");
        }

        @Test
        void notifications_survive_the_completion_of_their_task() {
            storeNotifications("PO-1", "PO-1/0/ESCALATION/1/new-assignee");
            store.complete("PO-1");

            assertThat(keys(claimNotifications(10))).containsExactly("PO-1/0/ESCALATION/1/new-assignee");
        }
    }

    @Nested
    class NextDueAt {

        @Test
        void is_empty_when_nothing_is_stored() {
            assertThat(repository.nextDueAt(scope())).isEmpty();
        }

        @Test
        void is_the_earliest_next_check_of_an_open_task() {
            WorkflowTask first = open("PO-1");
            WorkflowTask second = open("PO-2");
            record(reschedule(first, START.plus(Duration.ofHours(5))));
            record(reschedule(second, START.plus(Duration.ofHours(3))));

            assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofHours(3)));
        }

        @Test
        void ignores_completed_and_held_tasks() {
            WorkflowTask open = open("PO-open");
            record(reschedule(open, START.plus(Duration.ofHours(5))));
            open("PO-completed");
            open("PO-held");
            store.complete("PO-completed");
            store.hold("PO-held");

            assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofHours(5)));
        }

        @Test
        void includes_a_notification_retry_that_falls_due_before_any_task() {
            PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
            WorkflowTask task = store.find("PO-1").orElseThrow();
            record(reschedule(task, START.plus(Duration.ofHours(5))));
            Instant retryAt = START.plus(Duration.ofMinutes(2));

            repository.recordDeliveries(
                    scope(), List.of(DeliveryOutcome.retry(key(pending), 1, retryAt, "smtp down", START)));

            assertThat(repository.nextDueAt(scope())).contains(retryAt);
        }

        @Test
        void leaves_out_tasks_of_tenants_outside_the_scope() {
            WorkflowTask acme = store.open(newTask("PO-acme").withTenant("acme"));
            record(reschedule(acme, START.plus(Duration.ofHours(5))));
            store.open(newTask("PO-globex").withTenant("globex"));

            assertThat(repository.nextDueAt(scope(Set.of("acme")))).contains(START.plus(Duration.ofHours(5)));
            assertThat(repository.nextDueAt(scope(Set.of("globex")))).contains(START);
        }

        @Test
        void leaves_out_notifications_of_tenants_outside_the_scope() {
            WorkflowTask globex = store.open(newTask("PO-globex").withTenant("globex"));
            recordDueNow(transition(
                    globex,
                    globex.assignee(),
                    globex.escalation().withNextCheckAt(Optional.empty()),
                    List.of(notification("PO-globex/0/WARNING/1/assignee", globex))));

            assertThat(repository.nextDueAt(scope(Set.of("acme")))).isEmpty();
            assertThat(repository.nextDueAt(scope(Set.of("globex")))).contains(START);
        }

        @Test
        void counts_a_task_that_another_run_holds_at_the_end_of_its_lease() {
            open("PO-1");
            claimAs("runner-b", 10);

            assertThat(repository.nextDueAt(scope())).contains(START.plus(LEASE));
        }

        @Test
        void counts_a_held_task_at_its_lease_end_only_while_an_unheld_task_is_not_due_earlier() {
            open("PO-held");
            claimAs("runner-b", 10);
            clock.advance(Duration.ofMinutes(1));
            open("PO-free");

            assertThat(repository.nextDueAt(scope())).contains(START.plus(Duration.ofMinutes(1)));
        }

        @Test
        void counts_a_task_whose_lease_expired_at_its_next_check() {
            open("PO-1");
            claimAs("runner-b", 10);
            clock.set(START.plus(LEASE).plusSeconds(1));

            assertThat(repository.nextDueAt(scope())).contains(START);
        }

        @Test
        void forgets_delivered_notifications() {
            PendingNotification pending = storeAndClaim("PO-1/0/WARNING/1/assignee");
            store.complete("PO-1");

            repository.recordDeliveries(scope(), List.of(DeliveryOutcome.delivered(key(pending), 0, START)));

            assertThat(repository.nextDueAt(scope())).isEmpty();
        }
    }

    @Nested
    class OwningTheAudit {

        @Test
        void stores_the_audit_entries_of_an_applied_transition() {
            WorkflowTask task = claimOne(open("PO-1"));
            AuditEntry warned = entry(task, AuditType.WARNING_SENT);

            record(withAudit(task, warned));

            assertThat(audit.entriesFor("PO-1"))
                    .extracting(AuditEntry::type)
                    .containsExactly(AuditType.TASK_OPENED, AuditType.WARNING_SENT);
            assertThat(audit.entriesOf(AuditType.WARNING_SENT)).containsExactly(warned);
        }

        @Test
        void stores_nothing_of_a_transition_that_lost_its_race() {
            WorkflowTask stale = open("PO-1");
            store.reassign("PO-1", "bob");

            assertThat(repository.record(scope(), List.of(withAudit(stale, entry(stale, AuditType.WARNING_SENT)))))
                    .isEmpty();

            assertThat(audit.entriesOf(AuditType.WARNING_SENT)).isEmpty();
        }

        @Test
        void stores_entries_that_belong_to_no_transition() {
            WorkflowTask task = open("PO-1");
            AuditEntry givenUp = entry(task, AuditType.NOTIFICATION_GIVEN_UP);

            repository.appendAudit(scope(), List.of(givenUp));

            assertThat(audit.entriesOf(AuditType.NOTIFICATION_GIVEN_UP)).containsExactly(givenUp);
        }

        @Test
        void audits_every_change_the_host_makes() {
            open("PO-1");
            store.reassign("PO-1", "bob");
            store.hold("PO-1");
            store.resume("PO-1");
            store.changePriority("PO-1", "P1");
            store.changeStage("PO-1", "Finance Approval", "fiona", clock.now());
            store.complete("PO-1");

            assertThat(audit.entriesFor("PO-1"))
                    .extracting(AuditEntry::type)
                    .containsExactly(
                            AuditType.TASK_OPENED,
                            AuditType.TASK_REASSIGNED,
                            AuditType.TASK_HELD,
                            AuditType.TASK_RESUMED,
                            AuditType.PRIORITY_CHANGED,
                            AuditType.STAGE_CHANGED,
                            AuditType.TASK_COMPLETED);
        }

        private StepTransition withAudit(WorkflowTask task, AuditEntry entry) {
            return new StepTransition(
                    task.id(), task.version(), task.assignee(), task.escalation(), List.of(entry), List.of());
        }

        private AuditEntry entry(WorkflowTask task, AuditType type) {
            return new AuditEntry(
                    "entry-" + type + "-" + task.id(),
                    type,
                    task.id(),
                    task.tenant(),
                    clock.now(),
                    "runner-a",
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of("reason", "contract"));
        }
    }

    @Nested
    class OneClock {

        @Test
        void the_repository_reads_the_clock_that_times_the_hosts_changes() {
            clock.set(START.plus(Duration.ofHours(3)));

            assertThat(repository.clock().now()).isEqualTo(clock.now());
        }

        @Test
        void a_host_change_is_timed_by_that_clock() {
            clock.set(START.plus(Duration.ofHours(3)));

            open("PO-1");

            assertThat(audit.entriesOf(AuditType.TASK_OPENED))
                    .singleElement()
                    .extracting(AuditEntry::occurredAt)
                    .isEqualTo(START.plus(Duration.ofHours(3)));
        }

        @Test
        void the_engine_reads_the_repositorys_clock() {
            EscalationEngine engine = EscalationEngine.builder()
                    .repository(repository)
                    .policy(SlaPolicy.builder("Manager Approval")
                            .sla(Duration.ofHours(24))
                            .escalateTo(EscalationTarget.user("dora"))
                            .build())
                    .build();
            clock.set(START.plus(Duration.ofHours(3)));

            assertThat(engine.runOnce().startedAt()).isEqualTo(START.plus(Duration.ofHours(3)));
        }
    }

    @Nested
    class CountingSla {

        @Test
        void counts_active_tasks_by_where_they_stand_against_their_sla() {
            assumeTrue(repository.slaCounts(scopeAt(START)).isPresent(), "this repository does not count SLA status");
            Duration hours = Duration.ofHours(1);
            record(withSla(open("PO-ok"), START.plus(hours.multipliedBy(30)), START.plus(hours.multipliedBy(32))));
            record(withSla(open("PO-near"), START.plus(hours.multipliedBy(22)), START.plus(hours.multipliedBy(24))));
            record(withSla(open("PO-breached"), START, START.plus(hours)));
            record(withSla(open("PO-held"), START, START.plus(hours)));
            record(withSla(open("PO-done"), START, START.plus(hours)));
            store.hold("PO-held");
            store.complete("PO-done");

            Optional<SlaCounts> counts = repository.slaCounts(scopeAt(START.plus(hours.multipliedBy(23))));

            assertThat(counts).contains(new SlaCounts(4, 1, 1, 1));
        }

        private StepTransition withSla(WorkflowTask task, Instant warningAt, Instant deadline) {
            return transition(
                    task,
                    task.assignee(),
                    new EscalationState(
                            0,
                            Optional.empty(),
                            0,
                            0,
                            Optional.empty(),
                            0,
                            Optional.empty(),
                            Optional.of(warningAt),
                            Optional.of(deadline),
                            Optional.of(warningAt)),
                    List.of());
        }
    }

    @Nested
    class HostChanges {

        @Test
        void opening_a_task_stores_it_open_at_its_first_version_and_due_now() {
            clock.advance(Duration.ofMinutes(30));
            WorkflowTask task = store.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START)
                    .withPriority("P1")
                    .withTenant("acme")
                    .withAttributes(Map.of("department", "finance")));

            assertThat(store.find("PO-1")).contains(task);
            assertThat(task.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(task.slaStart()).isEqualTo(START);
            assertThat(task.priority()).isEqualTo("P1");
            assertThat(task.tenant()).contains("acme");
            assertThat(task.attributes()).containsEntry("department", "finance");
            assertThat(task.escalation().cycle()).isZero();
            assertThat(task.escalation().level()).isZero();
            assertThat(task.escalation().nextCheckAt()).contains(clock.now());
            assertThat(ids(claim(10))).containsExactly("PO-1");
        }

        @Test
        void opening_a_task_twice_is_rejected_and_keeps_the_first() {
            WorkflowTask first = open("PO-1");

            assertThatThrownBy(() -> store.open(NewTask.of("PO-1", "purchase-order", "Finance Review", "bob", START)))
                    .isInstanceOf(DuplicateTaskException.class)
                    .hasMessageContaining("PO-1");
            assertThat(store.find("PO-1")).contains(first);
        }

        @Test
        void opening_a_task_whose_sla_starts_in_the_future_is_rejected() {
            assertThatThrownBy(() -> store.open(
                            NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START.plusSeconds(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("slaStart")
                    .hasMessageContaining(START.plusSeconds(1).toString());
            assertThat(store.find("PO-1")).isEmpty();
        }

        @Test
        void finding_an_unknown_task_is_empty() {
            assertThat(store.find("PO-404")).isEmpty();
        }

        @Test
        void changing_an_unknown_task_is_rejected_naming_it() {
            assertThatThrownBy(() -> store.complete("PO-404"))
                    .isInstanceOf(TaskNotFoundException.class)
                    .hasMessageContaining("PO-404");
            assertThatThrownBy(() -> store.cancel("PO-404")).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> store.reassign("PO-404", "bob")).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> store.changeStage("PO-404", "Finance", "bob", START))
                    .isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> store.changePriority("PO-404", "P1")).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> store.hold("PO-404")).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> store.resume("PO-404")).isInstanceOf(TaskNotFoundException.class);
        }

        @Test
        void completing_stops_the_task_and_bumps_its_version() {
            WorkflowTask task = open("PO-1");

            WorkflowTask completed = store.complete("PO-1");

            assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(completed.version()).isGreaterThan(task.version());
            assertThat(completed.escalation().nextCheckAt()).isEmpty();
            assertThat(store.find("PO-1")).contains(completed);
        }

        @Test
        void completing_a_completed_task_changes_nothing() {
            open("PO-1");
            WorkflowTask completed = store.complete("PO-1");

            assertThat(store.complete("PO-1")).isEqualTo(completed);
            assertThat(store.find("PO-1")).contains(completed);
        }

        @Test
        void cancelling_stops_the_task_and_cancelling_again_changes_nothing() {
            open("PO-1");

            WorkflowTask cancelled = store.cancel("PO-1");

            assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(store.cancel("PO-1")).isEqualTo(cancelled);
        }

        @Test
        void a_finished_task_cannot_be_completed_cancelled_reassigned_moved_or_held() {
            open("PO-1");
            store.cancel("PO-1");

            assertThatThrownBy(() -> store.complete("PO-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PO-1")
                    .hasMessageContaining("CANCELLED");
            assertThatThrownBy(() -> store.reassign("PO-1", "bob")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.changeStage("PO-1", "Finance", "bob", clock.now()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.changePriority("PO-1", "P1")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.hold("PO-1")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.resume("PO-1")).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void completing_a_held_task_ends_its_hold() {
            open("PO-1");
            store.hold("PO-1");
            clock.advance(Duration.ofHours(1));

            WorkflowTask completed = store.complete("PO-1");

            assertThat(completed.holds()).containsExactly(Hold.between(START, START.plus(Duration.ofHours(1))));
        }

        @Test
        void reassigning_restarts_escalation_in_a_new_cycle_from_now() {
            WorkflowTask task = open("PO-1");
            record(transition(task, "dora", escalated(task, 1, START.plus(Duration.ofHours(1))), List.of()));
            clock.set(START.plus(Duration.ofHours(30)));

            WorkflowTask reassigned = store.reassign("PO-1", "bob");

            assertThat(reassigned.assignee()).isEqualTo("bob");
            assertThat(reassigned.slaStart()).isEqualTo(clock.now());
            assertThat(reassigned.escalation()).isEqualTo(EscalationState.initial(1, clock.now()));
            assertThat(reassigned.version()).isEqualTo(task.version() + 2);
            assertThat(store.find("PO-1")).contains(reassigned);
        }

        @Test
        void reassigning_to_a_blank_assignee_is_rejected() {
            WorkflowTask task = open("PO-1");

            assertThatThrownBy(() -> store.reassign("PO-1", " "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("assignee");
            assertThat(store.find("PO-1")).contains(task);
        }

        @Test
        void changing_the_stage_restarts_escalation_from_when_the_stage_was_entered() {
            open("PO-1");
            clock.set(START.plus(Duration.ofHours(5)));
            Instant entered = START.plus(Duration.ofHours(4));

            WorkflowTask moved = store.changeStage("PO-1", "Finance Review", "fred", entered);

            assertThat(moved.stage()).isEqualTo("Finance Review");
            assertThat(moved.assignee()).isEqualTo("fred");
            assertThat(moved.slaStart()).isEqualTo(entered);
            assertThat(moved.escalation().cycle()).isEqualTo(1);
            assertThat(moved.escalation().nextCheckAt()).contains(clock.now());
        }

        @Test
        void changing_the_stage_to_one_entered_in_the_future_is_rejected() {
            WorkflowTask task = open("PO-1");

            assertThatThrownBy(() -> store.changeStage("PO-1", "Finance Review", "fred", START.plusSeconds(60)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("enteredAt");
            assertThat(store.find("PO-1")).contains(task);
        }

        @Test
        void changing_the_priority_keeps_the_cycle_and_makes_the_task_due_now() {
            WorkflowTask task = claimOne(open("PO-1"));
            record(transition(task, "dora", escalated(task, 1, START.plus(Duration.ofHours(9))), List.of()));
            clock.advance(Duration.ofHours(1));

            WorkflowTask changed = store.changePriority("PO-1", "P1");

            assertThat(changed.priority()).isEqualTo("P1");
            assertThat(changed.slaStart()).isEqualTo(START);
            assertThat(changed.escalation().cycle()).isZero();
            assertThat(changed.escalation().level()).isEqualTo(1);
            assertThat(changed.escalation().nextCheckAt()).contains(clock.now());
            assertThat(ids(claim(10))).containsExactly("PO-1");
        }

        @Test
        void holding_pauses_the_task_until_it_is_resumed() {
            open("PO-1");
            clock.advance(Duration.ofHours(1));

            WorkflowTask held = store.hold("PO-1");

            assertThat(held.status()).isEqualTo(TaskStatus.ON_HOLD);
            assertThat(held.holds()).containsExactly(Hold.since(clock.now()));
            clock.advance(Duration.ofDays(10));
            assertThat(claim(10)).isEmpty();
        }

        @Test
        void resuming_records_the_hold_and_makes_the_task_due_now() {
            open("PO-1");
            clock.advance(Duration.ofHours(1));
            store.hold("PO-1");
            clock.advance(Duration.ofHours(3));

            WorkflowTask resumed = store.resume("PO-1");

            assertThat(resumed.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(resumed.holds())
                    .containsExactly(Hold.between(START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(4))));
            assertThat(resumed.escalation().nextCheckAt()).contains(clock.now());
            assertThat(ids(claim(10))).containsExactly("PO-1");
        }

        @Test
        void holding_a_held_task_or_resuming_an_open_one_is_rejected() {
            open("PO-1");
            assertThatThrownBy(() -> store.resume("PO-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PO-1")
                    .hasMessageContaining("OPEN");

            store.hold("PO-1");
            assertThatThrownBy(() -> store.hold("PO-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ON_HOLD");
        }

        @Test
        void every_change_bumps_the_version_so_that_planned_steps_go_stale() {
            WorkflowTask opened = open("PO-1");
            long v1 = store.changePriority("PO-1", "P1").version();
            long v2 = store.hold("PO-1").version();
            long v3 = store.resume("PO-1").version();
            long v4 = store.reassign("PO-1", "bob").version();
            long v5 = store.changeStage("PO-1", "Finance Review", "fred", clock.now())
                    .version();
            long v6 = store.complete("PO-1").version();

            assertThat(List.of(opened.version(), v1, v2, v3, v4, v5, v6))
                    .isSorted()
                    .doesNotHaveDuplicates();
        }

        @Test
        void a_host_change_releases_the_claim_of_a_running_evaluation() {
            claimOne(open("PO-1"));

            store.changePriority("PO-1", "P1");

            assertThat(ids(claimAs("runner-b", 10))).containsExactly("PO-1");
        }
    }

    /**
     * Bad input at the host's API: a clear error that names the field and the value, and nothing
     * stored - the task, its claim and the outbox stay as they were.
     */
    @Nested
    class RejectingBadInput {

        @Test
        void a_task_without_an_assignee_is_rejected_naming_the_field() {
            assertThatThrownBy(() -> store.open(new NewTask(
                            "PO-1",
                            "purchase-order",
                            "Manager Approval",
                            null,
                            "normal",
                            Optional.empty(),
                            START,
                            Map.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("assignee must not be blank, but was null");
            assertThat(store.find("PO-1")).isEmpty();
        }

        @Test
        void no_task_at_all_is_rejected() {
            assertThatThrownBy(() -> store.open(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("task must not be null");
        }

        @Test
        void a_task_whose_sla_starts_in_the_future_is_rejected_and_not_claimable() {
            assertThatThrownBy(() -> store.open(
                            NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START.plusSeconds(60))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("slaStart")
                    .hasMessageContaining("in the future");
            clock.advance(Duration.ofDays(1));

            assertThat(store.find("PO-1")).isEmpty();
            assertThat(claim(10)).isEmpty();
        }

        @Test
        void a_duplicate_id_is_rejected_and_the_first_task_keeps_its_state_and_its_claim() {
            WorkflowTask first = claimOne(open("PO-1"));

            assertThatThrownBy(() -> store.open(NewTask.of("PO-1", "purchase-order", "Finance Review", "bob", START)
                            .withPriority("P1")))
                    .isInstanceOf(DuplicateTaskException.class)
                    .hasMessageContaining("PO-1");

            assertThat(store.find("PO-1")).contains(first);
            assertThat(claimAs("runner-b", 10)).as("still claimed by runner-a").isEmpty();
        }

        @Test
        void a_priority_the_store_does_not_allow_is_rejected_naming_the_allowed_ones() throws Exception {
            Fixture strict = createFixture(clock, TaskRules.priorities("P1", "P2", "P3"));
            try {
                assertThatThrownBy(() -> strict.store().open(newTask("PO-1").withPriority("urgent")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("priority must be one of [P1, P2, P3], but was 'urgent'");
                assertThat(strict.store().find("PO-1")).isEmpty();

                WorkflowTask opened = strict.store().open(newTask("PO-2").withPriority("P2"));
                assertThatThrownBy(() -> strict.store().changePriority("PO-2", "P9"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'P9'");
                assertThat(strict.store().find("PO-2")).contains(opened);
            } finally {
                strict.onClose().close();
            }
        }

        @Test
        void a_missing_or_blank_task_id_is_rejected_by_every_call() {
            for (String id : Arrays.asList(null, "", "  ")) {
                assertThatThrownBy(() -> store.find(id))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("taskId");
                assertThatThrownBy(() -> store.complete(id))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("taskId");
                assertThatThrownBy(() -> store.cancel(id))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("taskId");
                assertThatThrownBy(() -> store.reassign(id, "bob"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("taskId");
                assertThatThrownBy(() -> store.hold(id))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("taskId");
            }
        }

        @Test
        void missing_values_of_a_change_are_rejected_naming_them_and_change_nothing() {
            WorkflowTask task = open("PO-1");

            assertThatThrownBy(() -> store.reassign("PO-1", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("assignee must not be blank, but was null");
            assertThatThrownBy(() -> store.changeStage("PO-1", "Finance Review", null, START))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("assignee must not be blank, but was null");
            assertThatThrownBy(() -> store.changeStage("PO-1", " ", "fred", START))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stage must not be blank, but was ' '");
            assertThatThrownBy(() -> store.changeStage("PO-1", "Finance Review", "fred", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("enteredAt must not be null");
            assertThatThrownBy(() -> store.changePriority("PO-1", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("priority must not be blank, but was null");

            assertThat(store.find("PO-1")).contains(task);
        }
    }

    @Nested
    class WithTheEngine {

        private final RecordingNotifier notifier = new RecordingNotifier();
        private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .warnBefore(Duration.ofHours(2))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();

        private EscalationEngine engine() {
            return EscalationEngine.builder()
                    .repository(repository)
                    .policy(policy)
                    .notifier(notifier)
                    .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                    .build();
        }

        @Test
        void warns_escalates_and_stops_once_the_task_is_completed() {
            EscalationEngine engine = engine();
            open("PO-1");
            assertThat(engine.runOnce().stepsApplied()).isZero();

            clock.set(START.plus(Duration.ofHours(22)));
            assertThat(engine.runOnce().warnings()).isEqualTo(1);

            clock.set(START.plus(Duration.ofHours(24)));
            RunReport escalation = engine.runOnce();
            assertThat(escalation.escalations()).isEqualTo(1);
            assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");

            store.complete("PO-1");
            clock.set(START.plus(Duration.ofDays(10)));
            assertThat(engine.runOnce().stepsApplied()).isZero();

            assertThat(notifier.delivered())
                    .extracting(Notification::idempotencyKey)
                    .containsExactly(
                            "PO-1/0/WARNING/1/assignee",
                            "PO-1/0/ESCALATION/1/new-assignee",
                            "PO-1/0/ESCALATION/1/previous-assignee");
        }

        @Test
        void a_second_run_at_the_same_instant_changes_nothing() {
            EscalationEngine engine = engine();
            open("PO-1");
            clock.set(START.plus(Duration.ofHours(24)));
            engine.runOnce();
            WorkflowTask after = store.find("PO-1").orElseThrow();

            RunReport again = engine.runOnce();

            assertThat(again.tasksChecked()).isZero();
            assertThat(store.find("PO-1")).contains(after);
            assertThat(notifier.delivered()).hasSize(2);
        }

        @Test
        void two_engines_apply_each_step_once() {
            EscalationEngine first = engine();
            EscalationEngine second = engine();
            for (int i = 0; i < 20; i++) {
                open("PO-" + i);
            }
            clock.set(START.plus(Duration.ofHours(22)));

            int warnings = first.runOnce().warnings() + second.runOnce().warnings();

            assertThat(warnings).isEqualTo(20);
            assertThat(notifier.delivered(NotificationType.WARNING)).hasSize(20);
        }

        @Test
        void a_failed_notification_is_retried_through_the_outbox_and_delivered_once() {
            EscalationEngine engine = engine();
            open("PO-1");
            notifier.failWhen(n -> true);
            clock.set(START.plus(Duration.ofHours(22)));
            RunReport failed = engine.runOnce();
            assertThat(failed.notificationFailures()).isEqualTo(1);
            assertThat(failed.nextDueAt()).contains(clock.now().plus(Duration.ofMinutes(1)));

            notifier.recover();
            clock.advance(Duration.ofMinutes(1));
            RunReport retried = engine.runOnce();

            assertThat(retried.notificationsDelivered()).isEqualTo(1);
            assertThat(retried.warnings()).isZero();
            assertThat(notifier.delivered())
                    .extracting(Notification::idempotencyKey)
                    .containsExactly("PO-1/0/WARNING/1/assignee");
        }

        @Test
        void an_engine_limited_to_one_tenant_sleeps_until_its_own_next_step_while_another_tenant_has_due_work() {
            EscalationEngine acmeOnly = EscalationEngine.builder()
                    .repository(repository)
                    .policy(policy)
                    .notifier(notifier)
                    .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                    .tenants(Set.of("acme"))
                    .build();
            store.open(NewTask.of(
                            "PO-globex", "purchase-order", "Manager Approval", "gina", START.minus(Duration.ofDays(3)))
                    .withTenant("globex"));
            store.open(newTask("PO-acme").withTenant("acme"));

            // A host that schedules its next run at nextDueAt: from 09:00 to the escalation at 09:00 the
            // next day it runs at the start, at the warning and at the deadline, never spinning.
            List<Instant> runs = new ArrayList<>();
            while (clock.now().isBefore(START.plus(Duration.ofHours(25))) && runs.size() < 10) {
                runs.add(clock.now());
                RunReport report = acmeOnly.runOnce();
                clock.set(report.nextDueAt().orElse(START.plus(Duration.ofDays(30))));
            }

            assertThat(runs).containsExactly(START, START.plus(Duration.ofHours(22)), START.plus(Duration.ofHours(24)));
            assertThat(store.find("PO-globex").orElseThrow().escalation().level())
                    .isZero();
            assertThat(notifier.delivered()).extracting(Notification::taskId).containsOnly("PO-acme");
        }

        @Test
        void the_next_due_instant_is_the_next_step() {
            EscalationEngine engine = engine();
            open("PO-1");

            RunReport report = engine.runOnce();

            assertThat(report.nextDueAt()).contains(START.plus(Duration.ofHours(22)));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A plain task of the purchase-order workflow whose SLA starts now. */
    protected NewTask newTask(String id) {
        return NewTask.of(id, "purchase-order", "Manager Approval", "alice", clock.now());
    }

    protected WorkflowTask open(String id) {
        return store.open(newTask(id));
    }

    protected List<WorkflowTask> claim(int limit) {
        return claimAs("runner-a", limit);
    }

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

    protected StepTransition reschedule(WorkflowTask task, Instant nextCheckAt) {
        return transition(
                task, task.assignee(), task.escalation().withNextCheckAt(Optional.of(nextCheckAt)), List.of());
    }

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

    protected PendingNotification storeAndClaim(String key) {
        storeNotifications(key.substring(0, key.indexOf('/')), key);
        List<PendingNotification> claimed = claimNotifications(10);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    protected static List<String> ids(List<WorkflowTask> tasks) {
        return tasks.stream().map(WorkflowTask::id).toList();
    }

    protected static List<String> keys(List<PendingNotification> pending) {
        return pending.stream().map(WorkflowRepositoryContract::key).toList();
    }

    protected static String key(PendingNotification pending) {
        return pending.notification().idempotencyKey();
    }
}
