package dev.escalation.core.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.escalation.core.Require;
import java.time.Instant;

/**
 * One point on a task's timeline: a step or change that happened (from the audit trail), or a step
 * the planner will take. JSON through a plain {@code ObjectMapper} (the instant as ISO-8601 text).
 *
 * @param at      when it happened, or when it falls due
 * @param kind    what it is: an {@link dev.escalation.core.audit.AuditType} name for the past, a
 *                {@link dev.escalation.core.sla.StepKind} name (or {@code SLA_BREACH}) for the future
 * @param summary one line for a person: the step, who moved the task where, the target, ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"at", "kind", "summary"})
public record TimelineEvent(Instant at, String kind, String summary) {

    /**
     * Validates the event.
     *
     * @param at      when it happened, or when it falls due
     * @param kind    what it is
     * @param summary one line for a person
     * @throws IllegalArgumentException when a value is missing or blank
     */
    public TimelineEvent {
        Require.present("at", at);
        Require.text("kind", kind);
        Require.text("summary", summary);
    }

    @JsonProperty("at")
    String atJson() {
        return at.toString();
    }
}
