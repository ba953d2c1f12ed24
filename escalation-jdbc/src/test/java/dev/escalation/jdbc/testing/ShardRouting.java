package dev.escalation.jdbc.testing;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * EXPLAINs recorded statements on Citus and says which are not routed to one shard. A statement is
 * routed when every distributed scan of its plan has {@code Task Count: 1}, or local when its plan has
 * none (the schema history, the database clock). Writing and locking statements must all be routed;
 * a read-only statement across tenants may run on every shard only when {@link #READ_ONLY_ACROSS_TENANTS}
 * names it, with the reason.
 */
public final class ShardRouting {

    /**
     * The read-only statements that may read every shard, by a fragment of their SQL text, and why.
     * Nothing here locks or writes.
     */
    public static final Map<String, String> READ_ONLY_ACROSS_TENANTS = Map.ofEntries(
            Map.entry(
                    "SELECT tenant FROM",
                    "plans a claim (tasks or outbox) or a purge: which tenants hold the first"
                            + " due rows; the claims themselves then run per tenant"),
            Map.entry(
                    "SELECT id, tenant FROM",
                    "the tenants of a step batch's tasks that name none in their audit"
                            + " entries or notifications, to split the batch by tenant"),
            Map.entry(
                    "SELECT idempotency_key, tenant FROM",
                    "the tenants of delivery outcomes (an outcome names"
                            + " only its key), to split their recording by tenant"),
            Map.entry(
                    "WHERE id = ?",
                    "a host reads one task by id (find, and the tenant lookup before a change):"
                            + " the host names no tenant"),
            Map.entry("WHERE id IN (", "the tasks of notifications about to be delivered, by id, across tenants"),
            Map.entry("COUNT(*)", "the SLA counts: monitoring figures over every tenant"),
            Map.entry("SELECT (SELECT next_check_at", "when the next task or notification is due, over every tenant"),
            Map.entry("SELECT DISTINCT policy_id", "the policy versions recorded on open tasks, over every tenant"),
            Map.entry("ORDER BY seq", "audit trail reads (by task, by type, all) for the host, in append order"),
            Map.entry("entry_id FROM", "audit reads: whether offered entries are stored (the host's append)"),
            Map.entry(
                    "ORDER BY occurred_at, seq",
                    "the operator's audit queries by time, type or tenant, over every tenant"),
            Map.entry("FROM ${audit_chain}", "the verifier and retention list every chain's head"),
            Map.entry("chain_seq", "the verifier walks chains and finds headless ones"),
            Map.entry("status IN ('OPEN', 'ON_HOLD')", "the operator's worklist over every tenant"),
            Map.entry(
                    "SELECT idempotency_key, payload",
                    "the operator's outbox queries and the redelivery's" + " selection of given-up rows"));

    private static final Pattern TASK_COUNT = Pattern.compile("Task Count: (\\d+)");

    private ShardRouting() {}

    /** What EXPLAIN showed for one statement. */
    public record Verdict(String sql, List<Integer> taskCounts, String plan) {

        /** Whether every distributed scan runs one task, or there is none. */
        public boolean singleShard() {
            return taskCounts.stream().allMatch(n -> n == 1);
        }

        /** Whether the statement only reads: a SELECT without a row lock. */
        public boolean readOnly() {
            String s = sql.strip().toUpperCase(Locale.ROOT);
            return s.startsWith("SELECT") && !s.contains("FOR UPDATE");
        }
    }

    /** EXPLAINs each statement with its recorded parameters, in a transaction that is rolled back. */
    public static Map<String, Verdict> explain(
            DataSource coordinator, Map<String, List<RecordedStatements.Parameter>> statements) throws Exception {
        Map<String, Verdict> verdicts = new TreeMap<>();
        try (Connection c = coordinator.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, List<RecordedStatements.Parameter>> s : statements.entrySet()) {
                    String plan = plan(c, s.getKey(), s.getValue());
                    List<Integer> counts = new ArrayList<>();
                    Matcher m = TASK_COUNT.matcher(plan);
                    while (m.find()) {
                        counts.add(Integer.parseInt(m.group(1)));
                    }
                    verdicts.put(s.getKey(), new Verdict(s.getKey(), counts, plan));
                }
            } finally {
                c.rollback();
            }
        }
        return verdicts;
    }

    /** The exception that allows {@code verdict}, if it is a read-only statement the list names. */
    public static java.util.Optional<String> allowedBecause(Verdict verdict, String auditChainTable) {
        if (!verdict.readOnly()) {
            return java.util.Optional.empty();
        }
        for (Map.Entry<String, String> e : READ_ONLY_ACROSS_TENANTS.entrySet()) {
            if (verdict.sql().contains(e.getKey().replace("${audit_chain}", auditChainTable))) {
                return java.util.Optional.of(e.getValue());
            }
        }
        return java.util.Optional.empty();
    }

    /** The EXPLAIN output of {@code sql} on {@code c}, with {@code parameters} bound as the store bound them. */
    public static String plan(Connection c, String sql, List<RecordedStatements.Parameter> parameters)
            throws Exception {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                RecordedStatements.Parameter p = parameters.get(i);
                if (p == null) {
                    continue;
                }
                Class<?>[] types = new Class<?>[p.types().length + 1];
                types[0] = int.class;
                System.arraycopy(p.types(), 0, types, 1, p.types().length);
                Object[] args = new Object[p.values().length + 1];
                args[0] = i + 1;
                System.arraycopy(p.values(), 0, args, 1, p.values().length);
                Method set = PreparedStatement.class.getMethod(p.method(), types);
                set.invoke(ps, args);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot EXPLAIN " + sql + ": " + e.getMessage(), e);
        }
        return plan.toString();
    }
}
