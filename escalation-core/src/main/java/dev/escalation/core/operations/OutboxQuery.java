package dev.escalation.core.operations;

import dev.escalation.core.Require;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which undelivered notifications an operator lists: in the given delivery states, of one task or
 * tenant, ordered by idempotency key, one page of {@link #limit} after the cursor {@link #after}.
 * Delivered and withdrawn notifications are done with and never listed.
 *
 * <pre>{@code
 * Page<OutboxNotification> givenUp = queries.notifications(OutboxQuery.inState(DeliveryState.GIVEN_UP));
 * }</pre>
 *
 * @param states the states to list; empty for every undelivered notification
 * @param taskId only notifications about this task
 * @param tenant only notifications of this tenant
 * @param limit  at most this many per page, 1 to {@value #MAX_LIMIT}
 * @param after  the cursor of the page before; empty for the first page
 */
public record OutboxQuery(
        Set<DeliveryState> states,
        Optional<String> taskId,
        Optional<String> tenant,
        int limit,
        Optional<String> after) {

    /** The page size unless a query says otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Validates the query.
     *
     * @param states the states to list; empty for every undelivered notification
     * @param taskId only notifications about this task
     * @param tenant only notifications of this tenant
     * @param limit  at most this many per page, 1 to {@value #MAX_LIMIT}
     * @param after  the cursor of the page before; empty for the first page
     * @throws IllegalArgumentException when a filter is blank or the limit out of range, naming it and its value
     */
    public OutboxQuery {
        states = Set.copyOf(Require.present("states", states));
        QueryChecks.optionalText("taskId", taskId);
        QueryChecks.optionalText("tenant", tenant);
        QueryChecks.limit(limit, MAX_LIMIT);
        QueryChecks.optionalText("after", after);
    }

    /**
     * Every undelivered notification in one of the given states, first page of {@value #DEFAULT_LIMIT}.
     *
     * @param first  a state to list
     * @param others more states to list
     * @return the query
     */
    public static OutboxQuery inState(DeliveryState first, DeliveryState... others) {
        return new OutboxQuery(
                EnumSet.of(first, others), Optional.empty(), Optional.empty(), DEFAULT_LIMIT, Optional.empty());
    }

    /**
     * Every undelivered notification, first page of {@value #DEFAULT_LIMIT}.
     *
     * @return the query
     */
    public static OutboxQuery undelivered() {
        return new OutboxQuery(Set.of(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT, Optional.empty());
    }

    /**
     * This query, listing only notifications about task {@code value}.
     *
     * @param value the task id
     * @return the narrowed query
     */
    public OutboxQuery task(String value) {
        return new OutboxQuery(states, Optional.of(value), tenant, limit, after);
    }

    /**
     * This query, listing only notifications of tenant {@code value}.
     *
     * @param value the tenant
     * @return the narrowed query
     */
    public OutboxQuery tenant(String value) {
        return new OutboxQuery(states, taskId, Optional.of(value), limit, after);
    }

    /**
     * This query with pages of at most {@code value} notifications.
     *
     * @param value the page size, 1 to {@value #MAX_LIMIT}
     * @return the query
     */
    public OutboxQuery limit(int value) {
        return new OutboxQuery(states, taskId, tenant, value, after);
    }

    /**
     * This query's page after the one that returned {@code cursor}.
     *
     * @param cursor a page's {@link Page#next()}
     * @return the query for the next page
     */
    public OutboxQuery after(String cursor) {
        return new OutboxQuery(states, taskId, tenant, limit, Optional.of(Objects.requireNonNull(cursor, "after")));
    }

    /**
     * Whether {@code entry} passes this query's filters (the cursor aside).
     *
     * @param entry an undelivered notification
     * @return whether the query lists it
     */
    public boolean matches(OutboxNotification entry) {
        return (states.isEmpty() || states.contains(entry.state()))
                && taskId.map(entry.notification().taskId()::equals).orElse(true)
                && tenant.map(t -> entry.notification().tenant().equals(Optional.of(t)))
                        .orElse(true);
    }
}
