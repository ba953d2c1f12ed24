package dev.escalation.core.operations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaAssessment;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.sla.SlaStatus;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task explained: where it stands, every step and change that happened to it (from the audit
 * trail) and every step the planner will take if nobody acts, with their instants, the deadline,
 * the holds and the policy. Answers "why did it escalate, and when will it next?" as a record, as
 * JSON (a plain {@code ObjectMapper}; instants as ISO-8601 text) and as one block of text
 * ({@link #text()}). {@code engine.explain(taskId)} builds one from the store; {@link #of} from parts.
 *
 * <pre>{@code
 * System.out.println(engine.explain("PO-1042").text(ZoneId.of("Europe/Berlin")));
 * }</pre>
 *
 * @param task          the task as stored
 * @param policy        the name of the policy that governs it now
 * @param policyVersion the version of the policy the future steps are planned under ({@link SlaPolicy#version()})
 * @param asOf          the instant the timeline was drawn at
 * @param status        where the task stands against its SLA at {@code asOf}
 * @param warningAt     when the warning falls (fell) due, if the policy warns
 * @param deadline      when the task breaches (breached) its SLA, holds counted; empty while an
 *                      ongoing hold keeps it from being known
 * @param past          what happened, oldest first
 * @param next          what the planner will do if nobody acts, soonest first; empty for a finished
 *                      task or one on hold (its SLA clock is paused)
 * @param moreAfterNext whether the planner has steps beyond {@code next}, left out to keep it short
 */
// The task shows as its fields (taskId, ...): WorkflowTask itself is no JSON type.
@JsonIgnoreProperties({"task"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "taskId",
    "workflowType",
    "stage",
    "assignee",
    "tenant",
    "taskStatus",
    "policy",
    "policyVersion",
    "asOf",
    "status",
    "warningAt",
    "deadline",
    "holds",
    "past",
    "next",
    "moreAfterNext"
})
public record TaskTimeline(
        WorkflowTask task,
        String policy,
        Optional<String> policyVersion,
        Instant asOf,
        SlaStatus status,
        Optional<Instant> warningAt,
        Optional<Instant> deadline,
        List<TimelineEvent> past,
        List<TimelineEvent> next,
        boolean moreAfterNext) {

    /** How many future steps a timeline lists at most. */
    public static final int MAX_NEXT = 20;

    /**
     * Validates the timeline and copies its lists.
     *
     * @param task          the task as stored
     * @param policy        the name of the policy that governs it now
     * @param policyVersion the version of the policy the future steps are planned under ({@link SlaPolicy#version()})
     * @param asOf          the instant the timeline was drawn at
     * @param status        where the task stands against its SLA at {@code asOf}
     * @param warningAt     when the warning falls (fell) due, if the policy warns
     * @param deadline      when the task breaches (breached) its SLA, holds counted; empty while an
     *                      ongoing hold keeps it from being known
     * @param past          what happened, oldest first
     * @param next          what the planner will do if nobody acts, soonest first
     * @param moreAfterNext whether the planner has steps beyond {@code next}
     * @throws IllegalArgumentException when a value is missing
     */
    public TaskTimeline {
        Require.present("task", task);
        Require.text("policy", policy);
        Objects.requireNonNull(policyVersion, "policyVersion");
        Require.present("asOf", asOf);
        Require.present("status", status);
        Objects.requireNonNull(warningAt, "warningAt");
        Objects.requireNonNull(deadline, "deadline");
        past = List.copyOf(Require.present("past", past));
        next = List.copyOf(Require.present("next", next));
    }

    /**
     * Draws the timeline of {@code task} under {@code policy} at {@code asOf}: its audit history as
     * given, and the steps the pure planner ({@link SlaEvaluator#plan}) will take from the task's
     * stored state, one after the other, as runs at each step's instant would. Steps already due
     * at {@code asOf} (no run has taken them yet) are listed at {@code asOf}. Pure: reads no clock.
     *
     * @param policy  the policy that governs the task now
     * @param task    the task as stored
     * @param history the task's audit entries, oldest first
     * @param asOf    the instant to draw at
     * @return the timeline
     */
    public static TaskTimeline of(SlaPolicy policy, WorkflowTask task, List<AuditEntry> history, Instant asOf) {
        Require.present("policy", policy);
        Require.present("task", task);
        Require.present("history", history);
        Require.present("asOf", asOf);
        SlaAssessment now = SlaEvaluator.assess(policy, task, asOf);
        TimelinePlanner.Planned planned = TimelinePlanner.plan(policy, task, asOf, MAX_NEXT);
        return new TaskTimeline(
                task,
                policy.name(),
                // The version the future steps are planned under; the next run re-plans a task that
                // recorded another one (docs/changing-policies.md).
                Optional.of(policy.version()),
                asOf,
                now.status(),
                now.warningAt().filter(TaskTimeline::known),
                Optional.of(now.deadline()).filter(TaskTimeline::known),
                history.stream().map(TimelinePlanner::event).toList(),
                planned.steps(),
                planned.more());
    }

    /** The planner puts a point that an ongoing hold keeps out of reach at the end of time. */
    private static boolean known(Instant instant) {
        return !instant.equals(Instant.MAX);
    }

    /**
     * The timeline as one block of text, instants in UTC.
     *
     * @return the text, lines separated by {@code \n}
     */
    public String text() {
        return text(ZoneOffset.UTC);
    }

    /**
     * The timeline as one block of text, instants in {@code zone} with their offset.
     *
     * @param zone the zone to show instants in, such as the operator's
     * @return the text, lines separated by {@code \n}
     */
    public String text(ZoneId zone) {
        return TimelineText.render(this, Require.present("zone", zone));
    }

    @JsonProperty("taskId")
    String taskIdJson() {
        return task.id();
    }

    @JsonProperty("workflowType")
    String workflowTypeJson() {
        return task.workflowType();
    }

    @JsonProperty("stage")
    String stageJson() {
        return task.stage();
    }

    @JsonProperty("assignee")
    String assigneeJson() {
        return task.assignee();
    }

    @JsonProperty("tenant")
    String tenantJson() {
        return task.tenant().orElse(null);
    }

    @JsonProperty("taskStatus")
    TaskStatus taskStatusJson() {
        return task.status();
    }

    @JsonProperty("policyVersion")
    String policyVersionJson() {
        return policyVersion.orElse(null);
    }

    @JsonProperty("asOf")
    String asOfJson() {
        return asOf.toString();
    }

    @JsonProperty("warningAt")
    String warningAtJson() {
        return warningAt.map(Instant::toString).orElse(null);
    }

    @JsonProperty("deadline")
    String deadlineJson() {
        return deadline.map(Instant::toString).orElse(null);
    }

    @JsonProperty("holds")
    List<Map<String, String>> holdsJson() {
        return task.holds().stream().map(TaskTimeline::holdJson).toList();
    }

    private static Map<String, String> holdJson(Hold hold) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("from", hold.from().toString());
        hold.until().ifPresent(until -> json.put("until", until.toString()));
        return json;
    }
}
