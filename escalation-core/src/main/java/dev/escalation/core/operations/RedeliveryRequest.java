package dev.escalation.core.operations;

import dev.escalation.core.Require;
import dev.escalation.core.task.InputLimits;
import java.time.Instant;

/**
 * An operator's request to deliver given-up notifications again.
 *
 * <p>The request id makes the request idempotent: a console renders one with its button, so that two
 * operators pressing it, or a retried call, act once. Any storable name up to
 * {@link InputLimits#MAX_NAME_LENGTH} characters does, a random UUID is usual.
 *
 * @param requestId the request's id: acted on once, whoever sends it how often
 * @param operator  who asks, as audited
 * @param selection which given-up notifications
 */
public record RedeliveryRequest(String requestId, String operator, Selection selection) {

    /**
     * Validates the request.
     *
     * @param requestId the request's id
     * @param operator  who asks
     * @param selection which given-up notifications
     * @throws IllegalArgumentException when a name is blank, too long or unstorable, or the selection is null
     */
    public RedeliveryRequest {
        InputLimits.name("requestId", requestId);
        InputLimits.name("operator", operator);
        Require.present("selection", selection);
    }

    /**
     * One notification, by its idempotency key.
     *
     * @param requestId      the request's id
     * @param operator       who asks
     * @param idempotencyKey the notification's key
     * @return the request
     * @throws IllegalArgumentException when a value is blank, too long or unstorable
     */
    public static RedeliveryRequest one(String requestId, String operator, String idempotencyKey) {
        return new RedeliveryRequest(requestId, operator, new Selection.One(idempotencyKey));
    }

    /**
     * Every given-up notification of one task.
     *
     * @param requestId the request's id
     * @param operator  who asks
     * @param taskId    the task
     * @return the request
     * @throws IllegalArgumentException when a value is blank, too long or unstorable
     */
    public static RedeliveryRequest ofTask(String requestId, String operator, String taskId) {
        return new RedeliveryRequest(requestId, operator, new Selection.OfTask(taskId));
    }

    /**
     * Every notification given up at or after {@code from} and before {@code until}.
     *
     * @param requestId the request's id
     * @param operator  who asks
     * @param from      the range's start, inclusive
     * @param until     the range's end, exclusive
     * @return the request
     * @throws IllegalArgumentException when a value is blank or null, or the range is empty
     */
    public static RedeliveryRequest givenUpBetween(String requestId, String operator, Instant from, Instant until) {
        return new RedeliveryRequest(requestId, operator, new Selection.GivenUpBetween(from, until));
    }

    /** Which given-up notifications a request selects. */
    public sealed interface Selection {

        /**
         * One notification.
         *
         * @param idempotencyKey its key
         */
        record One(String idempotencyKey) implements Selection {
            /**
             * Validates the key.
             *
             * @param idempotencyKey its key
             * @throws IllegalArgumentException when the key is blank, too long or unstorable
             */
            public One {
                InputLimits.name("idempotencyKey", idempotencyKey);
            }
        }

        /**
         * Every given-up notification of a task.
         *
         * @param taskId the task
         */
        record OfTask(String taskId) implements Selection {
            /**
             * Validates the task id.
             *
             * @param taskId the task
             * @throws IllegalArgumentException when the id is blank, too long or unstorable
             */
            public OfTask {
                InputLimits.name("taskId", taskId);
            }
        }

        /**
         * Every notification given up in a time range.
         *
         * @param from  the range's start, inclusive
         * @param until the range's end, exclusive
         */
        record GivenUpBetween(Instant from, Instant until) implements Selection {
            /**
             * Validates the range.
             *
             * @param from  the range's start, inclusive
             * @param until the range's end, exclusive
             * @throws IllegalArgumentException when an instant is null or {@code until} is not after {@code from}
             */
            public GivenUpBetween {
                from = InputLimits.instant("from", from);
                until = InputLimits.instant("until", until);
                if (!until.isAfter(from)) {
                    throw new IllegalArgumentException("until must be after from " + from + ", but was " + until);
                }
            }
        }
    }
}
