package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A redacted copy of an exception keeps its shape: class names, frames, causes, suppressed ones. */
class RedactionTest {

    final Redaction redaction = Redaction.of(
            Optional.empty(),
            WorkflowTask.builder("PAY-1")
                    .workflowType("payroll")
                    .stage("Payroll Approval")
                    .assignee("alice")
                    .slaStart(Instant.parse("2026-01-05T09:00:00Z"))
                    .attributes(Map.of("iban", "DE89"))
                    .build());

    @Test
    void an_exception_that_reveals_nothing_is_kept_as_it_is() {
        IllegalStateException plain = new IllegalStateException("relay down");

        assertThat(redaction.scrub(plain)).isSameAs(plain);
        assertThat(redaction.scrub(null)).isNull();
    }

    @Test
    void a_suppressed_exception_quoting_a_value_is_redacted_in_a_copy_with_the_same_frames() {
        IllegalStateException failure = new IllegalStateException(null, new IllegalArgumentException("bad DE89"));
        failure.addSuppressed(new IllegalStateException("close failed for DE89"));

        Throwable copy = redaction.scrub(failure);

        assertThat(copy).hasToString("java.lang.IllegalStateException");
        assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(copy.getCause()).hasToString("java.lang.IllegalArgumentException: bad [iban redacted]");
        assertThat(copy.getSuppressed())
                .singleElement()
                .hasToString("java.lang.IllegalStateException: close failed for [iban redacted]");
    }

    @Test
    void a_run_collects_the_values_of_every_task_it_reads() {
        Redaction run = Redaction.collecting();

        assertThat(run.apply("DE89")).isEqualTo("DE89");
        assertThat(run.absorb(redaction).apply("DE89")).isEqualTo("[iban redacted]");
    }
}
