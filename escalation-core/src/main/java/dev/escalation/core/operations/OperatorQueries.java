package dev.escalation.core.operations;

import dev.escalation.core.audit.AuditEntry;

/**
 * The questions an operator asks of a store, each answered one page at a time: the worklist of
 * active tasks by SLA standing, the audit trail by task, type, tenant and time, and the outbox's
 * undelivered notifications. Optional beside the {@link dev.escalation.core.spi.WorkflowRepository}:
 * the in-memory repository implements it, and so does {@code escalation-jdbc}'s
 * ({@code store.queries()}); the testkit's {@code WorkflowRepositoryContract} checks a store that
 * offers it. Reads committed state; never changes anything. Thread-safe.
 *
 * <pre>{@code
 * Page<OpenTask> page = queries.openTasks(TaskQuery.asOf(clock.now()).standing(SlaStanding.BREACHED));
 * while (true) {
 *     page.items().forEach(t -> System.out.println(t.task().id() + " " + t.task().escalation().deadline()));
 *     if (!page.hasNext()) break;
 *     page = queries.openTasks(TaskQuery.asOf(clock.now()).standing(SlaStanding.BREACHED).after(page.next().get()));
 * }
 * }</pre>
 */
public interface OperatorQueries {

    /**
     * Active tasks (open or on hold) that match {@code query}, by deadline, then id.
     *
     * @param query what to list, and the page
     * @return one page
     * @throws IllegalArgumentException when the query's cursor is not one this store returned
     */
    Page<OpenTask> openTasks(TaskQuery query);

    /**
     * Audit entries that match {@code query}, by when they occurred, then in the order stored.
     *
     * @param query what to read, and the page
     * @return one page
     * @throws IllegalArgumentException when the query's cursor is not one this store returned
     */
    Page<AuditEntry> auditEntries(AuditQuery query);

    /**
     * Undelivered notifications that match {@code query}, by idempotency key.
     *
     * @param query what to list, and the page
     * @return one page
     * @throws IllegalArgumentException when the query's cursor is not one this store returned
     */
    Page<OutboxNotification> notifications(OutboxQuery query);
}
