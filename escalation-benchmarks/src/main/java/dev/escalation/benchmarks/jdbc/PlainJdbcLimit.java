package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.jdbc.StepRows.Outbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The plain-JDBC limit of issue #19: a step's work - the task row's change, its audit row, its
 * outbox row - and nothing more, by the batch of {@value JdbcWorkload#BATCH_SIZE}, in one
 * transaction per batch: a {@code SELECT ... FOR UPDATE SKIP LOCKED} of the due tasks, one JDBC
 * batch of task updates, one of audit inserts, one of outbox inserts, one commit. No lease is
 * written (the row locks hold the tasks until the commit), no audit chain is kept ({@link StepRows}
 * says why), and each outbox row is written once, already delivered, instead of inserted and then
 * updated; the notifications go to the notifier after the commit. What the engine takes beyond
 * this is what the engine and its store add, the gap that #19 is about.
 */
final class PlainJdbcLimit {

    private final DataSource dataSource;
    private final AtomicLong delivered;

    /** A limit on {@code dataSource} whose notifier counts its notifications in {@code delivered}. */
    PlainJdbcLimit(DataSource dataSource, AtomicLong delivered) {
        this.dataSource = dataSource;
        this.delivered = delivered;
    }

    /** Applies the warning of every task due at {@code now}; returns how many. */
    int run(Instant now) throws SQLException {
        String actor = WarningStep.newActor();
        int applied = 0;
        while (true) {
            List<WarningStep> batch = StepRows.inTransaction(dataSource, c -> {
                List<WarningStep> steps = selectDue(c.prepareStatement(StepRows.SELECT_DUE), now, actor);
                if (!steps.isEmpty()) {
                    int changed = StepRows.warnTasks(c, steps);
                    if (changed != steps.size()) {
                        throw new IllegalStateException(
                                "changed " + changed + " of the " + steps.size() + " locked task rows");
                    }
                    StepRows.insertAudit(c, steps);
                    StepRows.insertOutbox(c, steps, Outbox.DELIVERED, now);
                }
                return steps;
            });
            delivered.addAndGet(batch.size());
            applied += batch.size();
            if (batch.size() < JdbcWorkload.BATCH_SIZE) {
                return applied;
            }
        }
    }

    private static List<WarningStep> selectDue(PreparedStatement ps, Instant now, String actor) throws SQLException {
        try (ps) {
            StepRows.bind(ps, 1, now);
            ps.setInt(2, JdbcWorkload.BATCH_SIZE);
            List<WarningStep> steps = new ArrayList<>(JdbcWorkload.BATCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(WarningStep.of(
                            rs.getString("id"),
                            rs.getLong("version"),
                            rs.getString("assignee"),
                            now,
                            StepRows.requiredInstant(rs, "deadline"),
                            actor));
                }
            }
            return steps;
        }
    }
}
