package dev.escalation.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.spi.SlaCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hosts serialize our value types with their own ObjectMapper, which may have no java.time module. */
class ValueTypesJsonRoundTripTest {

    private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void run_report_with_every_optional_present_round_trips() throws Exception {
        RunReport report = new RunReport("run-1", AT, Duration.ofMillis(1234), 10, 1, 2, 3, 4, Map.of(1, 2, 2, 1), 5, 6, 7,
                List.of(new TaskFailure("PO-9", TaskFailure.Kind.NO_POLICY, "no policy")), 8, 9, 10, 11, 12, true,
                Optional.of(new SlaCounts(100, 3, 7, 9)), Optional.of(AT.plusSeconds(60)));

        String json = plain.writeValueAsString(report);

        assertThat(plain.readValue(json, RunReport.class)).isEqualTo(report);
        assertThat(json).contains("\"startedAt\":\"2026-01-05T09:00:00Z\"", "\"duration\":\"PT1.234S\"", "\"nextDueAt\"");
    }

    @Test
    void run_report_without_optionals_round_trips_and_omits_them() throws Exception {
        RunReport report = new RunReport("run-2", AT, Duration.ZERO, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, List.of(), 0, 0, 0, 0, 0,
                false, Optional.empty(), Optional.empty());

        String json = plain.writeValueAsString(report);

        assertThat(plain.readValue(json, RunReport.class)).isEqualTo(report);
        assertThat(json).doesNotContain("nextDueAt", "slaCounts");
    }

    @Test
    void audit_entry_round_trips_with_instants_as_iso_text() throws Exception {
        AuditEntry entry = new AuditEntry("e-1", AuditType.ESCALATED, "PO-1", Optional.of("acme"), AT, "run-1", 2,
                Optional.of("alice"), Optional.of("dora"), Optional.of("PO-1/0/ESCALATION/2"), Map.of("overdue", "PT1H"));

        String json = plain.writeValueAsString(entry);

        assertThat(plain.readValue(json, AuditEntry.class)).isEqualTo(entry);
        assertThat(json).contains("\"occurredAt\":\"2026-01-05T09:00:00Z\"", "\"fromAssignee\":\"alice\"");
    }

    @Test
    void notification_round_trips() throws Exception {
        Notification n = new Notification("PO-1/0/WARNING/1/assignee", NotificationType.WARNING, "PO-1", Optional.empty(), "alice",
                "purchase-order", "Manager Approval", 0, AT.plusSeconds(7200), AT, "due soon");

        String json = plain.writeValueAsString(n);

        assertThat(plain.readValue(json, Notification.class)).isEqualTo(n);
        assertThat(json).doesNotContain("tenant");
    }
}
