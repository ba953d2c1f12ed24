package dev.escalation.jdbc.citus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.EscalationSchema;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.testing.CitusCluster;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On Citus, versions 10 (fewer task indexes) and 11 (partial policy and tenant indexes, issue #19) run
 * after Citus's own version 9 has distributed the tables: Flyway with both locations takes the versions
 * in number order (PostgreSQL's V1-V8, Citus's V9, PostgreSQL's V10 and V11), {@code EscalationSchema.create}
 * likewise in one transaction, and either way the distributed task table keeps the due, warning, policy
 * and worklist indexes only, each shard's policy index still led by the tenant as V9 made it.
 */
@Tag("citus")
class CitusTaskIndexesTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

    @Test
    void flyway_runs_the_postgresql_versions_with_citus_s_version_9_in_its_place_by_number() throws Exception {
        SchemaOptions schema = freshSchema("escalation_citus_flyway");
        Flyway flyway = Flyway.configure()
                .dataSource(CitusCluster.coordinator())
                .schemas(schema.schema().orElseThrow())
                .table("escalation_schema_history")
                .locations("classpath:db/escalation/postgresql", "classpath:db/escalation/citus")
                .placeholders(EscalationSchema.placeholders(SqlDialect.CITUS, schema))
                .load();

        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(11);

        assertThat(TestDatabase.query(
                        CitusCluster.coordinator(),
                        "SELECT version FROM " + schema.schema().orElseThrow()
                                + ".escalation_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                .extracting(row -> row.get(0))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        assertThat(taskIndexes(schema)).isEqualTo(EXPECTED);
        assertThat(countsOnTwoTasks(schema)).isEqualTo(new SlaCounts(2, 0, 0, 0));
    }

    @Test
    void create_schema_runs_versions_10_and_11_after_the_distribution_in_its_one_transaction() throws Exception {
        SchemaOptions schema = freshSchema("escalation_citus_created");

        assertThat(EscalationSchema.create(CitusCluster.coordinator(), SqlDialect.CITUS, schema))
                .isTrue();

        assertThat(taskIndexes(schema)).isEqualTo(EXPECTED);
        assertThat(indexesPerShard(schema))
                .as("on every shard of the task table")
                .containsOnly(EXPECTED.size());
        assertThat(countsOnTwoTasks(schema)).isEqualTo(new SlaCounts(2, 0, 0, 0));
    }

    @Test
    void version_11_keeps_the_tenant_leading_the_policy_index_on_every_shard() throws Exception {
        SchemaOptions schema = freshSchema("escalation_citus_policy");

        EscalationSchema.create(CitusCluster.coordinator(), SqlDialect.CITUS, schema);

        assertThat(TestDatabase.query(
                                CitusCluster.coordinator(),
                                "SELECT result FROM run_command_on_shards('"
                                        + schema.schema().orElseThrow()
                                        + ".escalation_task', $$SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
                                        + " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '%s'::regclass"
                                        + " AND c.relname LIKE 'escalation_task_policy%%'$$)")
                        .stream()
                        .map(row -> row.get(0))
                        .toList())
                .isNotEmpty()
                .allSatisfy(definition -> assertThat(definition)
                        .contains("(tenant, policy_id, policy_version, id)")
                        .endsWith("WHERE ((status = 'OPEN'::text) AND (policy_id IS NOT NULL))"));
    }

    /** The number of indexes of each shard of the task table, as its worker knows it. */
    private static List<Integer> indexesPerShard(SchemaOptions schema) throws Exception {
        return TestDatabase.query(
                        CitusCluster.coordinator(),
                        "SELECT result FROM run_command_on_shards('"
                                + schema.schema().orElseThrow()
                                + ".escalation_task', $$SELECT count(*) FROM pg_index WHERE indrelid = '%s'::regclass$$)")
                .stream()
                .map(row -> Integer.parseInt(row.get(0)))
                .toList();
    }

    /** Index name and predicate of each index of the task table, as the coordinator knows them. */
    private static final List<List<String>> EXPECTED = List.of(
            List.of("escalation_task_due", "WHERE (next_check_at IS NOT NULL)"),
            List.of("escalation_task_pkey", ""),
            List.of("escalation_task_policy", "WHERE ((status = 'OPEN'::text) AND (policy_id IS NOT NULL))"),
            List.of("escalation_task_warning", "WHERE ((status = 'OPEN'::text) AND (warning_at IS NOT NULL))"),
            List.of("escalation_task_worklist", "WHERE (status = ANY (ARRAY['OPEN'::text, 'ON_HOLD'::text]))"));

    private static SchemaOptions freshSchema(String name) throws Exception {
        try (Connection c = CitusCluster.coordinator().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
        return SchemaOptions.defaults().withSchema(name);
    }

    private static List<List<String>> taskIndexes(SchemaOptions schema) throws Exception {
        return TestDatabase.query(
                CitusCluster.coordinator(),
                "SELECT indexname, COALESCE(substring(indexdef from 'WHERE .*$'), '') FROM pg_indexes"
                        + " WHERE schemaname = '" + schema.schema().orElseThrow()
                        + "' AND tablename = 'escalation_task' ORDER BY indexname");
    }

    /** Two tasks of two tenants opened, counted directly over the shards. */
    private SlaCounts countsOnTwoTasks(SchemaOptions schema) {
        DataSource coordinator = CitusCluster.coordinator();
        JdbcEscalationStore store = JdbcEscalationStore.builder(coordinator)
                .dialect(SqlDialect.CITUS)
                .schemaOptions(schema)
                .clock(clock)
                .build();
        store.tasks()
                .open(NewTask.of("A-1", "purchase-order", "Approval", "alice", clock.now())
                        .withTenant("acme"));
        store.tasks()
                .open(NewTask.of("B-1", "purchase-order", "Approval", "bob", clock.now())
                        .withTenant("globex"));
        return store.repository()
                .slaCounts(new RunScope("counter", clock.now(), clock.now().plusSeconds(60), Set.of()))
                .orElseThrow();
    }
}
