package dev.escalation.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The upgrade test that every schema change ships with (docs/jdbc.md, "Changing the schema"):
 * migrate an empty database to version N, fill it as a host on version N would, migrate it to the
 * latest version and check that the data is still there; a second migration then does nothing.
 *
 * <pre>{@code
 * SchemaUpgrade.from(db, "1")
 *         .holding(db -> db.execute("INSERT INTO ... "))          // SQL of version 1
 *         .toLatest(db -> assertThat(db.query("SELECT ...")).hasSize(1));
 * }</pre>
 */
public final class SchemaUpgrade {

    /** Something done to a test's database: filling it, or checking it. */
    @FunctionalInterface
    public interface Step {
        void apply(TestDatabase db) throws Exception;
    }

    private final TestDatabase db;

    private SchemaUpgrade(TestDatabase db) {
        this.db = db;
    }

    /** Migrates {@code db}, which must be empty, to {@code version} and to nothing later. */
    public static SchemaUpgrade from(TestDatabase db, String version) {
        Flyway flyway = Migrations.escalation(db).target(version).load();
        assertThat(flyway.info().applied())
                .as("migrations applied before the upgrade test")
                .isEmpty();
        flyway.migrate();
        assertThat(current(flyway)).as("version after migrating to %s", version).isEqualTo(version);
        return new SchemaUpgrade(db);
    }

    /** Fills the database as a host on the version migrated to would. */
    public SchemaUpgrade holding(Step data) throws Exception {
        data.apply(db);
        return this;
    }

    /**
     * Migrates to the latest shipped version, checks that it got there, runs {@code check}, and
     * migrates once more to see that nothing is left to do.
     *
     * @return the migration to the latest version
     */
    public MigrateResult toLatest(Step check) throws Exception {
        Flyway flyway = Migrations.escalation(db).load();
        MigrationInfo[] pending = flyway.info().pending();
        MigrateResult upgrade = flyway.migrate();
        assertThat(upgrade.migrationsExecuted)
                .as("migrations run by the upgrade")
                .isEqualTo(pending.length);
        assertThat(current(flyway)).as("version after the upgrade").isEqualTo(latest(flyway));
        check.apply(db);
        assertThat(flyway.migrate().migrationsExecuted)
                .as("migrations run by a second migrate")
                .isZero();
        return upgrade;
    }

    private static String current(Flyway flyway) {
        return flyway.info().current().getVersion().getVersion();
    }

    private static String latest(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        return all[all.length - 1].getVersion().getVersion();
    }
}
