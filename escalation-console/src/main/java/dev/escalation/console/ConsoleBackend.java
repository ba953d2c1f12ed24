package dev.escalation.console;

import dev.escalation.core.report.ComplianceReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the console reads and does, in one port: the host (or the library's own adapter over
 * the engine's queries and actions) implements it. Each method is called on an HTTP thread of the
 * host's server, possibly several at once; an exception it throws becomes an error page (status
 * 500, no detail shown). The console escapes every text a backend returns.
 */
public interface ConsoleBackend {

    /**
     * Open tasks past their deadline, the longest overdue first.
     *
     * @param after the cursor of the page before, empty for the first page
     * @param limit the most items to return, at least 1
     * @return the page
     */
    ConsolePage<BreachedTask> breached(Optional<String> after, int limit);

    /**
     * A task's timeline: its past steps and the steps the planner will take, oldest first.
     *
     * @param taskId the task
     * @return the lines, empty when the task is unknown
     */
    List<TimelineLine> timeline(String taskId);

    /**
     * Notifications the outbox gave up, the most recent first.
     *
     * @param after the cursor of the page before, empty for the first page
     * @param limit the most items to return, at least 1
     * @return the page
     */
    ConsolePage<GivenUpNotification> givenUp(Optional<String> after, int limit);

    /**
     * Queues a given-up notification again, with its idempotency key, audited under the operator's
     * name - once per request id: the console draws a fresh one for every form it renders, so a form
     * submitted twice (a double click, a resent form) is one request and queues at most once. Called
     * only after the host's {@link ConsoleAuthorizer} named the operator.
     *
     * @param requestId      the request's id, from the form: the same id again is the same request
     * @param notificationId the notification's idempotency key
     * @param operator       the operator, as the authorizer named them
     * @return what the request came to
     */
    Redelivery redeliver(String requestId, String notificationId, String operator);

    /**
     * The SLA compliance report over a range, by day.
     *
     * @param from the start, inclusive
     * @param to   the end, exclusive
     * @return the report
     */
    ComplianceReport compliance(Instant from, Instant to);
}
