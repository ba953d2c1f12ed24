package dev.escalation.spring.autoconfigure;

import dev.escalation.jdbc.EscalationSchema;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The library's Flyway migrations, kept apart from {@link EscalationSchemaInitializer} so that only
 * this class refers to Flyway: Spring introspects the initializer's class on every application, with
 * or without Flyway on the class path.
 */
final class FlywaySchemaMigration {

    private FlywaySchemaMigration() {}

    /**
     * Runs the library's Flyway migrations for the store's dialect under {@code historyTable}.
     *
     * @param dataSource   the application's data source
     * @param store        the store whose tables to migrate
     * @param historyTable Flyway's history table for the library's migrations
     * @return the initializer, migrated
     */
    static EscalationSchemaInitializer migrate(DataSource dataSource, JdbcEscalationStore store, String historyTable) {
        String dialect = store.dialect() == SqlDialect.POSTGRESQL ? "postgresql" : "h2";
        FluentConfiguration flyway = Flyway.configure(FlywaySchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .table(historyTable)
                .locations("classpath:db/escalation/" + dialect)
                .placeholders(EscalationSchema.placeholders(store.dialect(), store.schemaOptions()))
                // The host's own tables make the schema non-empty: an empty history starts at 0, so V1 runs.
                .baselineOnMigrate(true)
                .baselineVersion("0");
        store.schemaOptions().schema().ifPresent(flyway::schemas);
        int applied = flyway.load().migrate().migrationsExecuted;
        return new EscalationSchemaInitializer("flyway: " + applied + " migrations applied");
    }
}
