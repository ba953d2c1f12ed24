package dev.escalation.core;

import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Host code that fails - listeners, the audit sink, the database - never loses a step or breaks other work. */
class EngineResilienceTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final List<String> events = new ArrayList<>();
    private final EscalationListener recording = new EscalationListener() {
        @Override
        public void onRunStarted(String runId, Instant at) {
            events.add("started " + runId);
        }

        @Override
        public void onRunFinished(RunReport report) {
            events.add("finished " + report.runId());
        }

        @Override
        public void onRunFailed(String runId, Instant at, Throwable cause) {
            events.add("failed " + runId + ": " + cause.getMessage());
        }

        @Override
        public void onStepApplied(AppliedStep step) {
            events.add("step " + step.key());
        }
    };

    @Test
    void a_listener_that_throws_does_not_disturb_the_run_or_other_listeners() {
        EscalationListener throwing = new EscalationListener() {
            @Override
            public void onRunStarted(String runId, Instant at) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onStepApplied(AppliedStep step) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onRunFinished(RunReport report) {
                throw new IllegalStateException("listener bug");
            }
        };
        EscalationEngine engine =
                world.engine(policy).listener(throwing).listener(recording).build();
        world.open("PO-1");
        world.at(hours(24));

        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(world.task("PO-1").assignee()).isEqualTo("dora");
        assertThat(world.notifier.delivered()).hasSize(2);
        assertThat(events)
                .containsExactly(
                        "started " + report.runId(),
                        "step PO-1/0/WARNING/1",
                        "step PO-1/0/ESCALATION/1",
                        "finished " + report.runId());
    }

    @Test
    void a_failing_audit_mirror_fails_no_step_and_the_repositorys_trail_keeps_every_entry() {
        AtomicBoolean mirrorDown = new AtomicBoolean(true);
        List<AuditEntry> mirrored = new ArrayList<>();
        InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(world.clock, entries -> {
            if (mirrorDown.get()) {
                throw new IllegalStateException("audit shipper down");
            }
            mirrored.addAll(entries);
        });
        EscalationEngine engine = world.engine(policy).repository(tasks).build();
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", world.clock.now()));
        world.at(hours(22));
        RunReport warned = engine.runOnce();
        world.at(hours(24));
        RunReport escalated = engine.runOnce();

        mirrorDown.set(false);
        world.at(hours(24).plus(minutes(1)));
        tasks.complete("PO-1");

        assertThat(warned.warnings()).isEqualTo(1);
        assertThat(escalated.escalations()).isEqualTo(1);
        assertThat(tasks.auditTrail().entries())
                .extracting(AuditEntry::type)
                .containsExactly(
                        AuditType.TASK_OPENED,
                        AuditType.WARNING_SENT,
                        AuditType.SLA_BREACHED,
                        AuditType.ESCALATED,
                        AuditType.TASK_COMPLETED);
        assertThat(mirrored).extracting(AuditEntry::type).containsExactly(AuditType.TASK_COMPLETED);
    }

    @Test
    void a_failing_repository_ends_the_run_with_an_exception_and_tells_the_listeners() {
        InstrumentedRepository database = new InstrumentedRepository(world.tasks);
        EscalationEngine engine =
                world.engine(policy).repository(database).listener(recording).build();
        world.open("PO-1");
        database.failOn(operation -> operation.equals("claimDue"));

        EscalationRunException failure = catchThrowableOfType(EscalationRunException.class, engine::runOnce);

        assertThat(failure.runId()).isNotBlank();
        assertThat(failure)
                .hasMessageContaining(failure.runId())
                .hasMessageContaining("database unavailable during claimDue")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(events)
                .containsExactly(
                        "started " + failure.runId(),
                        "failed " + failure.runId() + ": database unavailable during claimDue (simulated)");
    }

    @Test
    void steps_recorded_before_the_repository_failed_stand_and_the_next_run_does_the_rest() {
        InstrumentedRepository database = new InstrumentedRepository(world.tasks);
        EscalationEngine engine =
                world.engine(policy).repository(database).batchSize(1).build();
        world.open("PO-1");
        world.clock.advance(minutes(1));
        world.open("PO-2");
        world.at(hours(23));
        AtomicBoolean firstRecorded = new AtomicBoolean();
        database.failOn(operation -> operation.equals("record") && !firstRecorded.compareAndSet(false, true));

        catchThrowableOfType(EscalationRunException.class, engine::runOnce);
        database.failOn(operation -> false);
        world.at(hours(23).plus(minutes(6)));
        RunReport next = engine.runOnce();

        assertThat(world.stepKeys(AuditType.WARNING_SENT)).containsExactly("PO-1/0/WARNING/1", "PO-2/0/WARNING/1");
        assertThat(next.warnings()).isEqualTo(1);
        assertThat(world.notifier.delivered()).hasSize(2);
    }
}
