package dev.escalation.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Notifications round-trip through a plain {@code ObjectMapper}, so hosts can queue them as JSON. */
class NotificationJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void a_notification_with_a_tenant_round_trips() throws Exception {
        Notification n = new Notification(
                "PO-1/0/ESCALATION/1/new-assignee",
                NotificationType.ESCALATION,
                "PO-1",
                Optional.of("acme"),
                "dora",
                "purchase-order",
                "Manager Approval",
                1,
                Instant.parse("2026-01-06T09:00:00Z"),
                Instant.parse("2026-01-06T09:00:30.5Z"),
                "Task PO-1 (Manager Approval) was escalated to you (level 1), overdue by PT30.5S");

        assertThat(mapper.readValue(mapper.writeValueAsString(n), Notification.class))
                .isEqualTo(n);
    }

    @Test
    void a_notification_without_a_tenant_round_trips_and_omits_it() throws Exception {
        Notification n = new Notification(
                "PO-1/0/WARNING/1/assignee",
                NotificationType.WARNING,
                "PO-1",
                Optional.empty(),
                "alice",
                "purchase-order",
                "Manager Approval",
                0,
                Instant.parse("2026-01-06T09:00:00Z"),
                Instant.parse("2026-01-06T07:00:00Z"),
                "Task PO-1 (Manager Approval) is due at 2026-01-06T09:00:00Z");

        String json = mapper.writeValueAsString(n);

        assertThat(json)
                .startsWith(
                        "{\"idempotencyKey\":\"PO-1/0/WARNING/1/assignee\",\"type\":\"WARNING\",\"taskId\":\"PO-1\","
                                + "\"recipient\":\"alice\"")
                .doesNotContain("tenant");
        assertThat(mapper.readValue(json, Notification.class)).isEqualTo(n);
    }
}
