package dev.escalation.jdbc;

import java.time.Instant;

/**
 * What one {@link JdbcEscalationStore#purge} deleted.
 *
 * @param notificationsBefore  the cut-off for finished outbox rows
 * @param auditBefore          the cut-off for audit entries
 * @param notificationsDeleted finished outbox rows deleted
 * @param auditEntriesDeleted  audit entries deleted (each chain's anchor moved to the last of them)
 * @param batches              delete transactions run
 */
public record RetentionReport(
        Instant notificationsBefore,
        Instant auditBefore,
        long notificationsDeleted,
        long auditEntriesDeleted,
        int batches) {}
