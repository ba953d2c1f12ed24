package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.testing.FirstStep;
import dev.escalation.jdbc.testing.Migrations;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host with its own Flyway migrations ({@code V1__host.sql}) adds the library's schema with a
 * second Flyway instance under its own history table, configured as docs/jdbc.md shows.
 */
abstract class FlywayBesideHostMigrationsTest {

    final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

    abstract TestDatabase db();

    @Test
    void one_flyway_for_the_host_s_and_the_library_s_migrations_refuses_the_two_version_1s() {
        Flyway both = Flyway.configure()
                .configuration(Migrations.host(db()).getConfiguration())
                .locations("classpath:db/host", Migrations.location(db()))
                .load();

        assertThatThrownBy(both::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Found more than one migration with version 1");
    }

    @Test
    void the_library_s_schema_migrates_after_the_host_s_under_its_own_history_table() throws SQLException {
        assertThat(Migrations.host(db()).migrate().migrationsExecuted).isEqualTo(1);

        assertThat(Migrations.escalation(db()).load().migrate().migrationsExecuted)
                .isEqualTo(10);
        assertThat(history("flyway_schema_history")).containsExactly(List.of("1", "SQL", "host"));
        assertThat(history(Migrations.HISTORY_TABLE))
                .containsExactly(
                        List.of("0", "BASELINE", "<< Flyway Baseline >>"),
                        List.of("1", "SQL", "escalation"),
                        List.of("2", "SQL", "policy versions"),
                        List.of("3", "SQL", "operator queries"),
                        List.of("4", "SQL", "operator actions"),
                        List.of("5", "SQL", "sla counts"),
                        List.of("6", "SQL", "acknowledgements"),
                        List.of("7", "SQL", "warning thresholds"),
                        List.of("8", "SQL", "task goals"),
                        List.of("10", "SQL", "fewer task indexes"),
                        List.of("11", "SQL", "partial policy and tenant indexes"));
    }

    @Test
    void without_a_baseline_the_second_flyway_refuses_the_host_s_non_empty_schema() {
        Migrations.host(db()).migrate();
        Flyway noBaseline = Migrations.escalation(db()).baselineOnMigrate(false).load();

        assertThatThrownBy(noBaseline::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("non-empty schema");
    }

    @Test
    void the_host_s_own_flyway_refuses_to_run_after_the_library_s_so_the_host_s_runs_first() {
        Migrations.escalation(db()).load().migrate();

        assertThatThrownBy(Migrations.host(db())::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("non-empty schema");
    }

    @Test
    void flyway_s_default_baseline_version_would_skip_the_library_s_version_1() {
        Migrations.host(db()).migrate();
        Flyway baselineAtOne = Migrations.escalation(db()).baselineVersion("1").load();

        // Version 1 is skipped as the baseline, so version 2 finds no task table to alter.
        assertThatThrownBy(baselineAtOne::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("V2__policy_versions.sql");
        assertThatThrownBy(() -> db().query("SELECT COUNT(*) FROM " + db().table("task")))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void the_store_takes_tasks_and_steps_on_the_migrated_schema() {
        migrateBoth();
        JdbcEscalationStore store = FirstStep.store(db(), clock);

        assertThat(FirstStep.take(store, clock)).containsExactly(AuditType.TASK_OPENED, AuditType.WARNING_SENT);
    }

    @Test
    void a_second_migrate_of_both_changes_nothing() throws SQLException {
        migrateBoth();
        JdbcEscalationStore store = FirstStep.store(db(), clock);
        FirstStep.take(store, clock);
        List<List<String>> historyBefore = history(Migrations.HISTORY_TABLE);

        assertThat(Migrations.host(db()).migrate().migrationsExecuted).isZero();
        assertThat(Migrations.escalation(db()).load().migrate().migrationsExecuted)
                .isZero();
        assertThat(history(Migrations.HISTORY_TABLE)).isEqualTo(historyBefore);
        assertThat(store.auditTrail().entriesFor(FirstStep.TASK_ID)).hasSize(2);
    }

    private void migrateBoth() {
        Migrations.host(db()).migrate();
        Migrations.escalation(db()).load().migrate();
    }

    /**
     * Version, type and description of each versioned row of a Flyway history table, in the order
     * applied (without the rows Flyway writes when it creates a schema or the table).
     */
    private List<List<String>> history(String table) throws SQLException {
        String qualified = db().schema().schema().map(s -> s + ".").orElse("") + '"' + table + '"';
        return db().query("SELECT \"version\", \"type\", \"description\" FROM " + qualified
                + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
    }

    static final class OnPostgres extends FlywayBesideHostMigrationsTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends FlywayBesideHostMigrationsTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
