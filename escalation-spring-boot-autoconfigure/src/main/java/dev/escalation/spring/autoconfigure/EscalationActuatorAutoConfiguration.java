package dev.escalation.spring.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Actuator: the {@code escalation} health component and the {@code escalation} endpoint (its
 * "run now" write operation only with {@code escalation.endpoint.run-now-enabled=true} on a node that
 * runs the engine).
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

    /** The endpoint without the write operation. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(endpoint = EscalationEndpoint.class)
    static class Endpoints {

        @Bean
        @ConditionalOnMissingBean(EscalationEndpoint.class)
        @ConditionalOnProperty(prefix = "escalation.endpoint", name = "run-now-enabled", havingValue = "true")
        @ConditionalOnBean(EscalationRunner.class)
        EscalationRunNowEndpoint escalationRunNowEndpoint(
                RunHistory history, EscalationHealth health, EscalationRunner runner) {
            return new EscalationRunNowEndpoint(history, health, runner);
        }

        @Bean
        @ConditionalOnMissingBean(EscalationEndpoint.class)
        EscalationEndpoint escalationEndpoint(RunHistory history, EscalationHealth health) {
            return new EscalationEndpoint(history, health);
        }
    }
}
