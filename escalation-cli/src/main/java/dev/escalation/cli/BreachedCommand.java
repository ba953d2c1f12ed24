package dev.escalation.cli;

import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.task.WorkflowTask;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code breached}: the operator's worklist - the breached tasks (and, with {@code --near}, those near
 * breach), earliest deadline first, one page at a time.
 */
@Command(
        name = "breached",
        mixinStandardHelpOptions = true,
        description = "Lists the breached tasks, earliest deadline first (with --near also the tasks near breach),"
                + " one page at a time; the last line gives the --after cursor of the next page.")
final class BreachedCommand extends StoreCommand {

    @Option(names = "--workflow-type", paramLabel = "TYPE", description = "only tasks of this workflow type")
    private String workflowType;

    @Option(names = "--stage", paramLabel = "STAGE", description = "only tasks in this stage")
    private String stage;

    @Option(names = "--assignee", paramLabel = "USER", description = "only tasks assigned to this user")
    private String assignee;

    @Option(
            names = "--goal",
            paramLabel = "GOAL",
            description = "only tasks whose named goal GOAL is open, judged by that goal's deadline (e.g. response)")
    private String goal;

    @Option(names = "--near", description = "also list the tasks near breach (past their warning point)")
    private boolean near;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "" + TaskQuery.DEFAULT_LIMIT,
            description = "at most N tasks on this page, 1 to " + TaskQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE})")
    private int limit;

    @Option(
            names = "--after",
            paramLabel = "CURSOR",
            description = "the page after this cursor, as the last page printed")
    private String after;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = Instants.class,
            description = "judge as of this instant, e.g. 2026-01-19T09:00:00Z (default: the database's clock)")
    private Instant at;

    @Option(
            names = "--fail-on-breach",
            description = "exit with " + EscalationCli.CHECK_FAILED + " when any task (of these filters) is breached,"
                    + " for a monitoring check")
    private boolean failOnBreach;

    @Override
    void check(CommandSpec command) {
        if (limit < 1 || limit > TaskQuery.MAX_LIMIT) {
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "Invalid value for option '--limit': " + limit + " is not between 1 and " + TaskQuery.MAX_LIMIT);
        }
    }

    @Override
    int run(Session session) {
        Instant asOf = at != null ? at : session.databaseNow();
        OperatorQueries queries = session.store().queries();
        TaskQuery query = filtered(session, TaskQuery.asOf(asOf)).limit(limit);
        query = near
                ? query.standing(SlaStanding.BREACHED, SlaStanding.NEAR_BREACH)
                : query.standing(SlaStanding.BREACHED);
        if (after != null) {
            query = query.after(after);
        }
        Page<OpenTask> page = queries.openTasks(query);
        if (session.json()) {
            session.printJson(json(asOf, page));
        } else {
            text(session.out(), session, asOf, page);
        }
        if (failOnBreach) {
            // Asked apart from the page: a later page, or --near, must not hide a breach.
            boolean anyBreached = !queries.openTasks(filtered(session, TaskQuery.asOf(asOf))
                            .standing(SlaStanding.BREACHED)
                            .limit(1))
                    .items()
                    .isEmpty();
            return anyBreached ? EscalationCli.CHECK_FAILED : EscalationCli.OK;
        }
        return EscalationCli.OK;
    }

    private TaskQuery filtered(Session session, TaskQuery query) {
        TaskQuery q = query;
        if (workflowType != null) {
            q = q.workflowType(workflowType);
        }
        if (stage != null) {
            q = q.stage(stage);
        }
        if (assignee != null) {
            q = q.assignee(assignee);
        }
        if (session.tenant().isPresent()) {
            q = q.tenant(session.tenant().get());
        }
        if (goal != null) {
            q = q.goal(goal);
        }
        return q;
    }

    private void text(PrintWriter out, Session session, Instant asOf, Page<OpenTask> page) {
        String what = near ? "Breached and near-breach tasks" : "Breached tasks";
        String scope = session.tenant().map(t -> "tenant " + t).orElse("all tenants");
        if (page.items().isEmpty()) {
            out.printf("%s at %s, %s: none.%n", what, asOf, scope);
            return;
        }
        out.printf("%s at %s, %s:%n", what, asOf, scope);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("DEADLINE", "STANDING", "TASK", "WORKFLOW TYPE", "STAGE", "ASSIGNEE", "LEVEL", "OVERDUE"));
        for (OpenTask open : page.items()) {
            WorkflowTask task = open.task();
            Optional<Instant> deadline = task.escalation().deadline();
            rows.add(List.of(
                    deadline.map(Instant::toString).orElse("-"),
                    open.standing().name(),
                    task.id(),
                    task.workflowType(),
                    task.stage(),
                    task.assignee(),
                    Integer.toString(task.escalation().level()),
                    deadline.filter(d -> !d.isAfter(asOf))
                            .map(d -> Durations.human(Duration.between(d, asOf)))
                            .orElse("-")));
        }
        Table.print(out, rows);
        page.next().ifPresent(cursor -> out.printf("More: --after %s%n", cursor));
    }

    private static Map<String, Object> json(Instant asOf, Page<OpenTask> page) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (OpenTask open : page.items()) {
            WorkflowTask task = open.task();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", task.id());
            row.put("standing", open.standing().name());
            row.put(
                    "deadline",
                    task.escalation().deadline().map(Instant::toString).orElse(null));
            row.put("workflowType", task.workflowType());
            row.put("stage", task.stage());
            row.put("assignee", task.assignee());
            row.put("tenant", task.tenant().orElse(null));
            row.put("level", task.escalation().level());
            tasks.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("at", asOf.toString());
        result.put("tasks", tasks);
        result.put("next", page.next().orElse(null));
        return result;
    }
}
