package dev.escalation.jdbc.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.RetentionPolicy;
import dev.escalation.jdbc.testing.CitusCluster;
import dev.escalation.jdbc.testing.RecordedStatements;
import dev.escalation.jdbc.testing.ShardRouting;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every statement the store runs on Citus for an engine, a host and an operator, across tenants, is
 * routed to one shard, unless it is a read-only one that {@link ShardRouting#READ_ONLY_ACROSS_TENANTS}
 * names. The statements are recorded from the store as it runs, so a new one cannot be left out.
 */
@Tag("citus")
class CitusStatementRoutingTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final String AUDIT_CHAIN = "escalation_citus.escalation_audit_chain";

    @RegisterExtension
    final TestDatabase db = TestDatabase.citus();

    final ManualClock clock = ManualClock.at(START);
    final RecordedStatements recorded = new RecordedStatements();

    final SlaPolicy policy = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(4))
            .escalateTo(EscalationTarget.user("dora"))
            .build();

    @Test
    void every_statement_of_an_engine_a_host_and_an_operator_is_routed_to_one_shard() throws Exception {
        DataSource source = recorded.wrap(db.dataSource());
        JdbcEscalationStore store = db.storeBuilder(source, clock).build();
        for (String tenant : List.of("acme", "globex", "")) {
            for (int i = 0; i < 3; i++) {
                NewTask task = NewTask.of(
                        (tenant.isEmpty() ? "none" : tenant) + "-T" + i, "purchase-order", "Approval", "alice", START);
                store.tasks().open(tenant.isEmpty() ? task : task.withTenant(tenant));
            }
        }
        EscalationEngine engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(n -> {
                    // globex's receiver is down: its notifications are given up after one attempt.
                    if (n.tenant().filter("globex"::equals).isPresent()) {
                        throw new IllegalStateException("globex is down");
                    }
                })
                .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 1.0, Duration.ofMinutes(1)))
                .batchSize(2)
                .build();
        // A bulk import of several tenants: one tenant's rows per insert, in one transaction.
        store.tasks()
                .openAll(List.of(
                        NewTask.of("acme-I0", "purchase-order", "Approval", "alice", START)
                                .withTenant("acme"),
                        NewTask.of("globex-I0", "purchase-order", "Approval", "alice", START)
                                .withTenant("globex"),
                        NewTask.of("none-I0", "purchase-order", "Approval", "alice", START)));
        store.tasks().reassign("acme-T0", "bob");
        store.tasks().hold("acme-T1");
        store.tasks().resume("acme-T1");
        store.tasks().complete("none-T0");
        for (int hour = 0; hour < 30; hour += 6) {
            clock.advance(Duration.ofHours(6));
            engine.runOnce();
        }
        store.operatorActions().pausePolicy("Approval", "ops");
        store.operatorActions().resumePolicy("Approval", "ops");
        store.operatorActions().pausedPolicies();
        var redelivered = store.operatorActions().redeliver(RedeliveryRequest.ofTask("r-1", "ops", "globex-T1"));
        engine.runOnce();
        store.queries().openTasks(TaskQuery.asOf(clock.now()));
        store.queries().auditEntries(AuditQuery.all());
        store.queries().notifications(OutboxQuery.undelivered());
        store.tasks().find("globex-T2");
        store.auditVerifier().verifyAll();
        clock.advance(Duration.ofDays(30));
        store.purge(RetentionPolicy.keep(Duration.ofDays(1), Duration.ofDays(1)));

        assertThat(redelivered.requeued())
                .as("given-up notifications redelivered")
                .isNotEmpty();
        CitusRepositoryContractTest.assertRouted(recorded.statements(), AUDIT_CHAIN);
    }

    @Test
    void a_write_that_names_no_tenant_is_reported() throws Exception {
        db.store(clock).tasks().open(NewTask.of("T-1", "purchase-order", "Approval", "alice", START));
        String unrouted = "UPDATE " + db.table("task") + " SET claimed_by = NULL WHERE id = ?";
        RecordedStatements one = new RecordedStatements();
        try (Connection c = one.wrap(db.dataSource()).getConnection();
                PreparedStatement ps = c.prepareStatement(unrouted)) {
            ps.setString(1, "T-1");
            ps.executeUpdate();
        }

        Map<String, ShardRouting.Verdict> verdicts = ShardRouting.explain(CitusCluster.coordinator(), one.statements());

        assertThat(verdicts.get(unrouted).singleShard()).isFalse();
        assertThat(ShardRouting.allowedBecause(verdicts.get(unrouted), AUDIT_CHAIN))
                .isEmpty();
    }
}
