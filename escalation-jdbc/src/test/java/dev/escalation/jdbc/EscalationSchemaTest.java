package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped DDL and the identifiers that may reach it. */
abstract class EscalationSchemaTest {

    abstract TestDatabase db();

    @Test
    void the_shipped_ddl_applies_cleanly_to_an_empty_database() throws SQLException {
        try (Connection c = db().dataSource().getConnection();
                Statement s = c.createStatement()) {
            db().schema().schema().ifPresent(schema -> execute(s, "CREATE SCHEMA " + schema));
            for (String sql : EscalationSchema.statements(db().dialect(), db().schema())) {
                s.execute(sql);
            }
        }

        assertThat(count("task")).isZero();
        assertThat(count("audit")).isZero();
        assertThat(count("outbox")).isZero();
    }

    @Test
    void create_makes_the_tables_once_and_then_leaves_them_alone() throws SQLException {
        assertThat(EscalationSchema.create(db().dataSource(), db().dialect(), db().schema()))
                .isTrue();
        db().store(ManualClock.at("2026-01-05T09:00:00Z"))
                .tasks()
                .open(dev.escalation.core.task.NewTask.of(
                        "PO-1",
                        "purchase-order",
                        "Approval",
                        "alice",
                        java.time.Instant.parse("2026-01-05T09:00:00Z")));

        assertThat(EscalationSchema.create(db().dataSource(), db().dialect(), db().schema()))
                .isFalse();
        assertThat(count("task")).isEqualTo(1);
    }

    @Test
    void create_records_each_version_it_applies() throws SQLException {
        EscalationSchema.create(db().dataSource(), db().dialect(), db().schema());

        assertThat(recordedVersions()).isEqualTo(allVersions());
    }

    @Test
    void create_adopts_tables_made_before_versions_were_recorded_and_keeps_their_rows() throws SQLException {
        // given version 1's tables, made by a release that kept no record of versions, holding a task
        try (Connection c = db().dataSource().getConnection();
                Statement s = c.createStatement()) {
            if (db().schema().schema().isPresent()) {
                s.execute(
                        "CREATE SCHEMA IF NOT EXISTS " + db().schema().schema().get());
            }
            for (String sql : EscalationSchema.statements(db().dialect(), db().schema(), SchemaVersions.ALL.get(0))) {
                s.execute(sql);
            }
            s.execute("INSERT INTO " + db().table("task") + " (id, workflow_type, stage, assignee, priority,"
                    + " sla_start, attributes, status, holds, cycle, reminders_sent, escalation_level,"
                    + " re_escalations, version, created_at, updated_at) VALUES ('PO-1', 'purchase-order',"
                    + " 'Approval', 'alice', 'normal', TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00', '{}',"
                    + " 'OPEN', '[]', 0, 0, 0, 0, 1, TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00',"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00')");
        }

        // when create runs
        boolean ran = EscalationSchema.create(db().dataSource(), db().dialect(), db().schema());

        // then those tables count as version 1, every later version is applied, and the task stays
        assertThat(ran).isEqualTo(SchemaVersions.ALL.size() > 1);
        assertThat(recordedVersions()).isEqualTo(allVersions());
        assertThat(db().store(ManualClock.at("2026-01-05T10:00:00Z")).tasks().find("PO-1"))
                .map(dev.escalation.core.task.WorkflowTask::assignee)
                .contains("alice");
        assertThat(EscalationSchema.create(db().dataSource(), db().dialect(), db().schema()))
                .isFalse();
    }

    private java.util.List<Integer> recordedVersions() throws SQLException {
        java.util.List<Integer> versions = new java.util.ArrayList<>();
        try (Connection c = db().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT version FROM " + db().table(SchemaInstaller.HISTORY) + " ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static java.util.List<Integer> allVersions() {
        return SchemaVersions.ALL.stream().map(SchemaVersions.Version::number).toList();
    }

    @Test
    void tables_take_the_configured_prefix_and_schema() throws SQLException {
        SchemaOptions options = SchemaOptions.defaults().withSchema("approvals").withTablePrefix("wf_");
        EscalationSchema.create(db().dataSource(), db().dialect(), options);

        try (Connection c = db().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + options.qualifiedPrefix() + "task")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            s.execute("DROP SCHEMA " + options.schema().orElseThrow() + " CASCADE");
        }
    }

    @Test
    void the_dialect_is_detected_from_the_connection() {
        assertThat(SqlDialect.detect(db().dataSource())).isEqualTo(db().dialect());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Escalation_",
                "1st_",
                "esc-",
                "esc_; DROP TABLE users; --",
                "esc.",
                "\"esc\"",
                "é_",
                "a_prefix_that_is_far_too_long_for_any_index_name"
            })
    void a_table_prefix_that_is_no_plain_identifier_is_refused_naming_it(String prefix) {
        assertThatThrownBy(() -> JdbcEscalationStore.builder(db().dataSource()).tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tablePrefix")
                .hasMessageContaining("'" + prefix + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Public", "my schema", "s;drop", "pg_catalog.x"})
    void a_schema_that_is_no_plain_identifier_is_refused_naming_it(String schema) {
        assertThatThrownBy(() -> SchemaOptions.defaults().withSchema(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema")
                .hasMessageContaining("'" + schema + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "order", "user", "value", "current_user", "window", "minus", "rownum"})
    void a_schema_that_is_a_reserved_word_is_refused_before_any_sql_runs(String schema) {
        assertThatThrownBy(() -> JdbcEscalationStore.builder(db().dataSource()).schema(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema must not be an SQL reserved word of PostgreSQL or H2, but was '" + schema + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "order", "user"})
    void a_table_prefix_spelled_like_a_reserved_word_makes_tables_that_work(String prefix) {
        JdbcEscalationStore store = JdbcEscalationStore.builder(db().dataSource())
                .clock(ManualClock.at("2026-01-05T09:00:00Z"))
                .schemaOptions(db().schema().withTablePrefix(prefix))
                .build();
        store.createSchema();

        store.tasks()
                .open(dev.escalation.core.task.NewTask.of(
                        "PO-1",
                        "purchase-order",
                        "Approval",
                        "alice",
                        java.time.Instant.parse("2026-01-05T09:00:00Z")));

        assertThat(store.tasks().find("PO-1")).isPresent();
    }

    @Test
    void the_longest_table_prefix_keeps_every_derived_name_within_63_bytes() {
        String longest = "p".repeat(SchemaOptions.MAX_PREFIX_LENGTH);
        JdbcEscalationStore store = JdbcEscalationStore.builder(db().dataSource())
                .clock(ManualClock.at("2026-01-05T09:00:00Z"))
                .schemaOptions(db().schema().withTablePrefix(longest))
                .build();

        assertThat(store.createSchema()).isTrue();

        // PostgreSQL would silently truncate a longer name; the second call finds every table as named.
        assertThat(store.createSchema()).isFalse();
    }

    @Test
    void a_null_table_prefix_is_refused() {
        assertThatThrownBy(() -> SchemaOptions.defaults().withTablePrefix(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tablePrefix must not be null");
    }

    private long count(String table) throws SQLException {
        try (Connection c = db().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + db().table(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class OnPostgres extends EscalationSchemaTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }

        @Test
        void nodes_that_start_together_create_the_tables_once() throws Exception {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Callable<Boolean> node = () -> {
                    start.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return EscalationSchema.create(db.dataSource(), db.dialect(), db.schema());
                };
                java.util.concurrent.Future<Boolean> first = nodes.submit(node);
                java.util.concurrent.Future<Boolean> second = nodes.submit(node);

                assertThat(java.util.List.of(
                                first.get(60, java.util.concurrent.TimeUnit.SECONDS),
                                second.get(60, java.util.concurrent.TimeUnit.SECONDS)))
                        .containsExactlyInAnyOrder(true, false);
            } finally {
                nodes.shutdownNow();
            }
        }
    }

    static final class OnH2 extends EscalationSchemaTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
