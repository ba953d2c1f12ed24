package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attributes a policy marks as sensitive never leave the task: not in logs (at any level, stack
 * traces included), notifications, audit details, run reports or a printed task - even when host
 * code quotes them in an exception. Without a known policy, every attribute counts as sensitive.
 */
class SensitiveAttributesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final String SALARY = "98765-EUR";
    static final String IBAN = "DE89370400440532013000";

    final ManualClock clock = ManualClock.at(START);
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);
    final RecordingNotifier notifier = new RecordingNotifier();
    final LoggingNotifier logging = new LoggingNotifier();
    final List<RunReport> reports = new ArrayList<>();
    final LogCapture logs = LogCapture.start();

    final SlaPolicy policy = SlaPolicy.builder("Payroll Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("payroll_manager"))
            .sensitiveAttributes("salary", "iban")
            .build();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void a_sensitive_value_quoted_by_a_failing_target_resolver_is_redacted_everywhere() {
        EscalationEngine engine = engine(task -> Optional.of(policy));
        tasks.open(payrollTask("PAY-1"));

        runAt(START.plus(Duration.ofHours(22)), engine);
        runAt(START.plus(Duration.ofHours(24)), engine);

        assertThat(reports.get(1).failures())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("[salary redacted]"));
        assertThat(logs.text()).contains("PAY-1", "WARNING to alice");
        assertNowhere(SALARY, IBAN);
        assertThat(notifier.delivered()).isNotEmpty();
    }

    @Test
    void without_a_known_policy_every_attribute_value_is_redacted() {
        EscalationEngine engine = engine(task -> {
            throw new IllegalStateException("no route for IBAN "
                    + task.attributes().get("iban") + " in " + task.attributes().get("department"));
        });
        tasks.open(payrollTask("PAY-2"));

        runAt(START.plus(Duration.ofHours(1)), engine);

        assertThat(reports.get(0).failures())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("[iban redacted]", "[department redacted]"));
        assertNowhere(IBAN, "finance-emea");
    }

    @Test
    void a_printed_task_names_its_attributes_but_shows_none_of_their_values() {
        String printed = tasks.open(payrollTask("PAY-3")).toString() + payrollTask("PAY-3");

        assertThat(printed)
                .contains("PAY-3", "salary", "iban", "department")
                .doesNotContain(SALARY, IBAN, "finance-emea");
    }

    @Test
    void policies_read_their_sensitive_attributes_from_json_and_write_them_back() {
        SlaPolicy read = policy.toDefinition().toPolicy();

        assertThat(read.sensitiveAttributes()).containsExactlyInAnyOrder("salary", "iban");
        assertThat(read).isEqualTo(policy);
    }

    private NewTask payrollTask(String id) {
        return NewTask.of(id, "payroll", "Payroll Approval", "alice", START)
                .withAttributes(Map.of("salary", SALARY, "iban", IBAN, "department", "finance-emea"));
    }

    private EscalationEngine engine(dev.escalation.core.policy.PolicyResolver policies) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policies(policies)
                .notifier(n -> {
                    logging.send(n);
                    notifier.send(n);
                })
                .targets((target, task, level) -> {
                    throw new IllegalStateException(
                            "no payroll manager for salary " + task.attributes().get("salary") + " of " + task);
                })
                .build();
    }

    private void runAt(Instant at, EscalationEngine engine) {
        clock.set(at);
        reports.add(engine.runOnce());
    }

    private void assertNowhere(String... secrets) {
        for (String secret : secrets) {
            assertThat(logs.text()).as("the log").doesNotContain(secret);
            assertThat(audit.entries().toString()).as("the audit trail").doesNotContain(secret);
            assertThat(notifier.attempts().toString()).as("the notifications").doesNotContain(secret);
            assertThat(reports.toString()).as("the run reports").doesNotContain(secret);
            assertThat(tasks.tasks().toString()).as("the printed tasks").doesNotContain(secret);
        }
    }
}
