package dev.escalation.spring.autoconfigure;

import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.util.Locale;

/**
 * Brings the library's tables into being before the engine's first run: with Flyway on the classpath,
 * the shipped migrations under their own history table (beside the host's own Flyway history);
 * otherwise per {@code escalation.jdbc.initialize-schema}.
 */
public final class EscalationSchemaInitializer {

    private final String outcome;

    EscalationSchemaInitializer(String outcome) {
        this.outcome = outcome;
    }

    /**
     * Creates the tables when {@code mode} says so for this database.
     *
     * @param store the store whose tables to create
     * @param mode  {@code escalation.jdbc.initialize-schema}
     * @return the initializer, done
     */
    static EscalationSchemaInitializer byProperty(
            JdbcEscalationStore store, EscalationProperties.InitializeSchema mode) {
        boolean create = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> store.dialect() == SqlDialect.H2;
        };
        if (!create) {
            return new EscalationSchemaInitializer(
                    "initialize-schema=" + mode.name().toLowerCase(Locale.ROOT) + ": left as is");
        }
        return new EscalationSchemaInitializer(store.createSchema() ? "created" : "present");
    }

    /**
     * What the initializer did, for logs and tests.
     *
     * @return e.g. {@code "created"}, {@code "flyway: 1 migrations applied"}
     */
    public String outcome() {
        return outcome;
    }
}
