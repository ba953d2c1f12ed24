package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sensitive attribute's value planted in the exception of every host callback the engine calls -
 * notifier, target resolver, policy resolver, listener, audit mirror, repository - shows up nowhere
 * the engine writes: not in the log at any level (stack traces and their causes included), the
 * audit trail, the outbox's last errors, the run reports, the listener events, nor the exception a
 * failed run throws. Each callback reads the value from the task, as host code that quotes "the
 * task it was working on" does.
 */
class RedactionEverywhereTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final String IBAN = "DE89370400440532013000";

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, entries -> {
        throw new IllegalStateException("SIEM rejected the entries of IBAN " + iban());
    });
    final List<RunReport> reports = new ArrayList<>();
    final StringBuilder listenerEvents = new StringBuilder();
    final LogCapture logs = LogCapture.start();

    final SlaPolicy policy = SlaPolicy.builder("Payroll Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("payroll_manager"))
            .sensitiveAttributes("iban")
            .build();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void a_sensitive_value_in_every_host_callbacks_exception_is_redacted_everywhere_the_engine_writes() {
        tasks.open(payrollTask("PAY-1"));
        tasks.open(payrollTask("PAY-UNROUTED")); // its policy resolver fails
        EscalationEngine engine = engine(tasks);

        // The warning: the notifier fails three times and the notification is given up.
        runAt(START.plus(Duration.ofHours(22)), engine);
        runAt(START.plus(Duration.ofHours(22)).plus(Duration.ofMinutes(1)), engine);
        runAt(START.plus(Duration.ofHours(22)).plus(Duration.ofMinutes(3)), engine);
        // The escalation: the target resolver fails.
        runAt(START.plus(Duration.ofHours(24)), engine);
        // The repository fails the run.
        RuntimeException failedRun = failingRun();

        assertThat(reports.get(2).notificationsGivenUp()).isEqualTo(1);
        assertThat(tasks.auditTrail().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("error")).contains("[iban redacted]"));
        assertThat(tasks.outbox())
                .singleElement()
                .satisfies(o -> assertThat(o.lastError().orElseThrow()).contains("[iban redacted]"));
        assertThat(reports.get(3).failures()).isNotEmpty();
        assertThat(logs.text()).contains("[iban redacted]", "Caused by", "audit mirror", "message withheld");
        assertThat(listenerEvents).contains("onNotificationFailed", "onRunFailed", "[iban redacted]");
        assertThat(failedRun.getMessage()).contains("[iban redacted]");

        assertThat(logs.text())
                .as("the log, every level, stack traces included")
                .doesNotContain(IBAN);
        assertThat(tasks.auditTrail().entries().toString())
                .as("the audit trail")
                .doesNotContain(IBAN);
        assertThat(tasks.outbox().toString()).as("the outbox rows").doesNotContain(IBAN);
        assertThat(reports.toString()).as("the run reports").doesNotContain(IBAN);
        assertThat(listenerEvents.toString()).as("the listener events").doesNotContain(IBAN);
        assertThat(printed(failedRun)).as("the failed run's exception").doesNotContain(IBAN);
    }

    @Test
    void a_withdrawn_notification_says_why_in_the_outbox_and_the_audit_without_a_sensitive_value() {
        tasks.open(payrollTask("PAY-1"));
        EscalationEngine engine = engine(tasks);
        runAt(START.plus(Duration.ofHours(22)), engine); // the warning fails once

        tasks.complete("PAY-1");
        runAt(START.plus(Duration.ofHours(22)).plus(Duration.ofMinutes(1)), engine);

        assertThat(tasks.outbox()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(InMemoryWorkflowRepository.OutboxStatus.WITHDRAWN);
            assertThat(o.lastError()).contains("task PAY-1 was completed");
        });
        assertThat(tasks.auditTrail().entriesOf(AuditType.NOTIFICATION_WITHDRAWN))
                .extracting(AuditEntry::taskId)
                .containsExactly("PAY-1");
        assertThat(tasks.auditTrail().entries().toString() + tasks.outbox() + logs.text())
                .doesNotContain(IBAN);
    }

    private RuntimeException failingRun() {
        AtomicInteger asked = new AtomicInteger();
        EscalationEngine engine = engine(new ForwardingWorkflowRepository(tasks) {
            // The run's second question, at its end: after it read the due tasks (the unroutable one is due
            // again), so the engine has seen the values it must redact. The first, before any task is read,
            // answers.
            @Override
            public Optional<Instant> nextDueAt(RunScope scope) {
                if (asked.incrementAndGet() == 1) {
                    return super.nextDueAt(scope);
                }
                throw new IllegalStateException(
                        "deadlock detected at IBAN " + iban(),
                        new IllegalStateException("row PAY-1 with IBAN " + iban() + " locked"));
            }
        });
        clock.advance(Duration.ofHours(1));
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(engine::runOnce)
                .isInstanceOf(EscalationRunException.class)
                .satisfies(e -> thrown[0] = e);
        return (RuntimeException) thrown[0];
    }

    private EscalationEngine engine(dev.escalation.core.spi.WorkflowRepository repository) {
        return EscalationEngine.builder()
                .repository(repository)
                .policies(task -> {
                    if (task.id().equals("PAY-UNROUTED")) {
                        throw new IllegalStateException(
                                "no policy for IBAN " + task.attributes().get("iban"));
                    }
                    return Optional.of(policy);
                })
                .notifier(n -> {
                    throw new IllegalStateException(
                            "mail relay refused IBAN " + iban(), new IllegalArgumentException("bad IBAN " + iban()));
                })
                .targets((target, task, level) -> {
                    throw new IllegalStateException(
                            "no payroll manager for IBAN " + task.attributes().get("iban"));
                })
                .notificationRetry(new NotificationRetryPolicy(3, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10)))
                .listener(new EscalationListener() {
                    @Override
                    public void onNotificationFailed(
                            Notification notification, int attempts, boolean givenUp, Throwable cause) {
                        listenerEvents.append("onNotificationFailed ").append(printed(cause));
                        throw new IllegalStateException("pager for IBAN " + iban() + " is down");
                    }

                    @Override
                    public void onRunFailed(String runId, Instant at, Throwable cause) {
                        listenerEvents.append("onRunFailed ").append(printed(cause));
                    }

                    @Override
                    public void onRunFinished(RunReport report) {
                        listenerEvents.append("onRunFinished ").append(report);
                        throw new IllegalStateException("dashboard rejected the run of IBAN " + iban());
                    }
                })
                .build();
    }

    /** What host code would quote: the value, read from the task it works on. */
    private String iban() {
        return tasks.find("PAY-1").map(WorkflowTask::attributes).orElseThrow().get("iban");
    }

    private NewTask payrollTask(String id) {
        return NewTask.of(id, "payroll", "Payroll Approval", "alice", START).withAttributes(Map.of("iban", IBAN));
    }

    private void runAt(Instant at, EscalationEngine engine) {
        clock.set(at);
        reports.add(engine.runOnce());
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
