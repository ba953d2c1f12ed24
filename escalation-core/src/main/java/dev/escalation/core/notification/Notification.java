package dev.escalation.core.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message that a step asks the host to deliver. Delivered at least once: a receiver drops
 * repeats by {@link #idempotencyKey()}, which is the same on every attempt and every node.
 *
 * @param idempotencyKey stable key: the step key plus the recipient's role, e.g. {@code PO-7/0/ESCALATION/1/new-assignee}
 * @param type           warning, reminder, escalation, ...
 * @param taskId         the task
 * @param tenant         the task's tenant, if any
 * @param recipient      who should receive it (a user id, as the host knows it)
 * @param workflowType   the task's workflow type
 * @param stage          the task's stage
 * @param level          the escalation level after the step
 * @param deadline       the task's deadline
 * @param createdAt      when the step was applied
 * @param message        a short human-readable text; hosts usually render their own from the fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "idempotencyKey",
    "type",
    "taskId",
    "tenant",
    "recipient",
    "workflowType",
    "stage",
    "level",
    "deadline",
    "createdAt",
    "message"
})
public record Notification(
        String idempotencyKey,
        NotificationType type,
        String taskId,
        Optional<String> tenant,
        String recipient,
        String workflowType,
        String stage,
        int level,
        Instant deadline,
        Instant createdAt,
        String message) {

    /**
     * Validates the notification.
     *
     * @param idempotencyKey stable key: the step key plus the recipient's role, e.g. {@code PO-7/0/ESCALATION/1/new-assignee}
     * @param type           warning, reminder, escalation, ...
     * @param taskId         the task
     * @param tenant         the task's tenant, if any
     * @param recipient      who should receive it (a user id, as the host knows it)
     * @param workflowType   the task's workflow type
     * @param stage          the task's stage
     * @param level          the escalation level after the step
     * @param deadline       the task's deadline
     * @param createdAt      when the step was applied
     * @param message        a short human-readable text; hosts usually render their own from the fields
     * @throws IllegalArgumentException when a required value is missing or blank, or the level is negative
     */
    public Notification {
        Require.text("idempotencyKey", idempotencyKey);
        Require.present("type", type);
        Require.text("taskId", taskId);
        Objects.requireNonNull(tenant, "tenant");
        Require.text("recipient", recipient);
        Require.text("workflowType", workflowType);
        Require.text("stage", stage);
        Require.notNegative("level", level);
        Require.present("deadline", deadline);
        Require.present("createdAt", createdAt);
        Require.present("message", message);
    }

    @JsonCreator
    static Notification fromJson(
            @JsonProperty("idempotencyKey") String idempotencyKey,
            @JsonProperty("type") NotificationType type,
            @JsonProperty("taskId") String taskId,
            @JsonProperty("tenant") String tenant,
            @JsonProperty("recipient") String recipient,
            @JsonProperty("workflowType") String workflowType,
            @JsonProperty("stage") String stage,
            @JsonProperty("level") int level,
            @JsonProperty("deadline") String deadline,
            @JsonProperty("createdAt") String createdAt,
            @JsonProperty("message") String message) {
        return new Notification(
                idempotencyKey,
                type,
                taskId,
                Optional.ofNullable(tenant),
                recipient,
                workflowType,
                stage,
                level,
                Require.isoInstant("deadline", deadline),
                Require.isoInstant("createdAt", createdAt),
                message == null ? "" : message);
    }

    @JsonProperty("tenant")
    String tenantJson() {
        return tenant.orElse(null);
    }

    @JsonProperty("deadline")
    String deadlineJson() {
        return deadline.toString();
    }

    @JsonProperty("createdAt")
    String createdAtJson() {
        return createdAt.toString();
    }
}
