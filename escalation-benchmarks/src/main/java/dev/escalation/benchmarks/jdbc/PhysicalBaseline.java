package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.jdbc.StepStatements.Claimed;
import dev.escalation.benchmarks.jdbc.StepStatements.Step;
import dev.escalation.jdbc.internal.Transactions;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * The floor under the engine: the statements its steps need ({@link StepStatements}), in the same
 * batches and transactions, through the same connection handling as the store, with the engine's
 * logic taken out - no policy, no planning, no task objects, no JSON encoding, no listeners. What
 * the engine takes beyond this is its own cost.
 */
final class PhysicalBaseline {

    private static final String OWNER = "physical-baseline";
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Transactions tx;

    PhysicalBaseline(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** Applies the warning of every task due at {@code now}; returns how many. */
    int run(Instant now) {
        Instant leaseUntil = now.plus(LEASE);
        int batch = JdbcWorkload.BATCH_SIZE;
        tx.inTransaction(
                "claiming notifications", c -> StepStatements.claimNotifications(c, now, leaseUntil, OWNER, batch));
        int applied = 0;
        while (true) {
            List<Claimed> claimed = new ArrayList<>(tx.inTransaction(
                    "claiming tasks", c -> StepStatements.claimTasks(c, now, leaseUntil, OWNER, batch)));
            if (claimed.isEmpty()) {
                break;
            }
            claimed.sort(Comparator.comparing(Claimed::id));
            List<Step> steps = new ArrayList<>(claimed.size());
            for (Claimed task : claimed) {
                Instant deadline = task.slaStart().plus(JdbcWorkload.SLA);
                steps.add(Step.warning(
                        task.id(),
                        task.version(),
                        task.assignee(),
                        now,
                        deadline.minus(JdbcWorkload.WARN_BEFORE),
                        deadline,
                        OWNER,
                        leaseUntil));
            }
            applied += record(steps, now);
            deliver(steps, now);
        }
        tx.inTransaction("reading the next due instant", c -> {
            StepStatements.readNextDue(c);
            return null;
        });
        return applied;
    }

    private int record(List<Step> steps, Instant now) {
        return tx.inTransaction("recording steps", c -> {
            int applied = 0;
            try (PreparedStatement ps = c.prepareStatement(StepStatements.COMPARE_AND_SWAP)) {
                for (Step s : steps) {
                    StepStatements.bindCompareAndSwap(ps, s, now);
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    applied += count;
                }
            }
            StepStatements.OUTBOX_ROWS.insert(c, steps);
            StepStatements.AUDIT_ROWS.insert(c, StepStatements.auditEntries(steps));
            return applied;
        });
    }

    private void deliver(List<Step> steps, Instant now) {
        tx.inTransaction("recording deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement(StepStatements.RECORD_DELIVERY)) {
                for (Step s : steps) {
                    StepStatements.bindDelivered(ps, s.notificationKey(), now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
