package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Records a batch of step transitions in one transaction and three JDBC batches, whatever the
 * batch's size: first every compare-and-swap update ({@code WHERE id = ? AND version = ? AND
 * status = 'OPEN'}), whose update counts say which transitions won; then the outbox rows and the
 * audit rows (which lock their chain's head) of the winners only. A lost race changes nothing and writes nothing. Either the whole
 * batch is stored or, on any failure, none of it.
 */
final class StepRecorder {

    private final StoreContext ctx;
    private final OutboxRows outbox;
    private final String compareAndSwap;

    StepRecorder(StoreContext ctx, OutboxRows outbox) {
        this.ctx = ctx;
        this.outbox = outbox;
        this.compareAndSwap = "UPDATE " + ctx.tables().task() + " SET assignee = ?, " + TaskRows.STATE_ASSIGNMENTS
                + ", version = version + 1, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                + " WHERE id = ? AND version = ? AND status = 'OPEN'";
    }

    List<String> record(RunScope scope, List<StepTransition> transitions) {
        if (transitions.isEmpty()) {
            return List.of();
        }
        List<StepTransition> sorted = new ArrayList<>(transitions);
        // Rows are locked in id order, so two runners whose batches overlap (after a lease expired) cannot deadlock.
        sorted.sort(Comparator.comparing(StepTransition::taskId));
        try {
            Recorded recorded = recordAll(sorted, scope);
            ctx.mirror().append(recorded.audit());
            return recorded.ids();
        } catch (RuntimeException e) {
            releaseClaims(sorted, e);
            throw e;
        }
    }

    /** The ids of the applied transitions and the audit entries stored with them. */
    private record Recorded(List<String> ids, List<AuditEntry> audit) {}

    private Recorded recordAll(List<StepTransition> sorted, RunScope scope) {
        Instant now = scope.now();
        return ctx.tx().inTransaction("recording " + sorted.size() + " step transitions", c -> {
            List<StepTransition> applied = compareAndSwap(c, sorted, now);
            List<AuditEntry> audit = new ArrayList<>();
            List<OutboxRows.Queued> queued = new ArrayList<>();
            List<String> ids = new ArrayList<>(applied.size());
            for (StepTransition t : applied) {
                ids.add(t.taskId());
                audit.addAll(t.auditEntries());
                for (Notification n : t.notifications()) {
                    queued.add(new OutboxRows.Queued(n, scope.leaseUntil(), now));
                }
            }
            outbox.insert(c, queued);
            // Last, so that the audit chain's head is held only for the audit rows and the commit.
            ctx.audit().insert(c, audit);
            return new Recorded(ids, audit);
        });
    }

    /**
     * After a failed batch, hands its tasks back at once instead of at the end of the lease, so the
     * next run retries them without waiting. Best effort: a row still at the planned version is
     * still this run's claim; if the database is gone, the lease expires as usual.
     */
    private void releaseClaims(List<StepTransition> transitions, RuntimeException failure) {
        try {
            ctx.tx().inTransaction("releasing the claims of a failed batch", c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE " + ctx.tables().task()
                                + " SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND version = ?")) {
                    for (StepTransition t : transitions) {
                        ps.setString(1, t.taskId());
                        ps.setLong(2, t.expectedVersion());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private List<StepTransition> compareAndSwap(Connection c, List<StepTransition> transitions, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(compareAndSwap)) {
            for (StepTransition t : transitions) {
                ps.setString(1, t.assignee());
                int i = TaskRows.bindState(ps, 2, t.state(), true);
                Timestamps.bind(ps, i++, now);
                ps.setString(i++, t.taskId());
                ps.setLong(i, t.expectedVersion());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<StepTransition> applied = new ArrayList<>(transitions.size());
            for (int k = 0; k < counts.length; k++) {
                if (BatchCounts.applied(counts[k])) {
                    applied.add(transitions.get(k));
                }
            }
            return applied;
        }
    }
}
