package dev.escalation.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The schema's versions, oldest first: one DDL file per version and dialect under
 * {@link Dialect#ddlFolder()}, the same files that Flyway and the Liquibase changelog run. A schema
 * change adds its file to both dialect folders, a changeSet per dialect to
 * {@code db/escalation/changelog.xml}, and a line here; {@link EscalationSchema#create} then brings
 * older databases up to it.
 */
final class SchemaVersions {

    /** One version of the schema and the name of its DDL file in each dialect's folder. */
    record Version(int number, String file) {}

    static final List<Version> ALL = List.of(
            new Version(1, "V1__escalation.sql"),
            new Version(2, "V2__policy_versions.sql"),
            new Version(3, "V3__operator_queries.sql"),
            new Version(4, "V4__operator_actions.sql"),
            new Version(5, "V5__sla_counts.sql"),
            new Version(6, "V6__acknowledgements.sql"),
            new Version(7, "V7__warning_thresholds.sql"),
            new Version(8, "V8__task_goals.sql"),
            new Version(10, "V10__fewer_task_indexes.sql"),
            new Version(11, "V11__partial_policy_and_tenant_indexes.sql"));

    /**
     * On Citus: the PostgreSQL files of {@link #ALL} with this one in its place by number (after V8,
     * before V10), which distributes the tables by tenant ({@code db/escalation/citus/}). Its number
     * is Citus's own: PostgreSQL and H2 have no version 9.
     */
    static final Version CITUS_DISTRIBUTION = new Version(9, "V9__distribute_by_tenant.sql");

    private SchemaVersions() {}

    /** The versions {@link EscalationSchema#create} applies on {@code dialect}, oldest first. */
    static List<Version> of(SqlDialect dialect) {
        if (dialect != SqlDialect.CITUS) {
            return ALL;
        }
        List<Version> versions = new ArrayList<>(ALL);
        versions.add(CITUS_DISTRIBUTION);
        versions.sort(Comparator.comparingInt(Version::number));
        return List.copyOf(versions);
    }

    static Version latest() {
        return ALL.get(ALL.size() - 1);
    }
}
