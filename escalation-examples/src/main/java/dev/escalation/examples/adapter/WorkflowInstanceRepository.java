package dev.escalation.examples.adapter;

import dev.escalation.core.spi.ClaimRequest;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The engine's {@link WorkflowRepository} over a host's existing {@code workflow_instances} table,
 * in plain JDBC: the example to copy when your tasks already live in your own table.
 *
 * <p><b>Design: a side table, not new columns.</b> The escalation state of an instance (version,
 * step counters, next check, claim lease, holds) lives in {@code workflow_escalation}, one row per
 * instance, keyed by the instance id. The host's table is not altered: no migration that locks a
 * large, busy table, no new columns for the host's ORM mappings and {@code SELECT *} queries to
 * trip over, and removing escalation is dropping two tables. The price is a join when claiming, and
 * two tables to write when the engine escalates, both in one transaction. Only the assignee is
 * written back to the host's table, so the host's screens show who must act now. The schema is in
 * {@link EscalationTables}; the host keeps both tables in step through {@link WorkflowInstanceTasks}.
 *
 * <p>How each method keeps the contract ({@code WorkflowRepositoryContract} in core's test-jar):
 * <ul>
 *   <li>{@link #claimDue}: {@link DueTaskClaims} selects due rows by the index on {@code next_check_at},
 *       then leases each with an update that succeeds only if nobody else holds it.
 *   <li>{@link #record}: one transaction per batch; a transition applies only if the row is still at
 *       the expected version and OPEN (compare-and-swap), and its notifications go to the outbox in
 *       the same transaction.
 *   <li>{@link #claimNotifications}, {@link #recordDeliveries}: {@link NotificationOutbox}.
 * </ul>
 * Audit entries of steps go to the engine's {@code AuditSink} ({@link #storesStepAudit()} is false).
 */
public final class WorkflowInstanceRepository implements WorkflowRepository {

    private final DataSource dataSource;
    private final DueTaskClaims claims = new DueTaskClaims();
    private final NotificationOutbox outbox = new NotificationOutbox();

    public WorkflowInstanceRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<WorkflowTask> claimDue(ClaimRequest request) {
        return Jdbc.inTransaction(dataSource, "claiming due tasks", c -> claims.claim(c, request));
    }

    @Override
    public List<String> record(List<StepTransition> transitions) {
        return Jdbc.inTransaction(dataSource, "recording " + transitions.size() + " transitions", c -> {
            List<String> applied = new ArrayList<>();
            // Rows are locked in id order, so two runners whose batches overlap cannot deadlock.
            List<StepTransition> inIdOrder = new ArrayList<>(transitions);
            inIdOrder.sort(Comparator.comparing(StepTransition::taskId));
            for (StepTransition t : inIdOrder) {
                if (compareAndSwap(c, t)) {
                    writeAssignee(c, t);
                    outbox.add(c, t.notifications(), t.redeliverAfter());
                    applied.add(t.taskId());
                }
            }
            return applied;
        });
    }

    @Override
    public List<PendingNotification> claimNotifications(ClaimRequest request) {
        return Jdbc.inTransaction(dataSource, "claiming notifications", c -> outbox.claim(c, request));
    }

    @Override
    public void recordDeliveries(List<DeliveryOutcome> outcomes) {
        if (!outcomes.isEmpty()) {
            Jdbc.inTransaction(dataSource, "recording " + outcomes.size() + " deliveries", c -> {
                outbox.record(c, outcomes);
                return null;
            });
        }
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return Jdbc.inTransaction(dataSource, "finding the next due instant", c -> {
            Optional<Instant> task;
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT MIN(next_check_at) AS next FROM workflow_escalation WHERE status = 'OPEN'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                task = Jdbc.instant(rs, "next");
            }
            Optional<Instant> notification = outbox.nextAttemptAt(c);
            return task.isEmpty()
                            || notification.map(n -> n.isBefore(task.get())).orElse(false)
                    ? notification
                    : task;
        });
    }

    /**
     * Counts in one pass over the active rows. The engine asks on every run; on a very large table
     * cache the result for a minute or build the engine with {@code countSla(false)}.
     */
    @Override
    public Optional<SlaCounts> slaCounts(Instant now) {
        return Jdbc.inTransaction(dataSource, "counting SLA status", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) AS active,"
                    + " SUM(CASE WHEN status = 'ON_HOLD' THEN 1 ELSE 0 END) AS on_hold,"
                    + " SUM(CASE WHEN status = 'OPEN' AND warning_at <= ? AND (deadline IS NULL OR deadline > ?) THEN 1 ELSE 0 END) AS near,"
                    + " SUM(CASE WHEN status = 'OPEN' AND deadline <= ? THEN 1 ELSE 0 END) AS breached"
                    + " FROM workflow_escalation WHERE status IN ('OPEN', 'ON_HOLD')")) {
                for (int i = 1; i <= 3; i++) {
                    Jdbc.bind(ps, i, now);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(new SlaCounts(
                            rs.getLong("active"), rs.getLong("on_hold"), rs.getLong("near"), rs.getLong("breached")));
                }
            }
        });
    }

    /** Rows skipped so far because they did not make a valid task; worth a metric and an alert. */
    public long unreadableRowsSkipped() {
        return claims.unreadableRowsSkipped();
    }

    /** Applies the transition only if the row is still what the engine read; a lost race updates nothing. */
    private static boolean compareAndSwap(Connection c, StepTransition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workflow_escalation SET version = version + 1, "
                + InstanceRows.SET_STATE + ", lease_until = NULL, lease_owner = NULL"
                + " WHERE instance_id = ? AND version = ? AND status = 'OPEN'")) {
            int i = InstanceRows.bindState(ps, 1, t.state());
            ps.setString(i++, t.taskId());
            ps.setLong(i, t.expectedVersion());
            return ps.executeUpdate() == 1;
        }
    }

    /** Touches the host's row only when an escalation changed the assignee, not for every warning and reminder. */
    private static void writeAssignee(Connection c, StepTransition t) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE workflow_instances SET assignee = ? WHERE id = ? AND assignee <> ?")) {
            ps.setString(1, t.assignee());
            ps.setString(2, t.taskId());
            ps.setString(3, t.assignee());
            ps.executeUpdate();
        }
    }
}
