package dev.escalation.jdbc.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.testing.CitusCluster;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An installation made on PostgreSQL (the schema versions before 9, tables local to the coordinator, tasks with
 * and without a tenant, steps taken) becomes a Citus one when a store with {@link SqlDialect#CITUS}
 * creates the schema: version 9 distributes the tables by tenant, and the tasks, their audit chains
 * and the engine carry on.
 */
@Tag("citus")
class CitusConversionTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final SchemaOptions SCHEMA = SchemaOptions.defaults().withSchema("escalation_citus_upgrade");

    final ManualClock clock = ManualClock.at(START);
    final SlaPolicy policy = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(4))
            .escalateTo(EscalationTarget.user("dora"))
            .build();

    @Test
    void a_postgresql_installation_holding_data_is_distributed_by_tenant_and_carries_on() throws Exception {
        DataSource coordinator = CitusCluster.coordinator();
        try (Connection c = coordinator.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS escalation_citus_upgrade CASCADE");
        }
        JdbcEscalationStore before = JdbcEscalationStore.builder(coordinator)
                .dialect(SqlDialect.POSTGRESQL)
                .schemaOptions(SCHEMA)
                .clock(clock)
                .build();
        before.createSchema();
        before.tasks()
                .open(NewTask.of("A-1", "purchase-order", "Approval", "alice", START)
                        .withTenant("acme"));
        before.tasks().open(NewTask.of("N-1", "purchase-order", "Approval", "alice", START));
        clock.advance(Duration.ofHours(21));
        assertThat(engine(before).runOnce().stepsApplied()).isEqualTo(2);

        List<List<String>> countTablesBefore = countTables(coordinator);

        JdbcEscalationStore after = JdbcEscalationStore.builder(coordinator)
                .dialect(SqlDialect.CITUS)
                .schemaOptions(SCHEMA)
                .clock(clock)
                .build();
        boolean converted = after.createSchema();
        clock.advance(Duration.ofHours(4));
        RunReport afterMove = engine(after).runOnce();
        int stepsAfter = afterMove.stepsApplied();
        after.tasks().complete("N-1");

        assertThat(converted).as("version 9 ran").isTrue();
        assertThat(TestDatabase.query(
                        coordinator,
                        "SELECT logicalrelid::text FROM pg_dist_partition WHERE logicalrelid::text LIKE"
                                + " 'escalation_citus_upgrade.%' AND partmethod = 'h' ORDER BY 1"))
                .extracting(row -> row.get(0))
                .containsExactly(
                        "escalation_citus_upgrade.escalation_audit",
                        "escalation_citus_upgrade.escalation_audit_chain",
                        "escalation_citus_upgrade.escalation_outbox",
                        "escalation_citus_upgrade.escalation_task");
        assertThat(stepsAfter).as("the breaches, after the move").isEqualTo(2);
        assertThat(countTablesBefore)
                .as("V5's maintained counts, on PostgreSQL")
                .hasSize(2);
        assertThat(countTables(coordinator))
                .as("V5's maintained counts, dropped: on Citus the store counts directly")
                .isEmpty();
        assertThat(afterMove.slaCounts().map(SlaCounts::breached))
                .as("both tasks counted breached, directly over the shards")
                .contains(2L);
        assertThat(after.tasks().find("A-1").orElseThrow().tenant()).contains("acme");
        assertThat(after.tasks().find("N-1").orElseThrow().tenant()).isEmpty();
        assertThat(after.auditVerifier().verifyAll())
                .as("the chains written before and after the move")
                .hasSize(2)
                .allSatisfy(chain -> assertThat(chain.intact()).isTrue());
        List<AuditEntry> trail = after.auditTrail().entriesFor("N-1");
        assertThat(trail.get(0).type()).isEqualTo(AuditType.TASK_OPENED);
        assertThat(trail.get(trail.size() - 1).type()).isEqualTo(AuditType.TASK_COMPLETED);
    }

    private static List<List<String>> countTables(DataSource coordinator) throws Exception {
        return TestDatabase.query(
                coordinator,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'escalation_citus_upgrade'"
                        + " AND table_name LIKE '%task_count%'");
    }

    private EscalationEngine engine(JdbcEscalationStore store) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(n -> {})
                .build();
    }
}
