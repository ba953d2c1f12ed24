package dev.escalation.jdbc;

import dev.escalation.core.Require;
import java.time.Duration;

/**
 * How long the store keeps what only grows: finished outbox rows (delivered or given up) and audit
 * entries, and how many rows one short transaction deletes. Pending notifications and tasks are
 * never deleted. See {@link JdbcEscalationStore#purge}.
 *
 * <pre>{@code
 * RetentionPolicy.keep(Duration.ofDays(7), Duration.ofDays(400));   // outbox a week, audit 400 days
 * }</pre>
 *
 * @param finishedNotifications outbox rows finished (last changed) longer ago than this are deleted
 * @param auditEntries          audit entries that occurred longer ago than this are deleted, oldest first
 * @param batchSize             rows per delete statement and transaction, so that no purge holds locks for long
 */
public record RetentionPolicy(Duration finishedNotifications, Duration auditEntries, int batchSize) {

    /** Rows per batch when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /**
     * Validates the policy.
     *
     * @param finishedNotifications outbox rows finished (last changed) longer ago than this are deleted
     * @param auditEntries          audit entries that occurred longer ago than this are deleted, oldest first
     * @param batchSize             rows per delete statement and transaction, so that no purge holds locks for long
     * @throws IllegalArgumentException when a duration or the batch size is not positive
     */
    public RetentionPolicy {
        Require.positive("finishedNotifications", finishedNotifications);
        Require.positive("auditEntries", auditEntries);
        Require.positive("batchSize", batchSize);
    }

    /**
     * Keeps finished notifications and audit entries this long, deleting {@value #DEFAULT_BATCH_SIZE} rows per batch.
     *
     * @param finishedNotifications how long to keep delivered and given-up outbox rows
     * @param auditEntries          how long to keep audit entries
     * @return the policy
     */
    public static RetentionPolicy keep(Duration finishedNotifications, Duration auditEntries) {
        return new RetentionPolicy(finishedNotifications, auditEntries, DEFAULT_BATCH_SIZE);
    }

    /**
     * This policy with another batch size.
     *
     * @param value rows deleted per transaction
     * @return a copy of this policy with that batch size
     */
    public RetentionPolicy withBatchSize(int value) {
        return new RetentionPolicy(finishedNotifications, auditEntries, value);
    }
}
