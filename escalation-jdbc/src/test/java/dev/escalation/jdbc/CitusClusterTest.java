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
        return 2_000;
    }

    @Override
    Optional<String> tenantOf(int i) {
        int tenant = i % (TENANTS + 1);
        return tenant == TENANTS ? Optional.empty() : Optional.of("tenant-" + tenant);
    }

    @Override
    int chains() {
        return TENANTS + 1;
    }
}
