package dev.escalation.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Audit entries round-trip through a plain {@code ObjectMapper}, instants as ISO-8601 text. */
class AuditEntryJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void an_escalation_entry_round_trips() throws Exception {
        AuditEntry entry = new AuditEntry(
                "e-1",
                AuditType.ESCALATED,
                "PO-1",
                Optional.of("acme"),
                Instant.parse("2026-01-06T09:00:00.123456789Z"),
                "run-7",
                1,
                Optional.of("alice"),
                Optional.of("dora"),
                Optional.of("PO-1/0/ESCALATION/1"),
                Map.of("policy", "Manager Approval", "deadline", "2026-01-06T09:00:00Z"));

        assertThat(roundTrip(entry)).isEqualTo(entry);
    }

    @Test
    void an_entry_without_optional_parts_round_trips_and_omits_them() throws Exception {
        AuditEntry entry = new AuditEntry(
                "e-2",
                AuditType.TASK_OPENED,
                "PO-1",
                Optional.empty(),
                Instant.parse("2026-01-05T09:00:00Z"),
                "host",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());

        String json = mapper.writeValueAsString(entry);

        assertThat(json)
                .isEqualTo(
                        "{\"id\":\"e-2\",\"type\":\"TASK_OPENED\",\"taskId\":\"PO-1\",\"occurredAt\":\"2026-01-05T09:00:00Z\","
                                + "\"actor\":\"host\",\"level\":0,\"details\":{}}");
        assertThat(mapper.readValue(json, AuditEntry.class)).isEqualTo(entry);
    }

    @Test
    void details_are_written_in_key_order() throws Exception {
        AuditEntry entry = new AuditEntry(
                "e-3",
                AuditType.SLA_BREACHED,
                "PO-1",
                Optional.empty(),
                Instant.parse("2026-01-05T09:00:00Z"),
                "run-1",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("status", "BREACHED", "deadline", "d", "policy", "p"));

        assertThat(mapper.writeValueAsString(entry))
                .contains("\"details\":{\"deadline\":\"d\",\"policy\":\"p\",\"status\":\"BREACHED\"}");
    }

    @Test
    void a_bad_instant_is_rejected_naming_the_field() {
        String json =
                "{\"id\":\"e\",\"type\":\"TASK_OPENED\",\"taskId\":\"PO-1\",\"occurredAt\":\"yesterday\",\"actor\":\"host\",\"level\":0}";

        assertThatThrownBy(() -> mapper.readValue(json, AuditEntry.class))
                .cause()
                .hasMessage("occurredAt must be an ISO-8601 instant, but was 'yesterday'");
    }

    private AuditEntry roundTrip(AuditEntry entry) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(entry), AuditEntry.class);
    }
}
