package dev.escalation.jdbc;

import dev.escalation.jdbc.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.Tag;

/**
 * {@link ClusterTest} on a real Citus cluster: four engines and a host at once on tables distributed
 * by tenant, tasks of three tenants and tasks without one; every step once, every notification
 * delivered once, every chain intact. Fewer tasks than on PostgreSQL: each statement is a round trip
 * through the coordinator to a worker.
 */
@Tag("citus")
class CitusClusterTest extends ClusterTest {

    static final int TENANTS = 3;

    @Override
    TestDatabase database() {
        return TestDatabase.citus();
    }

    @Override
    int tasks() {
        return 200;
    }

    @Override
    Optional<String> tenantOf(int i) {
        int tenant = i % (TENANTS + 1);
        return tenant == TENANTS ? Optional.empty() : Optional.of("tenant-" + tenant);
    }

    /** As many as on PostgreSQL in proportion to the tasks, twice over: a host change by id first finds its tenant on every shard. */
    @Override
    int completionsPerTick() {
        return 2;
    }

    @Override
    String outboxRowsTask() {
        return "t.tenant = o.tenant AND t.id = o.task_id";
    }

    @Override
    int chains() {
        return TENANTS + AuditChain.DEFAULT_STRIPES;
    }
}
