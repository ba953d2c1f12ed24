package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.testing.Migrations;
import dev.escalation.jdbc.testing.SchemaSnapshot;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flyway (beside a host's migrations), Liquibase (the host's changelog including the library's) and
 * {@code createSchema()} make the same tables, columns, indexes and constraints, compared at
 * {@code pg_dump -s} level through the catalogs: the one copy of the DDL cannot drift between them.
 */
abstract class SameSchemaEveryWayTest {

    abstract SqlDialect dialect();

    private final List<TestDatabase> databases = new ArrayList<>();

    private TestDatabase database() {
        TestDatabase db = TestDatabase.open(dialect());
        databases.add(db);
        return db;
    }

    @AfterEach
    void dropTheDatabases() throws SQLException {
        for (TestDatabase db : databases) {
            db.close();
        }
    }

    @Test
    void flyway_and_liquibase_make_the_same_schema() throws Exception {
        assertThat(snapshot(liquibase())).isEqualTo(snapshot(flyway()));
    }

    @Test
    void flyway_makes_the_schema_that_create_schema_makes() throws Exception {
        assertThat(snapshot(flyway())).isEqualTo(snapshot(created()));
    }

    @Test
    void the_snapshot_holds_every_table_column_index_and_key_of_the_library() throws Exception {
        // 11 indexes of V1 and the 5 of V3 (the operator queries, #17); V5's two SLA count tables (#19),
        // 11 columns, the counts' primary key; V6 adds 4 task columns, V7 warnings_sent, V8 goals (#20);
        // V10 drops task_active and task_deadline, which task_worklist covers (#19).
        Map<String, Long> facts = snapshot(created()).stream()
                .collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf(' ')), Collectors.counting()));

        assertThat(facts)
                .containsOnly(entry("table", 8L), entry("column", 84L), entry("index", 20L), entry("constraint", 7L));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ALTER TABLE %soutbox ALTER COLUMN task_id DROP NOT NULL",
                "ALTER TABLE %soutbox ALTER COLUMN attempts SET DEFAULT 0",
                "DROP INDEX %soutbox_pending"
            })
    void the_snapshot_sees_a_change_of_structure(String change) throws Exception {
        TestDatabase db = created();
        List<String> before = snapshot(db);

        db.execute(String.format(change, db.schema().qualifiedPrefix()));

        assertThat(snapshot(db)).isNotEqualTo(before);
    }

    private TestDatabase flyway() {
        TestDatabase db = database();
        Migrations.host(db).migrate();
        Migrations.escalation(db).load().migrate();
        return db;
    }

    private TestDatabase liquibase() throws Exception {
        TestDatabase db = database();
        Migrations.liquibaseUpdate(db, Migrations.HOST_CHANGELOG);
        return db;
    }

    private TestDatabase created() {
        TestDatabase db = database();
        db.store(ManualClock.at("2026-01-05T09:00:00Z"));
        return db;
    }

    private static List<String> snapshot(TestDatabase db) throws SQLException {
        return SchemaSnapshot.of(db.dataSource(), db.dialect(), db.schema());
    }

    static final class OnPostgres extends SameSchemaEveryWayTest {
        @Override
        SqlDialect dialect() {
            return SqlDialect.POSTGRESQL;
        }
    }

    static final class OnH2 extends SameSchemaEveryWayTest {
        @Override
        SqlDialect dialect() {
            return SqlDialect.H2;
        }
    }
}
