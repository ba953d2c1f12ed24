package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcEscalationStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The escalation engine on the application's {@code DataSource}: the JDBC store and its schema, a
 * {@link TaskStore} that joins Spring-managed transactions, the policies of {@code escalation.*}, the
 * engine with the application's {@link Notifier}, {@link TargetResolver} and
 * {@link EscalationListener} beans, and its runs on a {@link TaskScheduler}. Every bean backs off when
 * the application defines its own. Class names of other auto-configurations are given as text because
 * Spring Boot 4 moved them to new packages; both lines are named.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
        })
@ConditionalOnClass({JdbcEscalationStore.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(EscalationProperties.class)
public class EscalationAutoConfiguration {

    /** Instantiated by Spring. */
    public EscalationAutoConfiguration() {}

    /**
     * The JDBC store on the application's data source: the application's {@link Clock} bean when it has
     * one, else the database's clock, so that every node reads one time.
     *
     * @param dataSource the application's data source
     * @param properties the settings
     * @param clock      the application's clock, if any
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public JdbcEscalationStore escalationStore(
            DataSource dataSource, EscalationProperties properties, ObjectProvider<Clock> clock) {
        JdbcEscalationStore.Builder builder = JdbcEscalationStore.builder(dataSource)
                .tablePrefix(properties.jdbc().tablePrefix());
        if (properties.jdbc().schema() != null && !properties.jdbc().schema().isBlank()) {
            builder.schema(properties.jdbc().schema());
        }
        clock.ifAvailable(builder::clock);
        return builder.build();
    }

    /**
     * The host's task store: inside a Spring-managed transaction its changes join it.
     *
     * @param store      the store
     * @param dataSource the data source whose transactions it joins
     * @return the task store
     */
    @Bean
    @ConditionalOnMissingBean
    public TaskStore escalationTaskStore(JdbcEscalationStore store, DataSource dataSource) {
        return new SpringTransactionTaskStore(store, dataSource);
    }

    /**
     * The policies of {@code escalation.policies} and {@code escalation.policy-locations}, validated now.
     *
     * @param properties the settings
     * @param resources  where policy and holiday files are read
     * @return the policies
     * @throws InvalidEscalationConfigurationException naming the source, JSON path and value of a bad definition
     */
    @Bean
    @ConditionalOnMissingBean
    public PolicyResolver escalationPolicies(EscalationProperties properties, ResourcePatternResolver resources) {
        return new PolicyLoader(resources).load(properties);
    }

    /**
     * This node's run history, read by the health indicator and the endpoint.
     *
     * @param store the store, whose clock the engine reads
     * @return the history
     */
    @Bean
    @ConditionalOnMissingBean
    public RunHistory escalationRunHistory(JdbcEscalationStore store) {
        return new RunHistory(store.repository().clock());
    }

    /**
     * The health verdict over the run history.
     *
     * @param history    the runs
     * @param store      the store, whose clock the engine reads
     * @param properties the settings
     * @return the health check
     */
    @Bean
    @ConditionalOnMissingBean
    public EscalationHealth escalationHealth(
            RunHistory history, JdbcEscalationStore store, EscalationProperties properties) {
        return new EscalationHealth(history, store.repository().clock(), properties.health());
    }

    /**
     * The engine: the application's notifier (else one that logs), target resolver (else
     * {@code escalation.roles}) and every listener bean.
     *
     * @param store      the store
     * @param schema     the schema, ready before the engine
     * @param policies   the policies
     * @param notifier   the application's notifier, if any
     * @param targets    the application's target resolver, if any
     * @param listeners  the listener beans (the run history, the metrics)
     * @param properties the settings
     * @return the engine
     */
    @Bean
    @ConditionalOnMissingBean
    public EscalationEngine escalationEngine(
            JdbcEscalationStore store,
            EscalationSchemaInitializer schema,
            PolicyResolver policies,
            ObjectProvider<Notifier> notifier,
            ObjectProvider<TargetResolver> targets,
            ObjectProvider<EscalationListener> listeners,
            EscalationProperties properties) {
        EscalationEngine.Builder engine = EscalationEngine.builder()
                .repository(store.repository())
                .policies(policies)
                .notifier(notifier.getIfAvailable(LoggingNotifier::new))
                .targets(targets.getIfAvailable(() -> TargetResolver.roles(properties.roles())));
        listeners.orderedStream().forEach(engine::listener);
        return engine.build();
    }

    /** With Flyway on the classpath: the library's migrations under their own history table. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
    static class FlywaySchema {

        /** After the application's own migrations (Boot's Flyway), so that each Flyway finds the schema it expects. */
        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        EscalationSchemaInitializer escalationSchemaInitializer(
                DataSource dataSource, JdbcEscalationStore store, EscalationProperties properties) {
            return FlywaySchemaMigration.migrate(
                    dataSource, store, properties.jdbc().historyTable());
        }
    }

    /** Without Flyway: {@code escalation.jdbc.initialize-schema}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.flywaydb.core.Flyway")
    static class PropertySchema {

        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        EscalationSchemaInitializer escalationSchemaInitializer(
                JdbcEscalationStore store, EscalationProperties properties) {
            return EscalationSchemaInitializer.byProperty(
                    store, properties.jdbc().initializeSchema());
        }
    }

    /** The runs, unless {@code escalation.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "escalation", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Runs {

        /** A scheduler of the engine's own when the application has none (Boot makes one only with @EnableScheduling). */
        @Bean
        @ConditionalOnMissingBean(TaskScheduler.class)
        ThreadPoolTaskScheduler escalationTaskScheduler() {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setThreadNamePrefix("escalation-");
            scheduler.setWaitForTasksToCompleteOnShutdown(true);
            return scheduler;
        }

        @Bean
        @ConditionalOnMissingBean
        EscalationRunner escalationRunner(
                EscalationEngine engine, ObjectProvider<TaskScheduler> scheduler, EscalationProperties properties) {
            TaskScheduler unique = scheduler.getIfUnique();
            if (unique == null) {
                throw new IllegalStateException("escalation runs need one TaskScheduler bean, but the application has"
                        + " several; define an EscalationRunner bean to choose, or set escalation.enabled=false");
            }
            return new EscalationRunner(engine, unique, properties.minInterval(), properties.maxInterval());
        }
    }
}
