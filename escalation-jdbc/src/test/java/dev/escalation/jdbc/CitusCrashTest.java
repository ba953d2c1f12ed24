package dev.escalation.jdbc;

import dev.escalation.jdbc.testing.CitusCluster;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;

/**
 * {@link CrashTest} on a real Citus cluster: the child process (two engines and a host on the
 * coordinator, tables distributed by tenant, tasks of three tenants and tasks without one) is killed
 * with SIGKILL at the same seeded moments, and a fresh node finishes: no step lost or doubled, no
 * task stranded, every task's steps those of the reference model. Fewer kills and a shorter scenario
 * than on PostgreSQL (one simulated day instead of three: each run's statements take a second hop
 * through the coordinator), in which every kill still falls (the same seeded moments) and tasks still
 * warn, remind, escalate and re-escalate, are acknowledged, completed and reassigned.
 */
@Tag("citus")
class CitusCrashTest extends CrashTest {

    static final int TENANTS = 3;

    @Override
    TestDatabase database() {
        return TestDatabase.citus();
    }

    @Override
    String childUrl() {
        return CitusCluster.url();
    }

    @Override
    Duration scenario() {
        return Duration.ofDays(1);
    }

    @Override
    int kills() {
        return 4;
    }

    @Override
    Optional<String> tenantOf(int i) {
        int tenant = i % (TENANTS + 1);
        return tenant == TENANTS ? Optional.empty() : Optional.of("tenant-" + tenant);
    }
}
