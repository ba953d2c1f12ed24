package com.example.host;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.EscalationSchema;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.micrometer.EscalationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** Uses one class of each module, and fails unless the engine escalates the overdue task. */
public final class Host {

    public static void main(String[] args) {
        ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
        SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .escalateTo(EscalationTarget.user("dora"))
                .build();
        EscalationEngine.Builder builder = EscalationEngine.builder()
                .repository(tasks)
                .policy(policy)
                .notifier(new RecordingNotifier()); // the engine reads the repository's clock
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();

        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(25));
        RunReport report = engine.runOnce();

        int ddl = EscalationSchema.statements(SqlDialect.H2, SchemaOptions.defaults()).size();
        if (report.escalations() != 1 || ddl == 0 || registry.getMeters().isEmpty()) {
            throw new IllegalStateException("the host did not work: " + report);
        }
        System.out.println("bom-host: escalated " + report.escalations() + " task, " + ddl + " DDL statements, "
                + registry.getMeters().size() + " meters");
    }

    private Host() {}
}
