package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationEngine;
import dev.escalation.jdbc.JdbcEscalationStore;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With Actuator: the {@code escalation} health component and the {@code escalation} endpoint (its
 * write operations only with {@code escalation.endpoint.write.enabled=true}, or the older
 * {@code run-now-enabled=true}; "run now" only on a node that runs the engine).
 */
@AutoConfiguration(after = EscalationAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(EscalationHealth.class)
public class EscalationActuatorAutoConfiguration {

    /** Instantiated by Spring. */
    public EscalationActuatorAutoConfiguration() {}

    /** Spring Boot 3's health API ({@code org.springframework.boot.actuate.health}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "escalationHealthIndicator")
        EscalationHealthIndicator escalationHealthIndicator(EscalationHealth health) {
            return new EscalationHealthIndicator(health);
        }
    }

    /** Spring Boot 4's health API ({@code org.springframework.boot.health.contributor}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot4Health {

        @Bean
        @ConditionalOnMissingBean(name = "escalationHealthIndicator")
        EscalationBoot4HealthIndicator escalationHealthIndicator(EscalationHealth health) {
            return new EscalationBoot4HealthIndicator(health);
        }
    }

    /** The endpoint: read operations always, write operations only when enabled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(endpoint = EscalationEndpoint.class)
    static class Endpoints {

        @Bean
        @ConditionalOnMissingBean(EscalationEndpoint.class)
        @Conditional(WriteEnabled.class)
        @ConditionalOnBean(EscalationRunner.class)
        EscalationRunNowEndpoint escalationRunNowEndpoint(
                RunHistory history,
                EscalationHealth health,
                EscalationEngine engine,
                JdbcEscalationStore store,
                EscalationRunner runner) {
            return new EscalationRunNowEndpoint(
                    history,
                    health,
                    engine,
                    store.queries(),
                    store.operatorActions(),
                    store.repository().clock(),
                    runner);
        }

        @Bean
        @ConditionalOnMissingBean(EscalationEndpoint.class)
        @Conditional(WriteEnabled.class)
        EscalationWriteEndpoint escalationWriteEndpoint(
                RunHistory history, EscalationHealth health, EscalationEngine engine, JdbcEscalationStore store) {
            return new EscalationWriteEndpoint(
                    history,
                    health,
                    engine,
                    store.queries(),
                    store.operatorActions(),
                    store.repository().clock());
        }

        @Bean
        @ConditionalOnMissingBean(EscalationEndpoint.class)
        EscalationEndpoint escalationEndpoint(
                RunHistory history, EscalationHealth health, EscalationEngine engine, JdbcEscalationStore store) {
            return new EscalationEndpoint(
                    history, health, engine, store.queries(), store.repository().clock());
        }
    }

    /** Either switch enables the write operations: {@code run-now-enabled} is the older name. */
    static class WriteEnabled extends AnyNestedCondition {

        WriteEnabled() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "escalation.endpoint", name = "write.enabled", havingValue = "true")
        static class Write {}

        @ConditionalOnProperty(prefix = "escalation.endpoint", name = "run-now-enabled", havingValue = "true")
        static class RunNow {}
    }
}
