package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditMirror;
import dev.escalation.core.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the parts of one JDBC store share: table names, dialect, transactions, the clock of host
 * changes (the engine's calls bring their instant in their scope), the audit mirror and the count
 * of unreadable rows.
 *
 * @param unreadableRetry how far an unreadable task row's next check is pushed
 * @param slaCountsMaxAge how long SLA counts may be served from the last count; zero to count every time
 * @param mirror          receives every audit entry after its transaction committed
 */
record StoreContext(
        Tables tables,
        Dialect dialect,
        Transactions tx,
        Clock clock,
        AuditRows audit,
        Duration unreadableRetry,
        AtomicLong unreadableRows,
        Duration slaCountsMaxAge,
        AuditMirror mirror) {

    /** This context with its work run by {@code transactions} (the host's connection's) instead. */
    StoreContext with(Transactions transactions) {
        return new StoreContext(
                tables, dialect, transactions, clock, audit, unreadableRetry, unreadableRows, slaCountsMaxAge, mirror);
    }

    /** {@code " AND tenant IN (?, ...)"} for a non-empty tenant set, else nothing. */
    static String tenantFilter(Set<String> tenants) {
        return tenants.isEmpty() ? "" : " AND tenant IN (" + Dialect.placeholders(tenants.size()) + ")";
    }

    /** The tenants in a fixed order, to bind after the statement's other parameters. */
    static List<String> sorted(Set<String> tenants) {
        return List.copyOf(new TreeSet<>(tenants));
    }
}
