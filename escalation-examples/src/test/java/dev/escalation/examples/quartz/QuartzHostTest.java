package dev.escalation.examples.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.RunReport;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

class QuartzHostTest {

    @Test
    void quartz_trigger_runs_the_engine_and_escalates_an_overdue_task() throws Exception {
        ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(25));
        CompletableFuture<RunReport> firstRun = new CompletableFuture<>();
        EscalationEngine engine = EscalationEngine.builder()
                .repository(tasks)
                .notifier(new RecordingNotifier())
                .policy(SlaPolicy.builder("approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .listener(new EscalationListener() {
                    @Override
                    public void onRunFinished(RunReport report) {
                        firstRun.complete(report);
                    }
                })
                .build();
        Scheduler scheduler = new StdSchedulerFactory(quartzProperties()).getScheduler();
        try {
            QuartzHost.schedule(scheduler, engine, 1);
            scheduler.start();

            RunReport report = firstRun.get(30, TimeUnit.SECONDS);

            assertThat(report.escalations()).isEqualTo(1);
            assertThat(tasks.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        } finally {
            scheduler.shutdown(true);
        }
    }

    private static Properties quartzProperties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "escalation-test");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }
}
