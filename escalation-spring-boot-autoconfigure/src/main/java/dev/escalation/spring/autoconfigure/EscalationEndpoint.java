package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.operations.TaskTimeline;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.lang.Nullable;

/**
 * Actuator's {@code escalation} endpoint, read-only: this node's last run report, its SLA counts, when
 * the last run succeeded and how many failed since ({@code GET /actuator/escalation}); the breached
 * tasks, paged ({@code GET /actuator/escalation/breached?after=&limit=}); a task's timeline
 * ({@code GET /actuator/escalation/tasks/{id}}). {@link EscalationWriteEndpoint} adds the write
 * operations when {@code escalation.endpoint.write.enabled} (or {@code run-now-enabled}) is true.
 */
@Endpoint(id = "escalation")
public class EscalationEndpoint {

    /** Rows of a breached page when the request names no limit. */
    static final int DEFAULT_LIMIT = 50;

    private final RunHistory history;
    private final EscalationHealth health;
    private final EscalationEngine engine;
    private final OperatorQueries queries;
    private final Clock clock;

    /**
     * The endpoint over this node's runs and the store's tasks.
     *
     * @param history the runs
     * @param health  the health verdict, reported beside them
     * @param engine  the engine, which explains a task
     * @param queries the store's queries over open tasks
     * @param clock   the engine's clock, which decides what is breached now
     */
    public EscalationEndpoint(
            RunHistory history,
            EscalationHealth health,
            EscalationEngine engine,
            OperatorQueries queries,
            Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.health = Objects.requireNonNull(health, "health");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The state of this node's runs.
     *
     * @return the last run report, SLA counts, health and failure figures
     */
    @ReadOperation
    public Map<String, Object> status() {
        RunHistory.Snapshot runs = history.snapshot();
        Map<String, Object> status = new LinkedHashMap<>();
        EscalationHealth.Verdict verdict = health.check();
        status.put("healthy", verdict.up());
        if (!verdict.up()) {
            status.put("reason", verdict.reason());
        }
        runs.lastSuccessAt().ifPresent(at -> status.put("lastSuccessfulRunAt", at.toString()));
        status.put("failedRunsInARow", runs.failedInARow());
        runs.lastFailure().ifPresent(f -> status.put("lastFailure", f));
        runs.lastReport().flatMap(RunReport::slaCounts).ifPresent(c -> status.put("slaCounts", c));
        runs.lastReport().ifPresent(r -> status.put("lastRun", r));
        return status;
    }

    /**
     * A page of open tasks past their deadline now, by the store's keyset order ({@code breached}).
     *
     * @param list  the list's name, {@code breached}
     * @param after the {@code next} cursor of the page before, absent for the first page
     * @param limit the most tasks to return, 1 to 1,000; 50 when absent
     * @return {@code tasks} and, when there are more, {@code next}; {@code null} (404) for another list
     * @throws InvalidEndpointRequestException when the limit or the cursor is invalid (400)
     */
    @ReadOperation
    @Nullable
    public Map<String, Object> list(@Selector String list, @Nullable String after, @Nullable Integer limit) {
        if (!"breached".equals(list)) {
            return null;
        }
        Page<OpenTask> page = badRequestOn(() -> {
            TaskQuery query = TaskQuery.asOf(clock.now())
                    .standing(SlaStanding.BREACHED)
                    .limit(limit == null ? DEFAULT_LIMIT : limit);
            return queries.openTasks(after == null ? query : query.after(after));
        });
        List<Map<String, Object>> tasks =
                page.items().stream().map(t -> task(t.task())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tasks", tasks);
        page.next().ifPresent(next -> body.put("next", next));
        return body;
    }

    /**
     * A task's timeline: its SLA status, deadline, past steps and the steps to come
     * ({@code tasks/{id}}).
     *
     * @param collection the collection's name, {@code tasks}
     * @param id         the task's id
     * @return the timeline; {@code null} (404) when no such task is stored or for another collection
     */
    @ReadOperation
    @Nullable
    public TaskTimeline timeline(@Selector String collection, @Selector String id) {
        if (!"tasks".equals(collection)) {
            return null;
        }
        try {
            return engine.explain(id);
        } catch (TaskNotFoundException e) {
            return null;
        }
    }

    private static Map<String, Object> task(WorkflowTask task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.id());
        json.put("workflowType", task.workflowType());
        json.put("stage", task.stage());
        json.put("assignee", task.assignee());
        task.tenant().ifPresent(tenant -> json.put("tenant", tenant));
        task.escalation().deadline().ifPresent(deadline -> json.put("deadline", deadline.toString()));
        json.put("escalationLevel", task.escalation().level());
        return json;
    }

    /** A request the library's validation refuses answers 400 with its message, not 500. */
    static <T> T badRequestOn(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
    }
}
