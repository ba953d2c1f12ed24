package dev.escalation.jdbc;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorAudit;
import dev.escalation.core.operations.PolicyPause;
import dev.escalation.core.operations.Redelivery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.task.InputLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Operator actions on the JDBC store. A redelivery is one transaction: it inserts the request's id
 * (a second insert of the same id - the other operator's press - inserts nothing, or waits for the
 * first transaction and then inserts nothing), moves each selected row from {@code GIVEN_UP} back to
 * {@code PENDING} with a guarded update (a row another request took back first is left alone), and
 * appends the audit of the rows it moved. Pauses are rows every node reads once per run.
 */
final class JdbcOperatorActions implements OperatorActions {

    private static final String[] REQUEST_COLUMNS = {"request_id", "operator", "requested_at"};
    private static final String[] PAUSE_COLUMNS = {"policy_name", "operator", "paused_at"};

    private final StoreContext ctx;
    private final RowInserts<Row> requests;
    private final RowInserts<Row> pauses;

    /** A row of the request or the pause table: a key, an operator and an instant. */
    private record Row(String key, String operator, Instant at) {}

    JdbcOperatorActions(StoreContext ctx) {
        this.ctx = ctx;
        this.requests = new RowInserts<>(
                ctx.dialect(), ctx.tables().operatorRequest(), REQUEST_COLUMNS, Row::key, JdbcOperatorActions::bind);
        this.pauses = new RowInserts<>(
                ctx.dialect(), ctx.tables().policyPause(), PAUSE_COLUMNS, Row::key, JdbcOperatorActions::bind);
    }

    @Override
    public Redelivery redeliver(RedeliveryRequest request) {
        Require.present("request", request);
        Instant now = Timestamps.truncate(ctx.clock().now());
        List<AuditEntry> audit = new ArrayList<>();
        Redelivery done;
        try {
            done = requeue(request, now, audit);
        } catch (EscalationStoreException e) {
            if (e.getCause() instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                // H2 checks for the request's id before inserting it: a concurrent press of the same
                // request can pass the check and then hit the primary key. It was acted on: a repeat.
                return new Redelivery(request.requestId(), true, List.of());
            }
            throw e;
        }
        ctx.mirror().append(audit);
        return done;
    }

    private Redelivery requeue(RedeliveryRequest request, Instant now, List<AuditEntry> audit) {
        return ctx.tx().inTransaction("redelivering notifications", c -> {
            if (requests.insert(c, List.of(new Row(request.requestId(), request.operator(), now))) == 0) {
                return new Redelivery(request.requestId(), true, List.of());
            }
            Map<String, String> selected = select(c, request.selection());
            List<String> requeued = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE " + ctx.tables().outbox()
                            + " SET status = 'PENDING', attempts = 0, next_attempt_at = ?, redelivery = ?, claimed_by = NULL,"
                            + " delivered_at = NULL, updated_at = ? WHERE idempotency_key = ? AND status = 'GIVEN_UP'"
                            + ctx.dialect().sameTenant())) {
                // Key order (the map is sorted) is the lock order, as in recording outcomes.
                for (Map.Entry<String, String> row : selected.entrySet()) {
                    Timestamps.bind(ps, 1, now);
                    ps.setString(2, request.requestId());
                    Timestamps.bind(ps, 3, now);
                    ps.setString(4, row.getKey());
                    Notification n = JsonColumns.notification(row.getValue());
                    ctx.dialect().bindTenant(ps, 5, ctx.dialect().tenantColumn(n.tenant()));
                    if (ps.executeUpdate() == 1) {
                        audit.add(OperatorAudit.redeliveryRequested(request, n, now));
                        requeued.add(row.getKey());
                    }
                }
            }
            ctx.audit().append(c, audit);
            return new Redelivery(request.requestId(), false, requeued);
        });
    }

    /** The given-up rows the selection names: payload by key, in key order. */
    private Map<String, String> select(Connection c, RedeliveryRequest.Selection selection) throws SQLException {
        String sql =
                "SELECT idempotency_key, payload FROM " + ctx.tables().outbox() + " WHERE status = 'GIVEN_UP' AND ";
        Map<String, String> rows = new TreeMap<>();
        if (selection instanceof RedeliveryRequest.Selection.One one) {
            try (PreparedStatement ps = c.prepareStatement(sql + "idempotency_key = ?")) {
                ps.setString(1, one.idempotencyKey());
                read(ps, rows);
            }
        } else if (selection instanceof RedeliveryRequest.Selection.OfTask task) {
            try (PreparedStatement ps = c.prepareStatement(sql + "task_id = ?")) {
                ps.setString(1, task.taskId());
                read(ps, rows);
            }
        } else {
            RedeliveryRequest.Selection.GivenUpBetween range = (RedeliveryRequest.Selection.GivenUpBetween) selection;
            // A given-up row is last updated when it was given up.
            try (PreparedStatement ps = c.prepareStatement(sql + "updated_at >= ? AND updated_at < ?")) {
                Timestamps.bind(ps, 1, range.from());
                Timestamps.bind(ps, 2, range.until());
                read(ps, rows);
            }
        }
        return rows;
    }

    private static void read(PreparedStatement ps, Map<String, String> rows) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
    }

    @Override
    public boolean pausePolicy(String policyName, String operator) {
        InputLimits.name("policyName", policyName);
        InputLimits.name("operator", operator);
        Instant now = Timestamps.truncate(ctx.clock().now());
        AuditEntry entry = OperatorAudit.policy(AuditType.POLICY_PAUSED, policyName, operator, now);
        boolean paused = ctx.tx().inTransaction("pausing policy", c -> {
            if (pauses.insert(c, List.of(new Row(policyName, operator, now))) == 0) {
                return false;
            }
            ctx.audit().insert(c, List.of(entry));
            return true;
        });
        if (paused) {
            ctx.mirror().append(List.of(entry));
        }
        return paused;
    }

    @Override
    public boolean resumePolicy(String policyName, String operator) {
        InputLimits.name("policyName", policyName);
        InputLimits.name("operator", operator);
        AuditEntry entry = OperatorAudit.policy(
                AuditType.POLICY_RESUMED,
                policyName,
                operator,
                Timestamps.truncate(ctx.clock().now()));
        boolean resumed = ctx.tx().inTransaction("resuming policy", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + ctx.tables().policyPause() + " WHERE policy_name = ?")) {
                ps.setString(1, policyName);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            ctx.audit().insert(c, List.of(entry));
            return true;
        });
        if (resumed) {
            ctx.mirror().append(List.of(entry));
        }
        return resumed;
    }

    @Override
    public List<PolicyPause> pausedPolicies() {
        return ctx.tx().inTransaction("reading paused policies", c -> {
            List<PolicyPause> paused = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT policy_name, operator, paused_at FROM "
                            + ctx.tables().policyPause() + " ORDER BY policy_name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    paused.add(new PolicyPause(rs.getString(1), rs.getString(2), Timestamps.required(rs, "paused_at")));
                }
            }
            return paused;
        });
    }

    /** The names of the paused policies, for the engine's runs. */
    static Set<String> pausedNames(StoreContext ctx) {
        // The engine asks from inside its first claim's transaction (it plans there on PostgreSQL): joined, so
        // no second connection is taken and no round trip is paid for a commit of its own.
        return ctx.tx().joiningCurrent("reading paused policies", c -> {
            Set<String> names = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT policy_name FROM " + ctx.tables().policyPause());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private static void bind(PreparedStatement ps, int i, Row row) throws SQLException {
        ps.setString(i++, row.key());
        ps.setString(i++, row.operator());
        Timestamps.bind(ps, i, row.at());
    }
}
