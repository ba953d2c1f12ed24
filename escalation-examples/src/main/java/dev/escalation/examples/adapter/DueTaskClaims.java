package dev.escalation.examples.adapter;

import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due instances for one run. Two steps, portable to any database: select the due rows that
 * nobody holds, oldest {@code next_check_at} first, then lease each with an update that succeeds
 * only if the row is still unleased and at the version read. Another runner that got there in
 * between wins the row, and it drops out of this claim. (On PostgreSQL, one
 * {@code UPDATE ... WHERE instance_id IN (SELECT ... FOR UPDATE SKIP LOCKED)} does both at once.)
 */
final class DueTaskClaims {

    private static final Logger LOG = LoggerFactory.getLogger(DueTaskClaims.class);
    /** An unreadable row is looked at again after this, in case someone has fixed it. */
    private static final Duration UNREADABLE_RETRY = Duration.ofHours(1);

    private final AtomicLong unreadableRowsSkipped = new AtomicLong();

    List<WorkflowTask> claim(Connection c, RunScope request, int limit) throws SQLException {
        List<WorkflowTask> claimed = new ArrayList<>();
        for (WorkflowTask task : dueTasks(c, request, limit)) {
            if (lease(c, task, request)) {
                claimed.add(task);
            }
        }
        return claimed;
    }

    /** Claims open rows recorded under {@code version}, due or not, in id order, leased as due rows are. */
    List<WorkflowTask> claimPlannedUnder(Connection c, RunScope request, PolicyVersion version, int limit)
            throws SQLException {
        List<String> tenants = List.copyOf(new TreeSet<>(request.tenants()));
        List<WorkflowTask> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(InstanceRows.SELECT
                + " WHERE e.status = 'OPEN' AND e.policy_id = ? AND e.policy_version = ?"
                + " AND (e.lease_until IS NULL OR e.lease_until <= ?)" + Jdbc.inList("w.tenant", tenants)
                + " ORDER BY w.id LIMIT ?")) {
            int i = 1;
            ps.setString(i++, version.policyId());
            ps.setString(i++, version.version());
            Jdbc.bind(ps, i++, request.now());
            for (String tenant : tenants) {
                ps.setString(i++, tenant);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        candidates.add(InstanceRows.read(rs));
                    } catch (RuntimeException e) {
                        // Left to the due claim, which postpones unreadable rows.
                        LOG.error(
                                "workflow instance {} cannot be read as a task: {}",
                                rs.getString("id"),
                                e.getMessage());
                    }
                }
            }
        }
        List<WorkflowTask> claimed = new ArrayList<>();
        for (WorkflowTask task : candidates) {
            if (lease(c, task, request)) {
                claimed.add(task);
            }
        }
        return claimed;
    }

    /** The distinct policy versions recorded on open rows of the request's tenants. */
    static Set<PolicyVersion> recordedPolicyVersions(Connection c, RunScope request) throws SQLException {
        List<String> tenants = List.copyOf(new TreeSet<>(request.tenants()));
        Set<PolicyVersion> versions = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT e.policy_id, e.policy_version"
                + " FROM workflow_escalation e JOIN workflow_instances w ON w.id = e.instance_id"
                + " WHERE e.status = 'OPEN' AND e.policy_id IS NOT NULL" + Jdbc.inList("w.tenant", tenants))) {
            int i = 1;
            for (String tenant : tenants) {
                ps.setString(i++, tenant);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new PolicyVersion(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return versions;
    }

    long unreadableRowsSkipped() {
        return unreadableRowsSkipped.get();
    }

    private List<WorkflowTask> dueTasks(Connection c, RunScope request, int limit) throws SQLException {
        List<String> tenants = List.copyOf(new TreeSet<>(request.tenants()));
        List<WorkflowTask> due = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(InstanceRows.SELECT + " WHERE e.status = 'OPEN' AND e.next_check_at <= ?"
                        + " AND (e.lease_until IS NULL OR e.lease_until <= ?)" + Jdbc.inList("w.tenant", tenants)
                        + " ORDER BY e.next_check_at, w.id LIMIT ?")) {
            int i = 1;
            Jdbc.bind(ps, i++, request.now());
            Jdbc.bind(ps, i++, request.now());
            for (String tenant : tenants) {
                ps.setString(i++, tenant);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        due.add(InstanceRows.read(rs));
                    } catch (RuntimeException e) {
                        // One bad row (say, a blank assignee written by other code) must not stop the others.
                        LOG.error(
                                "workflow instance {} cannot be read as a task; skipping it for {}: {}",
                                rs.getString("id"),
                                UNREADABLE_RETRY,
                                e.getMessage());
                        unreadable.add(rs.getString("id"));
                    }
                }
            }
        }
        for (String id : unreadable) {
            postpone(c, id, request.now().plus(UNREADABLE_RETRY));
        }
        return due;
    }

    private static boolean lease(Connection c, WorkflowTask task, RunScope request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workflow_escalation SET lease_until = ?, lease_owner = ?"
                + " WHERE instance_id = ? AND version = ? AND (lease_until IS NULL OR lease_until <= ?)")) {
            Jdbc.bind(ps, 1, request.leaseUntil());
            ps.setString(2, request.runId());
            ps.setString(3, task.id());
            ps.setLong(4, task.version());
            Jdbc.bind(ps, 5, request.now());
            return ps.executeUpdate() == 1;
        }
    }

    private void postpone(Connection c, String id, Instant until) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE workflow_escalation SET next_check_at = ? WHERE instance_id = ?")) {
            Jdbc.bind(ps, 1, until);
            ps.setString(2, id);
            ps.executeUpdate();
        }
        unreadableRowsSkipped.incrementAndGet();
    }
}
