package dev.escalation.micrometer;

import static dev.escalation.micrometer.EscalationMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link RunReport} as JSON carries the figures the meters count; the example in
 * {@code docs/monitoring/README.md} is the JSON of a real run, generated here.
 */
class RunReportJsonTest {

    /** Run ids are random; the example in the docs shows this one instead. */
    private static final String EXAMPLE_RUN_ID = "0b6f3f4e-6a1d-4d55-9a8e-2f1a7c9d0e21";

    private final EngineFixture fixture = new EngineFixture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);
    private final ObjectMapper json = new ObjectMapper();
    private final List<RunReport> reports = new ArrayList<>();
    private RunReport deadlineRun;

    /** Two tasks reach their deadline in a late run; one recipient's mailbox fails; one task has no policy. */
    @BeforeEach
    void runToTheDeadline() {
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics.attach(builder, registry);
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        fixture.open("PO-2", "Finance Approval");
        fixture.open("X-1", EngineFixture.UNGOVERNED, "Review");
        fixture.notifier.failWhen(n -> n.taskId().equals("PO-2"));

        reports.add(engine.runOnce());
        fixture.atHour(24);
        deadlineRun = engine.runOnce();
        reports.add(deadlineRun);
    }

    @Test
    void the_monitoring_docs_show_the_json_of_a_real_run() throws IOException {
        RunReport example = withRunId(deadlineRun, EXAMPLE_RUN_ID);
        String exampleJson = json.writerWithDefaultPrettyPrinter().writeValueAsString(example);
        Files.createDirectories(MonitoringDocs.buildDir());
        Files.writeString(MonitoringDocs.buildDir().resolve("run-report-example.json"), exampleJson + "\n");

        assertThat(MonitoringDocs.read(MonitoringDocs.README))
                .as("README.md must show target/run-report-example.json as the RunReport example")
                .contains("```json\n" + exampleJson + "\n```");
    }

    @Test
    void the_json_counts_equal_the_meter_counts_over_all_runs() throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (RunReport report : reports) {
            runs.add(json.readTree(json.writeValueAsString(report)));
        }

        assertThat(meters.count(RUNS, OUTCOME, "success")).isEqualTo(runs.size());
        assertThat(meters.count(TASKS_CHECKED))
                .isEqualTo(sum(runs, "tasksChecked"))
                .isPositive();
        assertThat(meters.sum(STEPS, KIND, "escalation"))
                .isEqualTo(sum(runs, "escalations"))
                .isPositive();
        assertThat(meters.sum(STEPS, KIND, "warning")).isEqualTo(sum(runs, "warnings"));
        assertThat(meters.sum(STEPS_SKIPPED))
                .isEqualTo(sum(runs, "stepsSkipped"))
                .isPositive();
        assertThat(meters.count(SLA_BREACHES)).isEqualTo(sum(runs, "breaches")).isPositive();
        assertThat(meters.count(NOTIFICATIONS, OUTCOME, "delivered"))
                .isEqualTo(sum(runs, "notificationsDelivered"))
                .isPositive();
        assertThat(meters.count(NOTIFICATIONS, OUTCOME, "failed"))
                .isEqualTo(sum(runs, "notificationFailures"))
                .isPositive();
        assertThat(meters.count(TASK_FAILURES, KIND, "no_policy"))
                .isEqualTo(runs.stream().mapToInt(r -> r.get("failures").size()).sum());
    }

    @Test
    void the_json_sla_counts_equal_the_gauges_after_the_run() throws IOException {
        JsonNode counts = json.readTree(json.writeValueAsString(deadlineRun)).get("slaCounts");

        assertThat(meters.gauge(TASKS_OPEN)).isEqualTo(counts.get("open").asDouble());
        assertThat(meters.gauge(TASKS_ON_HOLD)).isEqualTo(counts.get("onHold").asDouble());
        assertThat(meters.gauge(TASKS_NEAR_BREACH))
                .isEqualTo(counts.get("nearBreach").asDouble());
        assertThat(meters.gauge(TASKS_BREACHED))
                .isEqualTo(counts.get("breached").asDouble())
                .isPositive();
    }

    private static double sum(List<JsonNode> runs, String field) {
        return runs.stream().mapToInt(r -> r.get(field).asInt()).sum();
    }

    private static RunReport withRunId(RunReport r, String runId) {
        return new RunReport(
                runId,
                r.startedAt(),
                r.duration(),
                r.tasksChecked(),
                r.warnings(),
                r.reminders(),
                r.escalations(),
                r.reEscalations(),
                r.escalationsByLevel(),
                r.stepsSkipped(),
                r.breaches(),
                r.tasksSkipped(),
                r.failures(),
                r.staleTransitions(),
                r.notificationsDelivered(),
                r.notificationFailures(),
                r.notificationsGivenUp(),
                r.notificationTimeouts(),
                r.notificationsDeferred(),
                r.capped(),
                r.slaCounts(),
                r.nextDueAt());
    }
}
