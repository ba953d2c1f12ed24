package dev.escalation.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Tenants as the tables hold them. Where {@code tenant} is the distribution key (Citus) it cannot be
 * NULL, and a task without a tenant is stored under {@link #NONE}, the empty name, which no tenant
 * can have (core rejects a blank tenant). Reads map it back to "no tenant" on every database.
 */
final class Tenants {

    /** The column value of "no tenant" on a distributed database. */
    static final String NONE = "";

    private static final String CHAIN_PREFIX = "tenant:";

    private Tenants() {}

    /** The tenant in {@code column}, empty for NULL or {@link #NONE}. */
    static Optional<String> read(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The tenant column value of an audit chain's rows: the tenant of a {@code tenant:} chain, {@link #NONE} for every other chain. */
    static String ofChain(String chain) {
        return chain.startsWith(CHAIN_PREFIX) ? chain.substring(CHAIN_PREFIX.length()) : NONE;
    }

    /** {@code items} by tenant column value ({@link #NONE} for none), tenants in name order, each in the items' order. */
    static <T> Map<String, List<T>> split(Collection<T> items, Function<T, Optional<String>> tenant) {
        Map<String, List<T>> byTenant = new TreeMap<>();
        for (T item : items) {
            byTenant.computeIfAbsent(tenant.apply(item).orElse(NONE), t -> new ArrayList<>())
                    .add(item);
        }
        return byTenant;
    }

    /** Binds a plan's candidate query from index 1; returns the next index. */
    @FunctionalInterface
    interface Binder {
        int bind(java.sql.PreparedStatement ps) throws SQLException;
    }

    /**
     * How many rows of {@code table} to claim of each tenant, each share then in a transaction of its own.
     * On a distributed database a claim must name one tenant (Citus locks only in single-shard
     * statements), so this first reads, without locks and across shards, the tenants of the first
     * {@code limit} candidates ({@code where}, with its ORDER BY) and hands out each tenant's share in
     * that order. Elsewhere one claim takes every tenant at once: a single share of {@code limit}.
     */
    static Map<String, Integer> shares(StoreContext ctx, String table, String where, int limit, Binder bind) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        if (!ctx.dialect().distributed()) {
            shares.put(NONE, limit);
            return shares;
        }
        return ctx.tx().inOneStatement("planning claims by tenant", c -> {
            try (java.sql.PreparedStatement ps =
                    c.prepareStatement("SELECT tenant FROM " + table + where + " LIMIT ?")) {
                ps.setInt(bind.bind(ps), limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shares.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
            }
            return shares;
        });
    }

    /** One group holding every item, for a database that is not distributed. */
    static <T> Map<String, List<T>> whole(Collection<T> items) {
        Map<String, List<T>> one = new LinkedHashMap<>();
        one.put(NONE, new ArrayList<>(items));
        return one;
    }
}
