package dev.escalation.core.operations;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which active tasks an operator lists: those standing where {@link #standings} says at {@link #asOf},
 * narrowed by workflow type, stage, assignee, tenant and named goal, ordered by deadline (tasks not evaluated
 * yet, without one, last; ties by id), one page of {@link #limit} after the cursor {@link #after}.
 *
 * <pre>{@code
 * Page<OpenTask> breached = queries.openTasks(TaskQuery.asOf(clock.now())
 *         .standing(SlaStanding.BREACHED)
 *         .stage("Manager Approval"));
 * }</pre>
 *
 * @param asOf         the instant at which to judge where each task stands
 * @param standings    the standings to list; empty lists every active task
 * @param workflowType only tasks of this workflow type
 * @param stage        only tasks in this stage
 * @param assignee     only tasks assigned to this user
 * @param tenant       only tasks of this tenant
 * @param limit        at most this many tasks per page, 1 to {@value #MAX_LIMIT}
 * @param after        the cursor of the page before; empty for the first page
 * @param goal         only tasks with an open named goal of this name, judged by that goal's own
 *                     warning point and deadline (see {@link OpenTask#goalStandings}) instead of the task's
 */
public record TaskQuery(
        Instant asOf,
        Set<SlaStanding> standings,
        Optional<String> workflowType,
        Optional<String> stage,
        Optional<String> assignee,
        Optional<String> tenant,
        int limit,
        Optional<String> after,
        Optional<String> goal) {

    /** The page size unless a query says otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Validates the query.
     *
     * @param asOf         the instant at which to judge where each task stands
     * @param standings    the standings to list; empty lists every active task
     * @param workflowType only tasks of this workflow type
     * @param stage        only tasks in this stage
     * @param assignee     only tasks assigned to this user
     * @param tenant       only tasks of this tenant
     * @param limit        at most this many tasks per page, 1 to {@value #MAX_LIMIT}
     * @param after        the cursor of the page before; empty for the first page
     * @param goal         only tasks with an open named goal of this name, standing as that goal stands
     * @throws IllegalArgumentException when a filter is blank or the limit out of range, naming it and its value
     */
    public TaskQuery {
        Require.present("asOf", asOf);
        standings = Set.copyOf(Require.present("standings", standings));
        QueryChecks.optionalText("workflowType", workflowType);
        QueryChecks.optionalText("stage", stage);
        QueryChecks.optionalText("assignee", assignee);
        QueryChecks.optionalText("tenant", tenant);
        QueryChecks.limit(limit, MAX_LIMIT);
        QueryChecks.optionalText("after", after);
        Require.present("goal", goal).ifPresent(name -> {
            if (!dev.escalation.core.policy.Goal.isValidName(name)) {
                throw new IllegalArgumentException(
                        "goal must be a letter followed by at most 39 letters, digits, '_' or '-', but was '" + name
                                + "'");
            }
        });
    }

    /**
     * A query of every task, its goals aside, as every query was before goals (issue #20).
     *
     * @param asOf         the instant at which to judge where each task stands
     * @param standings    the standings to list; empty lists every active task
     * @param workflowType only tasks of this workflow type
     * @param stage        only tasks in this stage
     * @param assignee     only tasks assigned to this user
     * @param tenant       only tasks of this tenant
     * @param limit        at most this many tasks per page, 1 to {@value #MAX_LIMIT}
     * @param after        the cursor of the page before; empty for the first page
     * @throws IllegalArgumentException when a filter is blank or the limit out of range, naming it and its value
     */
    public TaskQuery(
            Instant asOf,
            Set<SlaStanding> standings,
            Optional<String> workflowType,
            Optional<String> stage,
            Optional<String> assignee,
            Optional<String> tenant,
            int limit,
            Optional<String> after) {
        this(asOf, standings, workflowType, stage, assignee, tenant, limit, after, Optional.empty());
    }

    /**
     * Every active task at {@code asOf}, first page of {@value #DEFAULT_LIMIT}.
     *
     * @param asOf the instant at which to judge where each task stands
     * @return the query
     */
    public static TaskQuery asOf(Instant asOf) {
        return new TaskQuery(
                asOf,
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_LIMIT,
                Optional.empty());
    }

    /**
     * This query, listing only tasks that stand as one of {@code values}.
     *
     * @param first  a standing to list
     * @param others more standings to list
     * @return the narrowed query
     */
    public TaskQuery standing(SlaStanding first, SlaStanding... others) {
        return new TaskQuery(
                asOf, EnumSet.of(first, others), workflowType, stage, assignee, tenant, limit, after, goal);
    }

    /**
     * This query, listing only tasks of workflow type {@code value}.
     *
     * @param value the workflow type
     * @return the narrowed query
     */
    public TaskQuery workflowType(String value) {
        return new TaskQuery(asOf, standings, Optional.of(value), stage, assignee, tenant, limit, after, goal);
    }

    /**
     * This query, listing only tasks in stage {@code value}.
     *
     * @param value the stage
     * @return the narrowed query
     */
    public TaskQuery stage(String value) {
        return new TaskQuery(asOf, standings, workflowType, Optional.of(value), assignee, tenant, limit, after, goal);
    }

    /**
     * This query, listing only tasks assigned to {@code value}.
     *
     * @param value the assignee
     * @return the narrowed query
     */
    public TaskQuery assignee(String value) {
        return new TaskQuery(asOf, standings, workflowType, stage, Optional.of(value), tenant, limit, after, goal);
    }

    /**
     * This query, listing only tasks of tenant {@code value}.
     *
     * @param value the tenant
     * @return the narrowed query
     */
    public TaskQuery tenant(String value) {
        return new TaskQuery(asOf, standings, workflowType, stage, assignee, Optional.of(value), limit, after, goal);
    }

    /**
     * This query with pages of at most {@code value} tasks.
     *
     * @param value the page size, 1 to {@value #MAX_LIMIT}
     * @return the query
     */
    public TaskQuery limit(int value) {
        return new TaskQuery(asOf, standings, workflowType, stage, assignee, tenant, value, after, goal);
    }

    /**
     * This query's page after the one that returned {@code cursor}.
     *
     * @param cursor a page's {@link Page#next()}
     * @return the query for the next page
     */
    public TaskQuery after(String cursor) {
        return new TaskQuery(
                asOf,
                standings,
                workflowType,
                stage,
                assignee,
                tenant,
                limit,
                Optional.of(Objects.requireNonNull(cursor, "after")),
                goal);
    }

    /**
     * This query, listing only tasks whose named goal {@code value} is open, each judged by that
     * goal's own warning point and deadline: {@code standing(BREACHED).goal("response")} lists the
     * tasks whose response is overdue, whatever their resolution. Tasks whose policy has no goal of
     * that name, or that met it, are left out.
     *
     * @param value the goal's name
     * @return the narrowed query
     * @throws IllegalArgumentException when the value is not a goal name
     */
    public TaskQuery goal(String value) {
        return new TaskQuery(asOf, standings, workflowType, stage, assignee, tenant, limit, after, Optional.of(value));
    }

    /**
     * Whether {@code task}, standing as {@code standing}, passes this query's filters (the cursor aside).
     *
     * @param task     an active task
     * @param standing where it stands at {@link #asOf()}
     * @return whether the query lists it
     */
    public boolean matches(dev.escalation.core.task.WorkflowTask task, SlaStanding standing) {
        Optional<SlaStanding> judged = goal.isEmpty()
                ? Optional.of(standing)
                : Optional.ofNullable(
                        new OpenTask(task, standing).goalStandings(asOf).get(goal.get()));
        return judged.filter(s -> standings.isEmpty() || standings.contains(s)).isPresent()
                && workflowType.map(task.workflowType()::equals).orElse(true)
                && stage.map(task.stage()::equals).orElse(true)
                && assignee.map(task.assignee()::equals).orElse(true)
                && tenant.map(t -> task.tenant().equals(Optional.of(t))).orElse(true);
    }
}
