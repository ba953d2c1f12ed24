package dev.escalation.jdbc;

import dev.escalation.jdbc.testing.TestDatabase;
import java.util.Optional;

/**
 * {@link ClusterTest} with the store as on Citus, on PostgreSQL's server ({@link TestDatabase#citusTablesOnPostgres()}):
 * four engines and a host at once, each claim, step batch and delivery batch split into one transaction per
 * tenant, tasks of three tenants and tasks without one; every step once, every notification delivered once, every
 * chain intact. {@link CitusClusterTest} runs the same on a real cluster, in the citus profile only.
 */
class ClusterOnCitusTablesTest extends ClusterTest {

    @Override
    TestDatabase database() {
        return TestDatabase.citusTablesOnPostgres();
    }

    /** A tenth of PostgreSQL's: each batch of steps costs a transaction per tenant. */
    @Override
    int tasks() {
        return 2_000;
    }

    @Override
    Optional<String> tenantOf(int i) {
        int tenant = i % (CitusClusterTest.TENANTS + 1);
        return tenant == CitusClusterTest.TENANTS ? Optional.empty() : Optional.of("tenant-" + tenant);
    }

    /** As many as on PostgreSQL in proportion to the tasks. */
    @Override
    int completionsPerTick() {
        return 10;
    }

    @Override
    String outboxRowsTask() {
        return "t.tenant = o.tenant AND t.id = o.task_id";
    }

    @Override
    int chains() {
        return CitusClusterTest.TENANTS + AuditChain.DEFAULT_STRIPES;
    }
}
