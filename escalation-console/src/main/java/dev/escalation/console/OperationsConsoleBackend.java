package dev.escalation.console;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.Require;
import dev.escalation.core.operations.DeliveryState;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.OutboxNotification;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.operations.TaskTimeline;
import dev.escalation.core.operations.TimelineEvent;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceReporter;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console's backend over the library's own operations API: the breached worklist and the
 * given-up notifications from {@link OperatorQueries}, a task's timeline (past and planned steps)
 * from {@link EscalationEngine#explain}, redelivery through {@link OperatorActions} (exactly once
 * per request id, audited under the operator's name) and the compliance chart from the audit trail.
 * "Now" is the engine's clock. Both the JDBC store ({@code store.queries()},
 * {@code store.operatorActions()}, {@code JdbcAuditSource::read}) and the in-memory repository fit.
 *
 * <pre>{@code
 * ConsoleBackend backend = new OperationsConsoleBackend(
 *         engine, store.queries(), store.operatorActions(), JdbcAuditSource.of(dataSource)::read);
 * }</pre>
 */
public final class OperationsConsoleBackend implements ConsoleBackend {

    /**
     * Where the compliance report starts reading the trail: its first entry, so that a task opened
     * before the chart's range is known by its workflow type and stage when it completes.
     */
    static final Instant START_OF_TRAIL = Instant.parse("0001-01-01T00:00:00Z");

    private final EscalationEngine engine;
    private final OperatorQueries queries;
    private final OperatorActions actions;
    private final AuditEntrySource audit;

    /**
     * The backend over one store and the engine that runs on it.
     *
     * @param engine  the engine: its clock is "now", its {@code explain} the timelines
     * @param queries the store's queries
     * @param actions the store's operator actions
     * @param audit   the store's audit entries, for the compliance chart
     * @throws IllegalArgumentException when a value is missing
     */
    public OperationsConsoleBackend(
            EscalationEngine engine, OperatorQueries queries, OperatorActions actions, AuditEntrySource audit) {
        this.engine = Require.present("engine", engine);
        this.queries = Require.present("queries", queries);
        this.actions = Require.present("actions", actions);
        this.audit = Require.present("audit", audit);
    }

    @Override
    public ConsolePage<BreachedTask> breached(Optional<String> after, int limit) {
        TaskQuery query = TaskQuery.asOf(engine.clock().now())
                .standing(SlaStanding.BREACHED)
                .limit(limit);
        Page<OpenTask> page = queries.openTasks(after.map(query::after).orElse(query));
        // The query orders by deadline: the earliest deadline, the longest overdue, first.
        return new ConsolePage<>(
                page.items().stream()
                        .map(OpenTask::task)
                        .map(OperationsConsoleBackend::breached)
                        .toList(),
                page.next());
    }

    private static BreachedTask breached(WorkflowTask task) {
        return new BreachedTask(
                task.id(),
                task.workflowType(),
                task.stage(),
                task.tenant(),
                task.assignee(),
                task.escalation().deadline().orElseThrow(),
                task.escalation().level());
    }

    @Override
    public List<TimelineLine> timeline(String taskId) {
        TaskTimeline timeline;
        try {
            timeline = engine.explain(taskId);
        } catch (TaskNotFoundException e) {
            return List.of();
        }
        List<TimelineLine> lines =
                new ArrayList<>(timeline.past().size() + timeline.next().size() + 1);
        timeline.past().forEach(event -> lines.add(line(event, false)));
        timeline.next().forEach(event -> lines.add(line(event, true)));
        if (timeline.moreAfterNext()) {
            TimelineEvent last = timeline.next().get(timeline.next().size() - 1);
            lines.add(new TimelineLine(last.at(), true, "and further steps after this one"));
        }
        return lines;
    }

    private static TimelineLine line(TimelineEvent event, boolean planned) {
        return new TimelineLine(event.at(), planned, event.kind() + ": " + event.summary());
    }

    @Override
    public ConsolePage<GivenUpNotification> givenUp(Optional<String> after, int limit) {
        OutboxQuery query = OutboxQuery.inState(DeliveryState.GIVEN_UP).limit(limit);
        Page<OutboxNotification> page =
                queries.notifications(after.map(query::after).orElse(query));
        return new ConsolePage<>(
                page.items().stream().map(OperationsConsoleBackend::givenUp).toList(), page.next());
    }

    private static GivenUpNotification givenUp(OutboxNotification entry) {
        return new GivenUpNotification(
                entry.notification().idempotencyKey(),
                entry.notification().taskId(),
                entry.notification().type().name(),
                entry.notification().recipient(),
                entry.nextAttemptAt(), // for a given-up notification: when it was given up
                entry.attempts(),
                entry.lastError());
    }

    @Override
    public Redelivery redeliver(String requestId, String notificationId, String operator) {
        dev.escalation.core.operations.Redelivery result =
                actions.redeliver(RedeliveryRequest.one(requestId, operator, notificationId));
        if (result.repeated()) {
            return new Redelivery(
                    notificationId,
                    false,
                    "This form was sent before: notification " + notificationId
                            + " is not queued a second time by it.");
        }
        if (result.requeued().isEmpty()) {
            return new Redelivery(
                    notificationId, false, "Notification " + notificationId + " is not given up; nothing was queued.");
        }
        return new Redelivery(
                notificationId, true, "Notification " + notificationId + " is queued again, by " + operator + ".");
    }

    @Override
    public ComplianceReport compliance(Instant from, Instant to) {
        ComplianceReporter reporter = new ComplianceReporter(from, to, ReportPeriod.DAY);
        audit.read(START_OF_TRAIL, to, reporter::accept);
        return reporter.report();
    }
}
