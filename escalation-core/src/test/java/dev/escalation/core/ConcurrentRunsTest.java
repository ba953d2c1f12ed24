package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several engines on several threads over one repository with a few thousand tasks: every step
 * happens exactly once, as the reference model says, however the runs and the host interleave.
 */
class ConcurrentRunsTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final int TASKS = 2_000;
    private static final int ENGINES = 4;

    private final ManualClock clock = ManualClock.at(START);
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock, audit);
    private final RecordingNotifier notifier = new RecordingNotifier();
    /** Warning 22 h, reminders 25 and 28 h, levels at 24 and 30 h, then up to 3 re-escalations 12 h apart. */
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofHours(3))
            .maxReminders(2)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), Duration.ofHours(6))
            .reEscalateEvery(Duration.ofHours(12))
            .maxReEscalations(3)
            .build();

    private final Map<String, Instant> slaStarts = new LinkedHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(ENGINES + 1);

    @BeforeEach
    void openTasksWhoseSlaStartedAtDifferentTimes() {
        Random random = new Random(42);
        for (int i = 0; i < TASKS; i++) {
            String id = "PO-" + i;
            Instant slaStart = START.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
            repository.open(NewTask.of(id, "purchase-order", "Manager Approval", "alice", slaStart));
            slaStarts.put(id, slaStart);
        }
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void engines_racing_at_each_instant_apply_every_step_once_and_deliver_every_notification_once() throws Exception {
        List<EscalationEngine> engines = engines(Duration.ofMinutes(5));
        List<Instant> runs = new ArrayList<>();
        Map<String, Integer> completedInRound = new HashMap<>();
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            clock.advance(Duration.ofMinutes(90 + random.nextInt(150)));
            List<String> completing = random.ints(12, 0, TASKS)
                    .mapToObj(i -> "PO-" + i)
                    .filter(id -> !completedInRound.containsKey(id))
                    .distinct()
                    .toList();
            int thisRound = round;
            completing.forEach(id -> completedInRound.put(id, thisRound));
            List<Callable<Void>> work = new ArrayList<>();
            for (EscalationEngine engine : engines) {
                work.add(() -> {
                    engine.runOnce();
                    engine.runOnce();
                    return null;
                });
            }
            work.add(() -> {
                completing.forEach(repository::complete); // the host acts while the engines run
                return null;
            });
            runTogether(work);
            runs.add(clock.now());
        }

        assertThat(stepKeys()).as("no step twice").doesNotHaveDuplicates();
        Map<String, Map<String, ReferenceModel.Happened>> actual = ReferenceModel.stepsIn(audit.entries());
        for (String id : slaStarts.keySet()) {
            Integer completed = completedInRound.get(id);
            ReferenceModel completedFirst = replay(id, runs, completed, true);
            if (completed == null) {
                assertThat(actual.getOrDefault(id, Map.of()))
                        .as("steps of %s", id)
                        .isEqualTo(completedFirst.steps());
            } else {
                ReferenceModel evaluatedFirst = replay(id, runs, completed, false);
                assertThat(actual.getOrDefault(id, Map.of()))
                        .as("steps of %s, completed in round %s", id, completed)
                        .isIn(completedFirst.steps(), evaluatedFirst.steps());
            }
        }
        List<String> delivered =
                notifier.delivered().stream().map(Notification::idempotencyKey).toList();
        assertThat(delivered).as("each notification delivered once").doesNotHaveDuplicates();
        // The host completes tasks while the engines run: a notification whose task was completed
        // before its delivery is withdrawn instead (issue #15), never both, and only for that reason.
        List<AuditEntry> withdrawn = audit.entriesOf(AuditType.NOTIFICATION_WITHDRAWN);
        List<String> withdrawnKeys =
                withdrawn.stream().map(e -> e.stepKey().orElseThrow()).toList();
        assertThat(withdrawnKeys).as("each notification withdrawn at most once").doesNotHaveDuplicates();
        assertThat(withdrawnKeys).as("delivered or withdrawn, never both").doesNotContainAnyElementsOf(delivered);
        assertThat(withdrawn).allSatisfy(e -> {
            assertThat(completedInRound).containsKey(e.taskId());
            assertThat(e.details()).containsEntry("reason", "task " + e.taskId() + " was completed");
        });
        Set<String> deliveredOrWithdrawn = new HashSet<>();
        delivered.forEach(key -> deliveredOrWithdrawn.add(stepOf(key)));
        withdrawnKeys.forEach(key -> deliveredOrWithdrawn.add(stepOf(key)));
        assertThat(deliveredOrWithdrawn)
                .as("notified steps delivered or, their task completed meanwhile, withdrawn; skipped ones never")
                .isEqualTo(notifiedSteps());
    }

    @Test
    void engines_racing_while_the_clock_moves_under_them_apply_every_step_exactly_once() throws Exception {
        // Leases shorter than the clock's steps: runs regularly claim tasks another run still holds,
        // and only the repository's version check keeps each step single.
        List<EscalationEngine> engines = engines(Duration.ofMinutes(2));
        List<Callable<Void>> work = new ArrayList<>();
        for (EscalationEngine engine : engines) {
            work.add(() -> {
                for (int i = 0; i < 120; i++) {
                    clock.advance(Duration.ofMinutes(5));
                    engine.runOnce();
                }
                return null;
            });
        }
        runTogether(work);
        clock.advance(Duration.ofHours(1));
        engines.get(0).runOnce();
        Instant end = clock.now();

        assertThat(stepKeys()).as("no step twice").doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        int breaches = 0;
        for (String id : slaStarts.keySet()) {
            ReferenceModel model = new ReferenceModel(id, policy);
            model.opened(slaStarts.get(id));
            model.ran(end);
            expected.addAll(model.steps().keySet());
            breaches += model.breaches();
        }
        assertThat(new HashSet<>(stepKeys()))
                .as("every step due by %s, none missing", end)
                .isEqualTo(expected);
        assertThat(audit.entriesOf(AuditType.SLA_BREACHED)).hasSize(breaches);
        assertThat(audit.entriesOf(AuditType.SLA_BREACHED).stream().map(AuditEntry::taskId))
                .doesNotHaveDuplicates();
        assertThat(notifier.delivered().stream()
                        .map(Notification::idempotencyKey)
                        .map(ConcurrentRunsTest::stepOf)
                        .collect(Collectors.toSet()))
                .as("notified steps delivered at least once, skipped ones never")
                .isEqualTo(notifiedSteps());
    }

    private List<EscalationEngine> engines(Duration lease) {
        List<EscalationEngine> engines = new ArrayList<>();
        for (int i = 0; i < ENGINES; i++) {
            engines.add(EscalationEngine.builder()
                    .repository(repository)
                    .policy(policy)
                    .notifier(notifier)
                    .targets(TargetResolver.roles(EngineFixture.ORG_CHART))
                    .batchSize(50)
                    .claimLease(lease)
                    .countSla(false)
                    .build());
        }
        return engines;
    }

    /** Starts all work at once on separate threads and waits for it; a failure in any of it fails the test. */
    private void runTogether(List<Callable<Void>> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> running = new ArrayList<>();
        for (Callable<Void> job : work) {
            running.add(threads.submit(() -> {
                start.await();
                return job.call();
            }));
        }
        start.countDown();
        for (Future<Void> future : running) {
            future.get(2, TimeUnit.MINUTES);
        }
    }

    /** The model of one task, completed in round {@code completed} before or after that round's evaluation. */
    private ReferenceModel replay(String id, List<Instant> runs, Integer completed, boolean completedFirst) {
        ReferenceModel model = new ReferenceModel(id, policy);
        model.opened(slaStarts.get(id));
        for (int round = 0; round < runs.size(); round++) {
            boolean completesNow = completed != null && completed == round;
            if (completesNow && completedFirst) {
                model.finished(runs.get(round));
            }
            model.ran(runs.get(round));
            if (completesNow && !completedFirst) {
                model.finished(runs.get(round));
            }
        }
        return model;
    }

    /** Every step the audit records, once per step: a skipped entry stands for its whole range. */
    private List<String> stepKeys() {
        return audit.entries().stream()
                .filter(ConcurrentRunsTest::isStep)
                .flatMap(e -> ReferenceModel.stepKeysOf(e).stream())
                .toList();
    }

    private Set<String> notifiedSteps() {
        return audit.entries().stream()
                .filter(e -> ReferenceModel.fateOf(e).equals(Optional.of(ReferenceModel.Fate.NOTIFIED)))
                .map(e -> e.stepKey().orElseThrow())
                .collect(Collectors.toSet());
    }

    private static boolean isStep(AuditEntry e) {
        return ReferenceModel.fateOf(e).isPresent();
    }

    /** The step of an idempotency key: the key without its recipient role. */
    private static String stepOf(String idempotencyKey) {
        return idempotencyKey.substring(0, idempotencyKey.lastIndexOf('/'));
    }
}
