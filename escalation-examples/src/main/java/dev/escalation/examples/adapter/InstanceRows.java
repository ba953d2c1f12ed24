package dev.escalation.examples.adapter;

import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.task.Attention;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a host row plus its escalation row become a {@link WorkflowTask}, and how a task's state goes
 * back. The one place that knows both tables' columns; the repository and the task store share it.
 */
final class InstanceRows {

    /** The joined row every read starts from: the host's columns ({@code w}) and the escalation columns ({@code e}). */
    static final String SELECT =
            "SELECT w.id, w.workflow_type, w.stage, w.assignee, w.priority, w.tenant, w.department, w.requester,"
                    + " e.version, e.status, e.sla_start, e.holds, e.cycle, e.warned_at, e.reminders_sent, e.escalation_level,"
                    + " e.last_escalated_at, e.re_escalations, e.breached_at, e.warning_at, e.deadline, e.next_check_at,"
                    + " e.policy_id, e.policy_version, e.acknowledged_by, e.acknowledged_at, e.snoozed_at, e.snoozed_until,"
                    + " e.warnings_sent"
                    + " FROM workflow_instances w JOIN workflow_escalation e ON e.instance_id = w.id";

    /** The escalation-state columns, in the order {@link #bindState} binds them. */
    static final String SET_STATE =
            "cycle = ?, warned_at = ?, reminders_sent = ?, escalation_level = ?, last_escalated_at = ?,"
                    + " re_escalations = ?, breached_at = ?, warning_at = ?, deadline = ?, next_check_at = ?,"
                    + " policy_id = ?, policy_version = ?, acknowledged_by = ?, acknowledged_at = ?, snoozed_at = ?,"
                    + " snoozed_until = ?, warnings_sent = ?";

    /**
     * The host's business columns that the engine sees as task attributes (target resolvers use
     * them, e.g. "the head of this department"). Other columns, like {@code amount}, stay private.
     */
    static final List<String> ATTRIBUTE_COLUMNS = List.of("department", "requester");

    private InstanceRows() {}

    /** @throws RuntimeException when the row does not make a valid task (a host wrote a blank assignee, say) */
    static WorkflowTask read(ResultSet rs) throws SQLException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String column : ATTRIBUTE_COLUMNS) {
            Optional.ofNullable(rs.getString(column)).ifPresent(value -> attributes.put(column, value));
        }
        EscalationState state = new EscalationState(
                rs.getInt("cycle"),
                Jdbc.instant(rs, "warned_at"),
                rs.getInt("reminders_sent"),
                rs.getInt("escalation_level"),
                Jdbc.instant(rs, "last_escalated_at"),
                rs.getInt("re_escalations"),
                Jdbc.instant(rs, "breached_at"),
                Jdbc.instant(rs, "warning_at"),
                Jdbc.instant(rs, "deadline"),
                Jdbc.instant(rs, "next_check_at"),
                rs.getString("policy_id") == null
                        ? Optional.empty()
                        : Optional.of(new PolicyVersion(rs.getString("policy_id"), rs.getString("policy_version"))),
                new Attention(
                        Optional.ofNullable(rs.getString("acknowledged_by")),
                        Jdbc.instant(rs, "acknowledged_at"),
                        Jdbc.instant(rs, "snoozed_at"),
                        Jdbc.instant(rs, "snoozed_until")),
                rs.getInt("warnings_sent"));
        return WorkflowTask.builder(rs.getString("id"))
                .workflowType(rs.getString("workflow_type"))
                .stage(rs.getString("stage"))
                .assignee(rs.getString("assignee"))
                .priority(rs.getString("priority"))
                .tenant(rs.getString("tenant"))
                .attributes(attributes)
                .slaStart(Jdbc.instant(rs, "sla_start").orElseThrow())
                .status(TaskStatus.valueOf(rs.getString("status")))
                .holds(parseHolds(rs.getString("holds")))
                .escalation(state)
                .version(rs.getLong("version"))
                .build();
    }

    /** Binds the state's columns of {@link #SET_STATE} from {@code index} on; returns the next index. */
    static int bindState(PreparedStatement ps, int index, EscalationState s) throws SQLException {
        ps.setInt(index++, s.cycle());
        Jdbc.bind(ps, index++, s.warnedAt());
        ps.setInt(index++, s.remindersSent());
        ps.setInt(index++, s.level());
        Jdbc.bind(ps, index++, s.lastEscalatedAt());
        ps.setInt(index++, s.reEscalations());
        Jdbc.bind(ps, index++, s.breachedAt());
        Jdbc.bind(ps, index++, s.warningAt());
        Jdbc.bind(ps, index++, s.deadline());
        Jdbc.bind(ps, index++, s.nextCheckAt());
        ps.setString(index++, s.policy().map(PolicyVersion::policyId).orElse(null));
        ps.setString(index++, s.policy().map(PolicyVersion::version).orElse(null));
        ps.setString(index++, s.attention().acknowledgedBy().orElse(null));
        Jdbc.bind(ps, index++, s.attention().acknowledgedAt());
        Jdbc.bind(ps, index++, s.attention().snoozedAt());
        Jdbc.bind(ps, index++, s.attention().snoozedUntil());
        ps.setInt(index++, s.warningsSent());
        return index;
    }

    /** Inserts a new instance into the host's table and starts its escalation row. */
    static void insert(Connection c, WorkflowTask task) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO workflow_instances (id, workflow_type, stage, assignee, priority,"
                        + " stage_entered_at, status, tenant, department, requester) VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)")) {
            ps.setString(1, task.id());
            ps.setString(2, task.workflowType());
            ps.setString(3, task.stage());
            ps.setString(4, task.assignee());
            ps.setString(5, task.priority());
            Jdbc.bind(ps, 6, task.slaStart());
            ps.setString(7, task.tenant().orElse(null));
            ps.setString(8, task.attributes().get("department"));
            ps.setString(9, task.attributes().get("requester"));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO workflow_escalation (instance_id, version, status, sla_start) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, task.id());
            ps.setLong(2, task.version());
            ps.setString(3, task.status().name());
            Jdbc.bind(ps, 4, task.slaStart());
            ps.executeUpdate();
        }
        saveEscalation(c, task);
    }

    /**
     * Writes a host-side change to both tables. The host's {@code stage_entered_at} changes only when
     * the task entered a stage; its {@code status} only knows whether the workflow still waits (OPEN)
     * or not (DONE).
     */
    static void save(Connection c, WorkflowTask task, Optional<Instant> stageEnteredAt) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE workflow_instances SET stage = ?, assignee = ?, priority = ?, status = ?,"
                        + " stage_entered_at = COALESCE(?, stage_entered_at) WHERE id = ?")) {
            ps.setString(1, task.stage());
            ps.setString(2, task.assignee());
            ps.setString(3, task.priority());
            ps.setString(4, task.status().isActive() ? "OPEN" : "DONE");
            Jdbc.bind(ps, 5, stageEnteredAt);
            ps.setString(6, task.id());
            ps.executeUpdate();
        }
        saveEscalation(c, task);
    }

    /** Writes the escalation row and releases any claim on it: the run holding it planned on the old state. */
    private static void saveEscalation(Connection c, WorkflowTask task) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE workflow_escalation SET version = ?, status = ?, sla_start = ?, holds = ?, "
                        + SET_STATE + ", lease_until = NULL, lease_owner = NULL WHERE instance_id = ?")) {
            ps.setLong(1, task.version());
            ps.setString(2, task.status().name());
            Jdbc.bind(ps, 3, task.slaStart());
            ps.setString(4, formatHolds(task.holds()));
            int i = bindState(ps, 5, task.escalation());
            ps.setString(i, task.id());
            ps.executeUpdate();
        }
    }

    /** @throws IllegalArgumentException naming the first attribute that has no column in the host's table */
    static void requireKnownAttributes(Map<String, String> attributes) {
        for (String key : attributes.keySet()) {
            if (!ATTRIBUTE_COLUMNS.contains(key)) {
                throw new IllegalArgumentException("attributes may only name columns of workflow_instances "
                        + ATTRIBUTE_COLUMNS + ", but named '" + key + "'");
            }
        }
    }

    static String formatHolds(List<Hold> holds) {
        List<String> intervals = new ArrayList<>(holds.size());
        for (Hold hold : holds) {
            intervals.add(
                    hold.from() + "/" + hold.until().map(Instant::toString).orElse(""));
        }
        return String.join(",", intervals);
    }

    static List<Hold> parseHolds(String text) {
        List<Hold> holds = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return holds;
        }
        for (String interval : text.split(",")) {
            String[] ends = interval.split("/", -1);
            Instant from = Instant.parse(ends[0]);
            holds.add(ends[1].isEmpty() ? Hold.since(from) : Hold.between(from, Instant.parse(ends[1])));
        }
        return holds;
    }
}
