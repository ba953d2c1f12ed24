package dev.escalation.jdbc.testing;

import dev.escalation.jdbc.EscalationSchema;
import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.Statement;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The migration tools set up exactly as docs/jdbc.md tells a host to, on a test's database: the
 * host's own Flyway (its {@code V1__host.sql} in {@code db/host}), a second Flyway for the library's
 * schema under its own history table, and Liquibase with the host's master changelog that includes
 * the library's.
 */
public final class Migrations {

    /** The library's Flyway history table, apart from the host's {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "escalation_schema_history";
    /** The host's master changelog: its own changeSet, then {@value #CHANGELOG}. */
    public static final String HOST_CHANGELOG = "db/host/changelog.xml";
    /** The library's changelog. */
    public static final String CHANGELOG = "db/escalation/changelog.xml";

    // Liquibase logs each changeSet at INFO through java.util.logging and prints a summary on the
    // console; a test run keeps its warnings only. A strong reference keeps the level set.
    private static final java.util.logging.Logger LIQUIBASE_LOG =
            quiet(java.util.logging.Logger.getLogger("liquibase"));

    private Migrations() {}

    /** The host's own Flyway: default history table, its migrations in {@code db/host}. */
    public static Flyway host(TestDatabase db) {
        return inSchema(Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/host"), db)
                .load();
    }

    /** The second Flyway, for the library's schema beside the host's: the configuration docs/jdbc.md shows. */
    public static FluentConfiguration escalation(TestDatabase db) {
        return inSchema(
                Flyway.configure()
                        .dataSource(db.dataSource())
                        .table(HISTORY_TABLE)
                        .locations(location(db))
                        .placeholders(EscalationSchema.placeholders(db.dialect(), db.schema()))
                        // The host's tables make the schema non-empty: start an empty history at 0, so V1 runs.
                        .baselineOnMigrate(true)
                        .baselineVersion("0"),
                db);
    }

    /** Where the library's migrations for this database live, as a Flyway location. */
    public static String location(TestDatabase db) {
        // As docs/jdbc.md tells hosts to configure it.
        return "classpath:db/escalation/" + (db.dialect() == SqlDialect.POSTGRESQL ? "postgresql" : "h2");
    }

    /**
     * Runs Liquibase's {@code update} with {@code changelog}, the changelog parameters set for this
     * test's prefix and schema, and Liquibase's own tables in that schema (which it does not create, so
     * this does first).
     */
    public static void liquibaseUpdate(TestDatabase db, String changelog) throws Exception {
        liquibaseUpdate(db, changelog, db.schema());
    }

    /** As {@link #liquibaseUpdate(TestDatabase, String)}, with the changelog parameters for {@code options}. */
    public static void liquibaseUpdate(TestDatabase db, String changelog, SchemaOptions options) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            if (db.schema().schema().isPresent()) {
                String schema = db.schema().schema().get();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                }
                database.setDefaultSchemaName(schema);
                database.setLiquibaseSchemaName(schema);
            }
            ChangeLogParameters parameters = new ChangeLogParameters(database);
            EscalationSchema.placeholders(db.dialect(), options).forEach(parameters::set);
            CommandScope update = new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
            Scope.child(Scope.Attr.ui, new LoggerUIService(), update::execute);
        }
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static FluentConfiguration inSchema(FluentConfiguration config, TestDatabase db) {
        // Flyway creates the schema if need be and keeps its history table there.
        return db.schema().schema().map(config::schemas).orElse(config);
    }
}
