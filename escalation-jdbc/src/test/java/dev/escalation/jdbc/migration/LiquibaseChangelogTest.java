package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.testing.FirstStep;
import dev.escalation.jdbc.testing.Migrations;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host's master changelog includes the library's {@code db/escalation/changelog.xml} after its own
 * changeSet; the library's changeSets run the same SQL files as Flyway.
 */
abstract class LiquibaseChangelogTest {

    final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

    abstract TestDatabase db();

    @Test
    void the_host_s_changelog_runs_its_own_change_set_and_the_library_s_for_this_database() throws Exception {
        Migrations.liquibaseUpdate(db(), Migrations.HOST_CHANGELOG);

        assertThat(changeSets())
                .containsExactly(
                        List.of("host-1", "db/host/changelog.xml"),
                        List.of(
                                "escalation-v1-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v2-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v3-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v4-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v5-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v6-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v7-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v8-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v10-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG),
                        List.of(
                                "escalation-v11-" + db().dialect().name().toLowerCase(Locale.ROOT),
                                Migrations.CHANGELOG));
    }

    @Test
    void the_store_takes_tasks_and_steps_on_the_schema_liquibase_made() throws Exception {
        Migrations.liquibaseUpdate(db(), Migrations.HOST_CHANGELOG);
        JdbcEscalationStore store = FirstStep.store(db(), clock);

        assertThat(FirstStep.take(store, clock)).containsExactly(AuditType.TASK_OPENED, AuditType.WARNING_SENT);
    }

    @Test
    void changelog_parameters_take_precedence_over_the_changelog_s_default_prefix() throws Exception {
        SchemaOptions wf = db().schema().withTablePrefix("wf_");

        Migrations.liquibaseUpdate(db(), Migrations.HOST_CHANGELOG, wf);

        assertThat(db().query("SELECT COUNT(*) FROM " + wf.qualifiedPrefix() + "task"))
                .containsExactly(List.of("0"));
        assertThatThrownBy(() -> db().query("SELECT COUNT(*) FROM " + db().table("task")))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void a_second_update_changes_nothing() throws Exception {
        Migrations.liquibaseUpdate(db(), Migrations.HOST_CHANGELOG);
        JdbcEscalationStore store = FirstStep.store(db(), clock);
        FirstStep.take(store, clock);
        List<List<String>> before = changeSets();

        Migrations.liquibaseUpdate(db(), Migrations.HOST_CHANGELOG);

        assertThat(changeSets()).isEqualTo(before);
        assertThat(store.auditTrail().entriesFor(FirstStep.TASK_ID)).hasSize(2);
    }

    /** Id and changelog of each changeSet Liquibase ran, in order. */
    private List<List<String>> changeSets() throws SQLException {
        String table = db().schema().schema().map(s -> s + ".").orElse("") + "databasechangelog";
        return db().query("SELECT id, filename FROM " + table + " ORDER BY orderexecuted");
    }

    static final class OnPostgres extends LiquibaseChangelogTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends LiquibaseChangelogTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
