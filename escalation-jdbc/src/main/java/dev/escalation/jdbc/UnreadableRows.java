package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.spi.RunScope;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a claimed task row that does not make a valid task: it is not handed to the
 * engine, it is counted, logged and audited ({@code TASK_SKIPPED} with the reason), and its next
 * check is pushed by the configured retry delay so that it neither blocks the due index nor
 * floods the log. Once someone repairs the row (any host change bumps its version) it is read
 * again at its next check.
 */
final class UnreadableRows {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRows.class);

    private final StoreContext ctx;

    UnreadableRows(StoreContext ctx) {
        this.ctx = ctx;
    }

    void defer(List<TaskRows.Unreadable> rows, RunScope request) {
        ctx.unreadableRows().addAndGet(rows.size());
        Instant retryAt = request.now().plus(ctx.unreadableRetry());
        List<AuditEntry> audit = new ArrayList<>(rows.size());
        for (TaskRows.Unreadable row : rows) {
            LOG.error("task row '{}' cannot be read and is skipped until {}: {}", row.id(), retryAt, row.reason());
            audit.add(new AuditEntry(
                    AuditEntry.newId(request.now()),
                    AuditType.TASK_SKIPPED,
                    row.id(),
                    row.tenant(),
                    request.now(),
                    request.runId(),
                    row.level(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of("reason", "unreadable row: " + row.reason(), "retryAt", retryAt.toString())));
        }
        // On a distributed database one tenant per transaction, each routed to its shard.
        Map<String, List<TaskRows.Unreadable>> parts =
                ctx.dialect().distributed() ? Tenants.split(rows, TaskRows.Unreadable::tenant) : Tenants.whole(rows);
        for (Map.Entry<String, List<TaskRows.Unreadable>> part : parts.entrySet()) {
            List<AuditEntry> partAudit = new ArrayList<>();
            for (AuditEntry entry : audit) {
                if (part.getValue().stream().anyMatch(row -> row.id().equals(entry.taskId()))) {
                    partAudit.add(entry);
                }
            }
            ctx.tx().inTransaction("deferring " + part.getValue().size() + " unreadable task rows", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + ctx.tables().task() + " SET next_check_at = ?, claimed_by = NULL,"
                                + " claimed_until = NULL WHERE id = ? AND version = ?"
                                + ctx.dialect().sameTenant())) {
                    for (TaskRows.Unreadable row : part.getValue()) {
                        Timestamps.bind(ps, 1, retryAt);
                        ps.setString(2, row.id());
                        ps.setLong(3, row.version());
                        ctx.dialect().bindTenant(ps, 4, part.getKey());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                ctx.audit().insert(c, partAudit);
                return null;
            });
            ctx.mirror().append(partAudit);
        }
    }
}
