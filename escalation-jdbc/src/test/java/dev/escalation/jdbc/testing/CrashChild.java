package dev.escalation.jdbc.testing;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The process that {@code CrashTest} kills: two engines and a host on one PostgreSQL database, in
 * simulated time. Each iteration advances the shared clock row by an hour (so a restarted process
 * goes on where the killed one was), makes the host's changes of that hour, runs both engines, and
 * prints {@code TICK <n>}; at the end it prints {@code DONE}. The notifier records each delivery in
 * a table of its own before the library records the outcome, as a receiver that drops repeats by
 * idempotency key would, with the task's status at that moment. Everything it decides comes from the tick and the seed, not from when it runs.
 *
 * <p>Arguments: JDBC URL, schema, and optionally the dialect ({@code CITUS}: Citus reports itself as
 * PostgreSQL, so the store must be told), the scenario's length in hours (default {@link #SCENARIO}),
 * and a number of batches {@code n} after which the first engine prints {@code COMMITTED n} and blocks
 * until it is killed ({@link KilledRun.CommitsThenBlocks}; default none).
 */
public final class CrashChild {

    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    /** How long the scenario runs unless the arguments say otherwise. */
    public static final Duration SCENARIO = Duration.ofDays(3);

    public static final Duration TICK = Duration.ofHours(1);
    public static final int TASKS = 300;
    public static final SlaPolicy POLICY = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(8))
            // Three warning thresholds (issue #20), each a step of its own that a kill must not lose or repeat.
            .warnings(List.of(
                    WarningThreshold.of(Warning.at(0.5)),
                    WarningThreshold.of(Warning.at(0.75)),
                    WarningThreshold.of(Warning.before(Duration.ofMinutes(30)))))
            .remindEvery(Duration.ofHours(1))
            .maxReminders(2)
            .escalateTo(EscalationTarget.user("dora"))
            .escalateTo(EscalationTarget.user("dirk"), Duration.ofHours(4))
            .reEscalateEvery(Duration.ofHours(6))
            .maxReEscalations(3)
            .acknowledgeTimeout(Duration.ofMinutes(90))
            .build();

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        DataSource source = KilledRun.pool(args[0], 3);
        String schema = args[1];
        SqlDialect dialect = args.length > 2 ? SqlDialect.valueOf(args[2]) : SqlDialect.POSTGRESQL;
        Instant end = START.plus(args.length > 3 ? Duration.ofHours(Long.parseLong(args[3])) : SCENARIO);
        int commitsBeforeBlocking = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        ManualClock clock = ManualClock.at(START);
        List<EscalationEngine> engines = new ArrayList<>();
        TaskStore host = null;
        for (int node = 0; node < 2; node++) {
            JdbcEscalationStore store = JdbcEscalationStore.builder(source)
                    .clock(clock)
                    .schema(schema)
                    .dialect(dialect)
                    .build();
            host = store.tasks();
            WorkflowRepository repository = store.repository();
            if (node == 0 && commitsBeforeBlocking > 0) {
                // The first engine's first batches go through claimDue and record, so that it can stop right after one.
                repository = new KilledRun.CommitsThenBlocks(repository, commitsBeforeBlocking);
            }
            engines.add(EscalationEngine.builder()
                    .repository(repository)
                    .policy(POLICY)
                    .notifier(notifier(source, schema, clock))
                    .countSla(false)
                    .batchSize(50)
                    .build());
        }
        System.out.println("READY");
        while (true) {
            Instant now = advance(source, schema);
            if (now.isAfter(end)) {
                System.out.println("DONE");
                return;
            }
            clock.set(now);
            long tick = Duration.between(START, now).dividedBy(TICK);
            hostChanges(host, tick);
            for (EscalationEngine engine : engines) {
                try {
                    engine.runOnce();
                } catch (EscalationRunException e) {
                    System.err.println("run failed: " + e.getMessage());
                }
            }
            System.out.println("TICK " + tick);
        }
    }

    /** The host's changes of hour {@code tick}: the same whichever process makes them, and harmless when made twice. */
    static void hostChanges(TaskStore host, long tick) {
        Random random = new Random(tick);
        for (int k = 0; k < 6; k++) {
            String id = "T-" + random.nextInt(TASKS);
            int what = random.nextInt(5);
            try {
                switch (what) {
                    case 0, 1 -> host.complete(id);
                    case 2 -> host.hold(id);
                    case 3 -> host.resume(id);
                    default -> host.reassign(id, "bob");
                }
            } catch (IllegalStateException e) {
                // A change the task's status forbids (resuming an open task, ...): the host moves on.
            }
        }
        // Drawn after the changes above, so that those stay what they were before acknowledgements:
        // acknowledgements whose window (90 minutes) ends between two ticks (issue #20).
        for (int k = 0; k < 4; k++) {
            String id = "T-" + random.nextInt(TASKS);
            try {
                host.acknowledge(id, "dora");
            } catch (IllegalStateException e) {
                // A finished task: nothing to acknowledge.
            }
        }
    }

    /** Moves the shared clock row an hour on and returns it: the clock survives the process. */
    private static Instant advance(DataSource source, String schema) throws SQLException {
        try (Connection c = source.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + schema + ".crash_clock SET now = now + INTERVAL '1 hour' RETURNING now");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** Fails one attempt in ten (by key and hour, not by chance); records each delivery in crash_delivery. */
    private static Notifier notifier(DataSource source, String schema, ManualClock clock) {
        return n -> {
            if (Math.floorMod((n.idempotencyKey() + clock.now()).hashCode(), 10) == 0) {
                throw new IllegalStateException("mail server unavailable (simulated)");
            }
            try (Connection c = source.getConnection()) {
                // The task's status as the notifier is called: the host changes and the runs of this
                // process take turns, so a finished task here was finished before the claim.
                KilledRun.record(c, schema, n.idempotencyKey(), statusOf(c, schema + ".escalation_task", n.taskId()));
            }
        };
    }

    /**
     * The task's status, read on its own: Citus runs no statement that writes a local table from a
     * sub-select of a distributed one, so the delivery row is written by a second statement.
     */
    public static String statusOf(Connection c, String tasks, String taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM " + tasks + " WHERE id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
