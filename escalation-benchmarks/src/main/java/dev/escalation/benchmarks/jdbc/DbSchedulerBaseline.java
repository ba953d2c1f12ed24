package dev.escalation.benchmarks.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.escalation.benchmarks.jdbc.StepRows.Outbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * db-scheduler (issue #19's comparison), doing a step's work per execution: one one-time execution
 * per due task, scheduled before the clock starts (as the engine's tasks are due before its run),
 * whose handler changes the task row, inserts its audit row and its outbox row (already delivered,
 * as the limit writes it) in one transaction, then hands the notification to the counting notifier.
 * db-scheduler picks, runs and deletes each execution in transactions of its own - that is its design,
 * and what it costs per item is what the comparison shows. Its best configuration here: lock-and-fetch
 * polling (one {@code UPDATE ... FOR UPDATE SKIP LOCKED} per poll), {@link #THREADS} worker threads,
 * immediate polling again while a poll filled the threads, a 100 ms polling interval.
 */
final class DbSchedulerBaseline {

    /** The db-scheduler version the benchmarks module depends on. */
    static final String VERSION = "16.7.1";

    /** Worker threads: more only queue on the two cores and the pool. */
    static final int THREADS = 8;

    private static final String TABLE = "scheduled_tasks";
    private static final String TASK_NAME = "escalation-warning";

    private final DataSource dataSource;
    private final AtomicLong delivered;

    /** A baseline on {@code dataSource} (a pool of at least {@link #THREADS} + 2 connections) counting in {@code delivered}. */
    DbSchedulerBaseline(DataSource dataSource, AtomicLong delivered) {
        this.dataSource = dataSource;
        this.delivered = delivered;
    }

    /** db-scheduler's own table and indexes for PostgreSQL (its {@code postgresql_tables.sql}). */
    static String[] schema() {
        return new String[] {
            "CREATE TABLE IF NOT EXISTS " + TABLE + " (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
                    + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
                    + " picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE,"
                    + " consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
                    + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))",
            "CREATE INDEX IF NOT EXISTS execution_time_idx ON " + TABLE + " (execution_time)",
            "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON " + TABLE + " (last_heartbeat)",
            "CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON " + TABLE
                    + " (priority DESC, execution_time ASC)"
        };
    }

    /**
     * Schedules one execution per task due at {@code dueAt}, due now by db-scheduler's (system) clock;
     * returns how many. Not timed: the engine's tasks are due before its run starts as well.
     */
    int schedule(Instant dueAt) throws SQLException {
        return StepRows.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                    + " (task_name, task_instance, execution_time, picked, version) SELECT ?, id, now() - interval '1 second',"
                    + " false, 1 FROM " + StepRows.TASK + " WHERE next_check_at = ?")) {
                ps.setString(1, TASK_NAME);
                StepRows.bind(ps, 2, dueAt);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Starts a scheduler, waits until it has run {@code executions} executions (the step of each task
     * due at {@code now}), stops it; returns how many steps were applied.
     */
    int run(Instant now, int executions) throws InterruptedException {
        String actor = WarningStep.newActor();
        CountDownLatch done = new CountDownLatch(executions);
        AtomicInteger applied = new AtomicInteger();
        OneTimeTask<Void> warning = Tasks.oneTime(TASK_NAME).execute((instance, context) -> {
            try {
                if (step(instance.getId(), now, actor)) {
                    delivered.incrementAndGet();
                    applied.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the step of task " + instance.getId() + " failed", e);
            } finally {
                done.countDown();
            }
        });
        Scheduler scheduler = Scheduler.create(dataSource, warning)
                .threads(THREADS)
                .pollUsingLockAndFetch(0.5, 1.0)
                .pollingInterval(Duration.ofMillis(100))
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
        scheduler.start();
        try {
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("db-scheduler ran " + (executions - done.getCount()) + " of "
                        + executions + " executions in 30 minutes");
            }
        } finally {
            scheduler.stop();
        }
        return applied.get();
    }

    /** The task's step in one transaction: its row locked and changed, its audit row, its outbox row. */
    private boolean step(String taskId, Instant now, String actor) throws SQLException {
        return StepRows.inTransaction(dataSource, c -> {
            WarningStep step;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, version, assignee, deadline FROM " + StepRows.TASK + " WHERE id = ? FOR UPDATE")) {
                ps.setString(1, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    step = WarningStep.of(
                            taskId,
                            rs.getLong("version"),
                            rs.getString("assignee"),
                            now,
                            StepRows.requiredInstant(rs, "deadline"),
                            actor);
                }
            }
            List<WarningStep> steps = List.of(step);
            StepRows.warnTasks(c, steps);
            StepRows.insertAudit(c, steps);
            StepRows.insertOutbox(c, steps, Outbox.DELIVERED, now);
            return true;
        });
    }
}
