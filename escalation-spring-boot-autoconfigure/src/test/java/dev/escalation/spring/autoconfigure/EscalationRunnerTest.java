package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.RunReport;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The engine's runs on a TaskScheduler: when the next one comes, and how they stop. */
class EscalationRunnerTest {

    static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(1);

    final ManualClock clock = ManualClock.at(NOW);
    final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    final CountDownLatch finished = new CountDownLatch(1);

    EscalationRunner runner(EscalationEngine engine) {
        return new EscalationRunner(engine, scheduler, MIN, MAX);
    }

    EscalationEngine engine(dev.escalation.core.spi.WorkflowRepository repository) {
        return EscalationEngine.builder()
                .repository(repository)
                .policies(PolicyRegistry.builder().build())
                .listener(new EscalationListener() {
                    @Override
                    public void onRunFinished(RunReport report) {
                        finished.countDown();
                    }
                })
                .build();
    }

    @AfterEach
    void shutDown() {
        scheduler.shutdown();
    }

    @Test
    void the_next_run_comes_when_the_next_task_is_due() {
        EscalationRunner runner = runner(engine(new InMemoryWorkflowRepository(clock)));

        assertThat(runner.delayAfter(NOW, Optional.of(NOW.plusSeconds(20)))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void the_next_run_comes_no_sooner_than_the_minimum_interval() {
        EscalationRunner runner = runner(engine(new InMemoryWorkflowRepository(clock)));

        assertThat(runner.delayAfter(NOW, Optional.of(NOW.minusSeconds(5)))).isEqualTo(MIN);
    }

    @Test
    void the_next_run_comes_no_later_than_the_maximum_interval() {
        EscalationRunner runner = runner(engine(new InMemoryWorkflowRepository(clock)));

        assertThat(runner.delayAfter(NOW, Optional.of(NOW.plus(Duration.ofHours(3)))))
                .isEqualTo(MAX);
        assertThat(runner.delayAfter(NOW, Optional.empty())).isEqualTo(MAX);
    }

    @Test
    void the_first_run_comes_at_start() throws Exception {
        scheduler.initialize();
        EscalationRunner runner = runner(engine(new InMemoryWorkflowRepository(clock)));

        runner.start();

        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        runner.stop();
        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void stop_waits_for_the_run_in_progress_to_finish() throws Exception {
        scheduler.initialize();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EscalationRunner runner =
                runner(engine(new ForwardingWorkflowRepository(new InMemoryWorkflowRepository(clock)) {
                    @Override
                    public List<WorkflowTask> claimDue(RunScope scope, int limit) {
                        entered.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.claimDue(scope, limit);
                    }
                }));
        runner.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Long> runsUnfinishedWhenStopReturned = CompletableFuture.supplyAsync(() -> {
            runner.stop();
            return finished.getCount();
        });
        release.countDown();

        assertThat(runsUnfinishedWhenStopReturned.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(runner.isRunning()).isFalse();
    }
}
