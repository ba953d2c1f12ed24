package dev.escalation.examples.adapter;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditTrail;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>How each method keeps the contract ({@code WorkflowRepositoryContract} in escalation-testkit):
 * <ul>
 *   <li>{@link #claimDue}: {@link DueTaskClaims} selects due rows by the index on {@code next_check_at},
 *       then leases each with an update that succeeds only if nobody else holds it.
 *   <li>{@link #record}: one transaction per batch; a transition applies only if the row is still at
 *       the expected version and OPEN (compare-and-swap), and its notifications go to the outbox in
 *       the same transaction.
 *   <li>{@link #claimNotifications}, {@link #recordDeliveries}: {@link NotificationOutbox}.
 *   <li>{@link #currentTasks}: the same join as a claim, by id, read committed right before delivery,
 *       so that a notification whose instance was completed meanwhile is withdrawn, not sent.
 * </ul>
 * Audit entries of steps go to the engine's {@code AuditSink} ({@link #storesStepAudit()} is false).
 */
public final class WorkflowInstanceRepository implements WorkflowRepository {

    private final DataSource dataSource;
    private final Clock clock;
    private final DueTaskClaims claims = new DueTaskClaims();
    private final NotificationOutbox outbox = new NotificationOutbox();
    private final EscalationAudit audit;

    /** Made by {@link WorkflowInstanceTasks#repository()}, so that both sides share one clock. */
    WorkflowInstanceRepository(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new EscalationAudit(dataSource);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Every audit entry stored so far: steps, failures, given-up notifications and host changes. */
    public AuditTrail auditTrail() {
        return audit;
    }

    @Override
    public List<WorkflowTask> claimDue(RunScope scope, int limit) {
        return Jdbc.inTransaction(dataSource, "claiming due tasks", c -> claims.claim(c, scope, limit));
    }

    @Override
    public Set<PolicyVersion> recordedPolicyVersions(RunScope scope) {
        return Jdbc.inTransaction(
                dataSource, "reading recorded policy versions", c -> DueTaskClaims.recordedPolicyVersions(c, scope));
    }

    @Override
    public List<WorkflowTask> claimPlannedUnder(RunScope scope, PolicyVersion version, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                "claiming the tasks of " + version,
                c -> claims.claimPlannedUnder(c, scope, version, limit));
    }

    @Override
    public List<String> record(RunScope scope, List<StepTransition> transitions) {
        return Jdbc.inTransaction(dataSource, "recording " + transitions.size() + " transitions", c -> {
            List<String> applied = new ArrayList<>();
            // Rows are locked in id order, so two runners whose batches overlap cannot deadlock.
            List<StepTransition> inIdOrder = new ArrayList<>(transitions);
            inIdOrder.sort(Comparator.comparing(StepTransition::taskId));
            for (StepTransition t : inIdOrder) {
                if (compareAndSwap(c, t)) {
                    writeAssignee(c, t);
                    outbox.add(c, t.notifications(), scope.leaseUntil());
                    EscalationAudit.append(c, t.auditEntries());
                    applied.add(t.taskId());
                }
            }
            return applied;
        });
    }

    @Override
    public void appendAudit(RunScope scope, List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            Jdbc.inTransaction(dataSource, "appending " + entries.size() + " audit entries", c -> {
                EscalationAudit.append(c, entries);
                return null;
            });
        }
    }

    @Override
    public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
        return Jdbc.inTransaction(dataSource, "claiming notifications", c -> outbox.claim(c, scope, limit));
    }

    @Override
    public Map<String, WorkflowTask> currentTasks(RunScope scope, Set<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(new TreeSet<>(taskIds));
        return Jdbc.inTransaction(dataSource, "reading " + ids.size() + " tasks", c -> {
            Map<String, WorkflowTask> found = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(InstanceRows.SELECT + " WHERE 1 = 1" + Jdbc.inList("w.id", ids))) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        WorkflowTask task = InstanceRows.read(rs);
                        found.put(task.id(), task);
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
        if (!outcomes.isEmpty()) {
            Jdbc.inTransaction(dataSource, "recording " + outcomes.size() + " deliveries", c -> {
                outbox.record(c, outcomes);
                return null;
            });
        }
    }

    /**
     * Two index reads and the outbox's: the first unleased due row, and the earliest lease end among
     * leased rows (they were due when claimed, so they lie in the due part of the index, up to now).
     * A MIN over "lease end or next check" would read every open row.
     */
    @Override
    public Optional<Instant> nextDueAt(RunScope scope) {
        List<String> tenants = List.copyOf(new TreeSet<>(scope.tenants()));
        return Jdbc.inTransaction(dataSource, "finding the next due instant", c -> {
            Optional<Instant> unleased = first(
                    c,
                    "SELECT e.next_check_at AS next FROM workflow_escalation e JOIN workflow_instances w ON w.id ="
                            + " e.instance_id WHERE e.status = 'OPEN' AND e.next_check_at IS NOT NULL"
                            + " AND (e.lease_until IS NULL OR e.lease_until <= ?)" + Jdbc.inList("w.tenant", tenants)
                            + " ORDER BY e.next_check_at LIMIT 1",
                    List.of(scope.now()),
                    tenants);
            Optional<Instant> leaseEnd = first(
                    c,
                    "SELECT MIN(e.lease_until) AS next FROM workflow_escalation e JOIN workflow_instances w ON w.id ="
                            + " e.instance_id WHERE e.status = 'OPEN' AND e.next_check_at <= ? AND e.lease_until > ?"
                            + Jdbc.inList("w.tenant", tenants),
                    List.of(scope.now(), scope.now()),
                    tenants);
            return earliest(earliest(unleased, leaseEnd), outbox.nextAttemptAt(c, scope));
        });
    }

    /**
     * Counts the scope's active rows in one pass. The engine asks on every run; on a very large table
     * cache the result for a minute or build the engine with {@code countSla(false)}.
     */
    @Override
    public Optional<SlaCounts> slaCounts(RunScope scope) {
        List<String> tenants = List.copyOf(new TreeSet<>(scope.tenants()));
        return Jdbc.inTransaction(dataSource, "counting SLA status", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) AS active,"
                    + " SUM(CASE WHEN e.status = 'ON_HOLD' THEN 1 ELSE 0 END) AS on_hold,"
                    + " SUM(CASE WHEN e.status = 'OPEN' AND e.warning_at <= ? AND (e.deadline IS NULL OR e.deadline > ?) THEN 1 ELSE 0 END) AS near,"
                    + " SUM(CASE WHEN e.status = 'OPEN' AND e.deadline <= ? THEN 1 ELSE 0 END) AS breached"
                    + " FROM workflow_escalation e JOIN workflow_instances w ON w.id = e.instance_id"
                    + " WHERE e.status IN ('OPEN', 'ON_HOLD')" + Jdbc.inList("w.tenant", tenants))) {
                int i = 1;
                for (; i <= 3; i++) {
                    Jdbc.bind(ps, i, scope.now());
                }
                for (String tenant : tenants) {
                    ps.setString(i++, tenant);
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

    private static Optional<Instant> first(Connection c, String sql, List<Instant> instants, List<String> tenants)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Instant instant : instants) {
                Jdbc.bind(ps, i++, instant);
            }
            for (String tenant : tenants) {
                ps.setString(i++, tenant);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Jdbc.instant(rs, "next") : Optional.empty();
            }
        }
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
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
