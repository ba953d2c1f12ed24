package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxStatus;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run claims and starts a delivery attempt only while a delivery timeout is left of its lease, so
 * it records nothing after the lease: what it claimed but could not attempt is handed back due at
 * once, unattempted. Each send here takes a whole timeout of the manual clock, the worst case.
 */
class EngineDeliveryLeaseTest {

    private static final Instant WARNED_AT = START.plus(hours(22));

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();
    /** Every write of a run, as "clock instant > lease end" checks: true means recorded past the lease. */
    private final List<String> writesPastLease = new CopyOnWriteArrayList<>();

    private final ForwardingWorkflowRepository watched = new ForwardingWorkflowRepository(world.tasks) {
        @Override
        public List<String> record(RunScope scope, List<StepTransition> transitions) {
            check("record", scope);
            return super.record(scope, transitions);
        }

        @Override
        public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
            check("claimNotifications", scope);
            return super.claimNotifications(scope, limit);
        }

        @Override
        public void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
            check("recordDeliveries", scope);
            super.recordDeliveries(scope, outcomes);
        }

        @Override
        public void appendAudit(RunScope scope, List<AuditEntry> entries) {
            check("appendAudit", scope);
            super.appendAudit(scope, entries);
        }

        @Override
        public List<WorkflowTask> claimDue(RunScope scope, int limit) {
            check("claimDue", scope);
            return super.claimDue(scope, limit);
        }

        private void check(String call, RunScope scope) {
            if (world.clock.now().isAfter(scope.leaseUntil())) {
                writesPastLease.add(call + " at " + world.clock.now() + ", lease until " + scope.leaseUntil());
            }
        }
    };

    private final EscalationEngine engine = EscalationEngine.builder()
            .repository(watched)
            .policy(policy)
            .notifier(n -> {
                world.clock.advance(minutes(1));
                world.notifier.send(n);
            })
            .claimLease(minutes(5))
            .deliveryTimeout(minutes(1))
            .deliveryParallelism(1)
            .build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void a_run_short_of_lease_records_nothing_after_it_and_hands_back_what_it_did_not_attempt() {
        for (int i = 1; i <= 6; i++) {
            world.open("PO-" + i);
        }
        world.clock.set(WARNED_AT);

        RunReport report = engine.runOnce();

        assertThat(writesPastLease).isEmpty();
        assertThat(report.warnings()).isEqualTo(6);
        assertThat(report.notificationsDelivered()).isEqualTo(5);
        assertThat(pending()).singleElement().satisfies(entry -> {
            assertThat(entry.attempts()).isZero();
            assertThat(entry.nextAttemptAt()).isEqualTo(WARNED_AT);
        });
    }

    @Test
    void what_a_run_handed_back_is_delivered_by_the_next_run() {
        for (int i = 1; i <= 6; i++) {
            world.open("PO-" + i);
        }
        world.clock.set(WARNED_AT);
        engine.runOnce();

        RunReport next = engine.runOnce();

        assertThat(next.notificationsDelivered()).isEqualTo(1);
        assertThat(pending()).isEmpty();
        assertThat(world.deliveredKeys()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void a_clock_that_fails_while_a_batch_is_delivered_fails_the_run_instead_of_holding_it() throws Exception {
        // given a repository whose clock (a database's, say) cannot be read once the first notification is sent
        AtomicBoolean clockDown = new AtomicBoolean();
        ForwardingWorkflowRepository failingClock = new ForwardingWorkflowRepository(world.tasks) {
            @Override
            public Clock clock() {
                Clock clock = super.clock();
                return () -> {
                    if (clockDown.get()) {
                        throw new IllegalStateException("the database clock cannot be read");
                    }
                    return clock.now();
                };
            }
        };
        EscalationEngine failing = EscalationEngine.builder()
                .repository(failingClock)
                .policy(policy)
                .notifier(n -> {
                    clockDown.set(true);
                    world.notifier.send(n);
                })
                .deliveryParallelism(1)
                .build();
        for (int i = 1; i <= 3; i++) {
            world.open("PO-" + i);
        }
        world.clock.set(WARNED_AT);
        ExecutorService scheduler = Executors.newSingleThreadExecutor();
        try {
            // when the run delivers its batch, on the host's scheduler thread, waited for boundedly
            Future<RunReport> run = scheduler.submit(failing::runOnce);

            // then the run fails with the clock's failure, having sent only the first
            assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(EscalationRunException.class)
                    .hasMessageContaining("the database clock cannot be read");
        } finally {
            scheduler.shutdownNow();
            failing.close();
        }
        assertThat(world.deliveredKeys()).hasSize(1);
    }

    private List<OutboxEntry> pending() {
        return world.tasks.outbox().stream()
                .filter(e -> e.status() == OutboxStatus.PENDING)
                .toList();
    }
}
