package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxStatus;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A slow or hung recipient costs a run at most the delivery timeout: the other notifications of the
 * batch and the other tasks' steps go on, the timed-out attempt is interrupted and retried, and the
 * engine's delivery threads are named daemons that {@code close()} ends. Real time appears only as
 * the 200 ms timeout and bounded waits; hung calls block on a latch released at the end.
 */
class EngineDeliveryTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final EngineFixture world = new EngineFixture();
    private final CountDownLatch releaseHungCalls = new CountDownLatch(1);
    private final List<String> hungCalls = new CopyOnWriteArrayList<>();
    private final ExecutorService scheduler = Executors.newSingleThreadExecutor();
    private final List<EscalationEngine> engines = new ArrayList<>();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();

    /** Hangs for "hung-user", deaf to interrupts, until the test ends; the fixture's recorder takes the rest. */
    private final Notifier mail = n -> {
        if (n.recipient().equals("hung-user")) {
            hungCalls.add(n.idempotencyKey());
            awaitUninterruptibly(releaseHungCalls);
        } else {
            world.notifier.send(n);
        }
    };

    @AfterEach
    void releaseHungCalls() {
        releaseHungCalls.countDown();
        scheduler.shutdownNow();
        engines.forEach(EscalationEngine::close);
    }

    @Test
    void a_hung_recipient_costs_the_run_its_timeout_and_the_rest_of_the_batch_is_delivered() throws Exception {
        EscalationEngine engine = engine(mail);
        openFor("PO-1", "hung-user");
        openFor("PO-2", "bob");
        openFor("PO-3", "carol");
        world.at(hours(22));

        RunReport report = runWithin(engine, Duration.ofSeconds(10));

        assertThat(world.deliveredKeys())
                .containsExactlyInAnyOrder("PO-2/0/WARNING/1/assignee", "PO-3/0/WARNING/1/assignee");
        assertThat(report.notificationTimeouts()).isEqualTo(1);
        assertThat(report.notificationFailures()).isEqualTo(1);
        assertThat(outbox("PO-1/0/WARNING/1/assignee")).satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.nextAttemptAt()).isEqualTo(START.plus(hours(22)).plus(minutes(1)));
            assertThat(entry.lastError().orElseThrow()).contains("delivery timeout of PT0.2S");
        });
    }

    @Test
    void the_steps_of_other_tasks_are_recorded_in_the_run_that_retries_a_hung_recipient() throws Exception {
        EscalationEngine engine = engine(mail);
        openFor("PO-1", "hung-user");
        world.at(hours(22));
        runWithin(engine, Duration.ofSeconds(10));
        world.clock.advance(minutes(1));
        world.tasks.open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "bob", START));

        RunReport report = runWithin(engine, Duration.ofSeconds(10));

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(world.deliveredKeys()).containsExactly("PO-2/0/WARNING/1/assignee");
    }

    @Test
    void a_timed_out_attempt_is_interrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        EscalationEngine engine = engine(n -> {
            try {
                releaseHungCalls.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        world.open("PO-1");
        world.at(hours(22));

        runWithin(engine, Duration.ofSeconds(10));

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_key_whose_timed_out_attempt_still_runs_is_not_handed_to_the_notifier_again() throws Exception {
        EscalationEngine engine = engine(mail);
        openFor("PO-1", "hung-user");
        world.at(hours(22));
        runWithin(engine, Duration.ofSeconds(10));
        world.clock.advance(minutes(1));

        RunReport retry = runWithin(engine, Duration.ofSeconds(10));

        assertThat(hungCalls).containsExactly("PO-1/0/WARNING/1/assignee");
        assertThat(retry.notificationFailures()).isEqualTo(1);
        assertThat(outbox("PO-1/0/WARNING/1/assignee").attempts()).isEqualTo(2);
        assertThat(outbox("PO-1/0/WARNING/1/assignee").lastError().orElseThrow())
                .contains("previous attempt on this engine is still running");
    }

    @Test
    void notifications_are_sent_on_named_daemon_threads_that_carry_the_run_and_task_ids() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();
        EscalationEngine engine = engine(n -> {
            threads.add(Thread.currentThread().getName() + " daemon="
                    + Thread.currentThread().isDaemon());
            contexts.add(MDC.getCopyOfContextMap());
        });
        world.open("PO-1");
        world.at(hours(22));

        RunReport report = runWithin(engine, Duration.ofSeconds(10));

        assertThat(threads).singleElement().asString().matches("escalation-delivery-\\d+-\\d+ daemon=true");
        assertThat(contexts).containsExactly(Map.of("escalation.run", report.runId(), "escalation.task", "PO-1"));
    }

    @Test
    void closing_the_engine_ends_its_delivery_threads_and_refuses_further_runs() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        EscalationEngine engine = engine(n -> threads.add(Thread.currentThread()));
        world.open("PO-1");
        world.at(hours(22));
        runWithin(engine, Duration.ofSeconds(10));

        engine.close();

        Thread deliveryThread = threads.get(0);
        deliveryThread.join(10_000);
        assertThat(deliveryThread.isAlive()).isFalse();
        assertThatThrownBy(engine::runOnce)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void a_batch_delivers_at_most_the_delivery_parallelism_at_once() throws Exception {
        int[] running = {0};
        int[] most = {0};
        Object lock = new Object();
        CountDownLatch secondArrived = new CountDownLatch(2);
        EscalationEngine engine = world.engine(policy)
                .notifier(n -> {
                    synchronized (lock) {
                        running[0]++;
                        most[0] = Math.max(most[0], running[0]);
                    }
                    secondArrived.countDown();
                    // Two attempts meet here, so two really run at once.
                    secondArrived.await(5, TimeUnit.SECONDS);
                    synchronized (lock) {
                        running[0]--;
                    }
                })
                .deliveryParallelism(2)
                .deliveryTimeout(Duration.ofSeconds(20))
                .build();
        engines.add(engine);
        for (int i = 1; i <= 5; i++) {
            world.open("PO-" + i);
        }
        world.at(hours(22));

        RunReport report = runWithin(engine, Duration.ofSeconds(30));

        assertThat(report.notificationsDelivered()).isEqualTo(5);
        synchronized (lock) {
            assertThat(most[0]).isEqualTo(2);
        }
    }

    private EscalationEngine engine(Notifier notifier) {
        EscalationEngine engine =
                world.engine(policy).notifier(notifier).deliveryTimeout(TIMEOUT).build();
        engines.add(engine);
        return engine;
    }

    private void openFor(String id, String assignee) {
        world.tasks.open(NewTask.of(id, "purchase-order", "Manager Approval", assignee, START));
    }

    /** Runs on the host's scheduler thread and waits for it, boundedly: a run held hostage fails the test. */
    private RunReport runWithin(EscalationEngine engine, Duration bound) throws Exception {
        Future<RunReport> run = scheduler.submit(engine::runOnce);
        return run.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private OutboxEntry outbox(String key) {
        return world.tasks.outbox().stream()
                .filter(e -> e.notification().idempotencyKey().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
