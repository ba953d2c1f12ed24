package dev.escalation.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code escalation.*} settings of the Spring Boot auto-configuration.
 *
 * @param enabled         whether this node runs the engine on a schedule; the store and the task store stay
 *                        available when it does not (a node that only opens and completes tasks)
 * @param minInterval     the shortest wait between two runs, however soon the next task is due
 * @param maxInterval     the longest wait between two runs, however far off the next task is due
 * @param policies        policy definitions in the JSON shape of {@code PolicyDefinition} (snake_case keys)
 * @param policyLocations resources holding a JSON policy definition or an array of them, e.g.
 *                        {@code classpath:escalation/policies.json}
 * @param roles           the user of each role, when the application has no {@code TargetResolver} bean
 * @param jdbc            the JDBC store
 * @param health          the health indicator
 * @param endpoint        the Actuator endpoint
 * @param console         the operations console under the management port
 */
@ConfigurationProperties("escalation")
public record EscalationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration minInterval,
        @DefaultValue("1m") Duration maxInterval,
        List<Map<String, Object>> policies,
        List<String> policyLocations,
        Map<String, String> roles,
        @DefaultValue Jdbc jdbc,
        @DefaultValue Health health,
        @DefaultValue Endpoint endpoint,
        @DefaultValue Console console) {

    /**
     * Checks the intervals and fills absent lists and maps with empty ones.
     *
     * @param enabled         whether this node runs the engine on a schedule
     * @param minInterval     the shortest wait between two runs
     * @param maxInterval     the longest wait between two runs
     * @param policies        policy definitions in the JSON shape
     * @param policyLocations resources holding JSON policy definitions
     * @param roles           the user of each role
     * @param jdbc            the JDBC store
     * @param health          the health indicator
     * @param endpoint        the Actuator endpoint
     * @param console         the operations console
     * @throws IllegalArgumentException naming the property and its value when an interval is not
     *         positive or the minimum exceeds the maximum
     */
    public EscalationProperties {
        positive("escalation.min-interval", minInterval);
        positive("escalation.max-interval", maxInterval);
        if (minInterval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException("escalation.min-interval must not exceed escalation.max-interval ("
                    + maxInterval + "), but was " + minInterval);
        }
        policies = policies == null ? List.of() : List.copyOf(policies);
        policyLocations = policyLocations == null ? List.of() : List.copyOf(policyLocations);
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    /** How the JDBC store's schema comes to exist when Flyway is not on the classpath. */
    public enum InitializeSchema {
        /** Create the tables unless they exist, on any database. */
        ALWAYS,
        /** Never create them: the host runs the shipped DDL itself. */
        NEVER,
        /** Create them on an embedded database (H2) only. */
        EMBEDDED
    }

    /**
     * The JDBC store on the application's {@code DataSource}.
     *
     * @param initializeSchema when to create the tables without Flyway
     * @param tablePrefix      the prefix of the library's table names
     * @param schema           the database schema of the tables; empty for the connection's own
     * @param historyTable     Flyway's history table for the library's migrations, apart from the host's
     */
    public record Jdbc(
            @DefaultValue("embedded") InitializeSchema initializeSchema,
            @DefaultValue("escalation_") String tablePrefix,
            String schema,
            @DefaultValue("escalation_schema_history") String historyTable) {}

    /**
     * When the health indicator reports the engine down.
     *
     * @param maxRunAge how old the last successful run may be (and, before the first, how long after
     *                  start-up one may take to succeed)
     * @param maxFailedRuns how many runs in a row may fail
     */
    public record Health(
            @DefaultValue("5m") Duration maxRunAge,
            @DefaultValue("3") int maxFailedRuns) {

        /**
         * Checks both limits.
         *
         * @param maxRunAge     how old the last successful run may be
         * @param maxFailedRuns how many runs in a row may fail
         * @throws IllegalArgumentException naming the property and its value when a limit is not positive
         */
        public Health {
            positive("escalation.health.max-run-age", maxRunAge);
            if (maxFailedRuns < 1) {
                throw new IllegalArgumentException(
                        "escalation.health.max-failed-runs must be at least 1, but was " + maxFailedRuns);
            }
        }
    }

    /**
     * The Actuator endpoint {@code escalation}.
     *
     * @param runNowEnabled whether its write operations exist (run now, redeliver, pause and resume
     *                      a policy); the older name of {@code write.enabled}, either one enables them
     * @param write         its write operations
     */
    public record Endpoint(
            @DefaultValue("false") boolean runNowEnabled,
            @DefaultValue Write write) {

        /**
         * The endpoint's write operations.
         *
         * @param enabled whether they exist: run now, redeliver given-up notifications, pause and
         *                resume a policy
         */
        public record Write(@DefaultValue("false") boolean enabled) {}
    }

    /**
     * The operations console, mounted under the management port at
     * {@code <management base path>/escalation-console} when escalation-console is on the classpath
     * and the application has a {@code ConsoleBackend} bean.
     *
     * @param enabled  whether it is mounted
     * @param pageSize rows per list page, 1 to 1,000
     */
    public record Console(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") int pageSize) {

        /**
         * Checks the page size.
         *
         * @param enabled  whether it is mounted
         * @param pageSize rows per list page
         * @throws IllegalArgumentException naming the property when the page size is outside 1 to 1,000
         */
        public Console {
            if (pageSize < 1 || pageSize > 1_000) {
                throw new IllegalArgumentException(
                        "escalation.console.page-size must be between 1 and 1000, but was " + pageSize);
            }
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
    }
}
