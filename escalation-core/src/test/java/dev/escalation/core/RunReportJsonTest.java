package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.task.NewTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Run reports - and the audit entries and notifications a real run makes - round-trip through a plain {@code ObjectMapper}. */
class RunReportJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final EngineFixture world = new EngineFixture();

    @Test
    void a_report_with_every_part_filled_round_trips() throws Exception {
        RunReport report = new RunReport(
                "run-1",
                START,
                Duration.ofMillis(1234),
                10,
                1,
                2,
                3,
                4,
                Map.of(1, 2, 2, 1),
                5,
                6,
                1,
                List.of(new TaskFailure("PO-9", TaskFailure.Kind.NO_POLICY, "no policy for stage 'Legal'")),
                7,
                8,
                9,
                1,
                2,
                3,
                true,
                Optional.of(new SlaCounts(100, 3, 4, 5)),
                Optional.of(START.plus(hours(1))));

        assertThat(roundTrip(report)).isEqualTo(report);
    }

    @Test
    void a_report_without_counts_or_next_due_instant_round_trips_and_omits_them() throws Exception {
        RunReport report = new RunReport(
                "run-2",
                START,
                Duration.ZERO,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                List.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                false,
                Optional.empty(),
                Optional.empty());

        String json = mapper.writeValueAsString(report);

        assertThat(json)
                .startsWith("{\"runId\":\"run-2\",\"startedAt\":\"2026-01-05T09:00:00Z\",\"duration\":\"PT0S\"")
                .doesNotContain("slaCounts")
                .doesNotContain("nextDueAt");
        assertThat(mapper.readValue(json, RunReport.class)).isEqualTo(report);
    }

    @Test
    void what_a_real_run_produces_round_trips() throws Exception {
        SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(hours(24))
                .warnBefore(hours(2))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        EscalationEngine engine = world.engine(policy)
                .policies(PolicyRegistry.builder()
                        .register(PolicyKey.stage("Manager Approval"), policy)
                        .build())
                .build();
        world.tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START)
                .withTenant("acme"));
        world.tasks.open(NewTask.of("PO-2", "purchase-order", "Legal Review", "lena", START));
        world.at(hours(25));

        RunReport report = engine.runOnce();

        assertThat(report.failures()).isNotEmpty();
        assertThat(report.slaCounts()).isPresent();
        assertThat(report.nextDueAt()).isPresent();
        assertThat(roundTrip(report)).isEqualTo(report);
        for (AuditEntry entry : world.audit.entries()) {
            assertThat(mapper.readValue(mapper.writeValueAsString(entry), AuditEntry.class))
                    .isEqualTo(entry);
        }
        for (Notification n : world.notifier.delivered()) {
            assertThat(mapper.readValue(mapper.writeValueAsString(n), Notification.class))
                    .isEqualTo(n);
        }
    }

    @Test
    void levels_are_written_in_order() throws Exception {
        RunReport report = new RunReport(
                "run-3",
                START,
                Duration.ZERO,
                0,
                0,
                0,
                3,
                0,
                Map.of(3, 1, 1, 1, 2, 1),
                0,
                0,
                0,
                List.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                false,
                Optional.empty(),
                Optional.empty());

        assertThat(mapper.writeValueAsString(report)).contains("\"escalationsByLevel\":{\"1\":1,\"2\":1,\"3\":1}");
    }

    private RunReport roundTrip(RunReport report) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(report), RunReport.class);
    }
}
