package dev.escalation.jdbc.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The figures of docs/scaling-out.md, one run on embedded PostgreSQL and one on Citus (coordinator and
 * two workers) on the same machine: tasks opened per second, steps applied per second by one engine,
 * and the cost of one routed statement (a single-row claim by tenant and key) and of one read across
 * every shard. Not a test of behaviour; run it by hand:
 * {@code mvn -Pcitus -pl escalation-jdbc verify -Dcitus.groups=citus-figures -Dtest=CitusFiguresProbe}.
 */
@Tag("citus-figures")
class CitusFiguresProbe {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int TASKS = 4_000;
    static final int TENANTS = 8;
    static final int PROBES = 500;

    @ParameterizedTest
    @EnumSource(
            value = SqlDialect.class,
            names = {"POSTGRESQL", "CITUS"})
    void figures(SqlDialect dialect) throws Exception {
        TestDatabase db = TestDatabase.open(dialect);
        try {
            ManualClock clock = ManualClock.at(START);
            DataSource pool = db.pool(4);
            JdbcEscalationStore store = db.storeBuilder(pool, clock).build();
            store.createSchema();
            long t0 = System.nanoTime();
            for (int i = 0; i < TASKS; i++) {
                store.tasks()
                        .open(NewTask.of("T-" + i, "purchase-order", "Approval", "alice", START)
                                .withTenant("tenant-" + (i % TENANTS)));
            }
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            EscalationEngine engine = EscalationEngine.builder()
                    .repository(store.repository())
                    .policy(SlaPolicy.builder("Approval")
                            .sla(Duration.ofHours(24))
                            .warnBefore(Duration.ofHours(4))
                            .escalateTo(EscalationTarget.user("dora"))
                            .build())
                    .notifier(n -> {})
                    .batchSize(500)
                    .countSla(false)
                    .build();
            clock.advance(Duration.ofHours(21));
            long t1 = System.nanoTime();
            long steps = 0;
            for (int run = 0; run < 100; run++) {
                int applied = engine.runOnce().stepsApplied();
                steps += applied;
                if (applied == 0) {
                    break;
                }
            }
            double stepSeconds = (System.nanoTime() - t1) / 1e9;
            double routedMs =
                    probe(pool, "SELECT id FROM " + db.table("task") + " WHERE tenant = ? AND id = ? FOR UPDATE");
            double acrossMs =
                    probe(pool, "SELECT count(*) FROM " + db.table("task") + " WHERE tenant <> ? AND id <> ?");
            System.out.printf(
                    "figures %s: %d tasks opened in %.1f s (%.0f/s); %d steps in %.1f s (%.0f steps/s);"
                            + " routed statement %.2f ms; read across shards %.2f ms%n",
                    dialect,
                    TASKS,
                    openSeconds,
                    TASKS / openSeconds,
                    steps,
                    stepSeconds,
                    steps / stepSeconds,
                    routedMs,
                    acrossMs);
            assertThat(steps).isEqualTo(TASKS);
        } finally {
            db.close();
        }
    }

    /** The mean time of one statement with its own commit, over {@link #PROBES} runs. */
    private static double probe(DataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            long t = System.nanoTime();
            for (int i = 0; i < PROBES; i++) {
                ps.setString(1, "tenant-" + (i % TENANTS));
                ps.setString(2, "T-" + i);
                ps.executeQuery().close();
                c.commit();
            }
            c.setAutoCommit(true);
            return (System.nanoTime() - t) / 1e6 / PROBES;
        }
    }
}
