package dev.escalation.jdbc.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.TaskRules;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.testing.CitusCluster;
import dev.escalation.jdbc.testing.RecordedStatements;
import dev.escalation.jdbc.testing.ShardRouting;
import dev.escalation.jdbc.testing.TestDatabase;
import dev.escalation.testkit.WorkflowRepositoryContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * The JDBC repository passes the testkit's repository contract on a real Citus cluster (tables
 * distributed by tenant); and every statement the contract made it run is routed to one shard, or is
 * a read-only one that {@link ShardRouting#READ_ONLY_ACROSS_TENANTS} names.
 */
@Tag("citus")
class CitusRepositoryContractTest extends WorkflowRepositoryContract {

    static final RecordedStatements RECORDED = new RecordedStatements();

    @Override
    protected Fixture createFixture(ManualClock clock, TaskRules rules) {
        TestDatabase db = TestDatabase.open(dev.escalation.jdbc.SqlDialect.CITUS);
        JdbcEscalationStore store = db.storeBuilder(RECORDED.wrap(db.dataSource()), clock)
                .taskRules(rules)
                .slaCountsMaxAge(Duration.ZERO)
                .build();
        return new Fixture(store.repository(), store.tasks(), store.auditTrail(), db::close);
    }

    @AfterAll
    static void every_statement_the_contract_ran_is_routed_to_one_shard() throws Exception {
        assertRouted(RECORDED.statements(), "escalation_citus.escalation_audit_chain");
    }

    /** Fails with every statement that is neither single-shard nor an allowed read across tenants. */
    static void assertRouted(Map<String, List<RecordedStatements.Parameter>> statements, String auditChain)
            throws Exception {
        Map<String, ShardRouting.Verdict> verdicts = ShardRouting.explain(CitusCluster.coordinator(), statements);
        List<String> offending = new ArrayList<>();
        for (ShardRouting.Verdict v : verdicts.values()) {
            if (!v.singleShard() && ShardRouting.allowedBecause(v, auditChain).isEmpty()) {
                offending.add(v.sql() + "\n" + v.plan());
            }
        }
        assertThat(verdicts).as("statements recorded").isNotEmpty();
        assertThat(offending)
                .as("statements that lock or write on more than one shard, or read across tenants unlisted")
                .isEmpty();
    }
}
