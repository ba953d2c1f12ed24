package dev.escalation.core.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of the audit trail: a step, a failure or a host action on a task. Immutable; JSON
 * round-trips through a plain {@code ObjectMapper} (instants as ISO-8601 text).
 *
 * @param id           unique id of the entry
 * @param type         what happened
 * @param taskId       the task it happened to
 * @param tenant       the task's tenant, if any
 * @param occurredAt   when it happened, by the engine's clock
 * @param actor        who did it: the engine run id, or the host
 * @param level        the escalation level after the event (0 before the first escalation)
 * @param fromAssignee the assignee before, for reassignments
 * @param toAssignee   the assignee after, for reassignments
 * @param stepKey      the step's key ({@code task/cycle/KIND/ordinal}) for step entries
 * @param details      further facts: policy, deadline, overdue time, error, ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "id",
    "type",
    "taskId",
    "tenant",
    "occurredAt",
    "actor",
    "level",
    "fromAssignee",
    "toAssignee",
    "stepKey",
    "details"
})
public record AuditEntry(
        String id,
        AuditType type,
        String taskId,
        Optional<String> tenant,
        Instant occurredAt,
        String actor,
        int level,
        Optional<String> fromAssignee,
        Optional<String> toAssignee,
        Optional<String> stepKey,
        Map<String, String> details) {

    /**
     * Validates the entry and copies its details.
     *
     * @param id           unique id of the entry
     * @param type         what happened
     * @param taskId       the task it happened to
     * @param tenant       the task's tenant, if any
     * @param occurredAt   when it happened, by the engine's clock
     * @param actor        who did it: the engine run id, or the host
     * @param level        the escalation level after the event (0 before the first escalation)
     * @param fromAssignee the assignee before, for reassignments
     * @param toAssignee   the assignee after, for reassignments
     * @param stepKey      the step's key ({@code task/cycle/KIND/ordinal}) for step entries
     * @param details      further facts: policy, deadline, overdue time, error, ...
     * @throws IllegalArgumentException when a required value is null or blank, or the level is negative
     */
    public AuditEntry {
        Require.text("id", id);
        Require.present("type", type);
        Require.text("taskId", taskId);
        Objects.requireNonNull(tenant, "tenant");
        Require.present("occurredAt", occurredAt);
        Require.text("actor", actor);
        Require.notNegative("level", level);
        Objects.requireNonNull(fromAssignee, "fromAssignee");
        Objects.requireNonNull(toAssignee, "toAssignee");
        Objects.requireNonNull(stepKey, "stepKey");
        details = Map.copyOf(Require.present("details", details));
    }

    /**
     * A new id for an entry that occurred at {@code occurredAt}: a version 7 UUID (RFC 9562) in the usual
     * 36-character lowercase form, whose text sorts by {@code occurredAt}'s millisecond and, within one
     * millisecond, by creation in this JVM, so that a store's index on it grows at its right edge. The
     * engine and the task stores give every entry such an id; a host's own store can use it for its own.
     *
     * <pre>{@code
     * new AuditEntry(AuditEntry.newId(clock.now()), AuditType.TASK_SKIPPED, taskId, ...)
     * }</pre>
     *
     * @param occurredAt when the entry occurred, by the injected clock; an instant before 1970 or after
     *                   the year 10889 sorts as the nearest of those ends
     * @return the new id, unique with overwhelming odds across JVMs too (32 random bits beside the counter)
     * @throws IllegalArgumentException when {@code occurredAt} is null
     */
    public static String newId(Instant occurredAt) {
        return EntryIds.at(Require.present("occurredAt", occurredAt));
    }

    @JsonCreator
    static AuditEntry fromJson(
            @JsonProperty("id") String id,
            @JsonProperty("type") AuditType type,
            @JsonProperty("taskId") String taskId,
            @JsonProperty("tenant") String tenant,
            @JsonProperty("occurredAt") String occurredAt,
            @JsonProperty("actor") String actor,
            @JsonProperty("level") int level,
            @JsonProperty("fromAssignee") String fromAssignee,
            @JsonProperty("toAssignee") String toAssignee,
            @JsonProperty("stepKey") String stepKey,
            @JsonProperty("details") Map<String, String> details) {
        return new AuditEntry(
                id,
                type,
                taskId,
                Optional.ofNullable(tenant),
                Require.isoInstant("occurredAt", occurredAt),
                actor,
                level,
                Optional.ofNullable(fromAssignee),
                Optional.ofNullable(toAssignee),
                Optional.ofNullable(stepKey),
                details == null ? Map.of() : details);
    }

    @JsonProperty("tenant")
    String tenantJson() {
        return tenant.orElse(null);
    }

    @JsonProperty("occurredAt")
    String occurredAtJson() {
        return occurredAt.toString();
    }

    @JsonProperty("fromAssignee")
    String fromAssigneeJson() {
        return fromAssignee.orElse(null);
    }

    @JsonProperty("toAssignee")
    String toAssigneeJson() {
        return toAssignee.orElse(null);
    }

    @JsonProperty("stepKey")
    String stepKeyJson() {
        return stepKey.orElse(null);
    }

    /** Details in key order, so that JSON and logs are stable. */
    @JsonProperty("details")
    Map<String, String> detailsJson() {
        return new TreeMap<>(details);
    }
}
