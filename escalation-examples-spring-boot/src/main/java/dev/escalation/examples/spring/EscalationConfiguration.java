package dev.escalation.examples.spring;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.micrometer.EscalationMetrics;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine as Spring beans. Boot binds every {@code MeterBinder} bean to its registry itself,
 * so {@link EscalationMetrics} is a bean and the engine gets it as a listener; nobody calls
 * {@code bindTo}.
 */
@Configuration(proxyBeanMethods = false)
public class EscalationConfiguration {

    /** Production time; tests put a {@code @Primary} ManualClock beside it. */
    @Bean
    Clock escalationClock() {
        return Clock.system();
    }

    @Bean
    JdbcEscalationStore escalationStore(DataSource dataSource, Clock clock) {
        JdbcEscalationStore store =
                JdbcEscalationStore.builder(dataSource).clock(clock).build();
        store.createSchema(); // production hosts run the shipped DDL with Flyway or Liquibase instead
        return store;
    }

    @Bean
    PolicyResolver escalationPolicies() {
        return PolicyRegistry.builder()
                .register(
                        PolicyKey.stage("Manager Approval"),
                        SlaPolicy.builder("Manager Approval")
                                .sla(Duration.ofHours(24))
                                .escalateTo(EscalationTarget.role("department_head"))
                                .build())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    Notifier escalationNotifier() {
        return new LoggingNotifier(); // a real host sends mail or chat messages here
    }

    @Bean
    EscalationMetrics escalationMetrics() {
        return EscalationMetrics.create();
    }

    @Bean
    EscalationEngine escalationEngine(
            JdbcEscalationStore store,
            PolicyResolver policies,
            Notifier notifier,
            EscalationMetrics metrics,
            Clock clock) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policies(policies)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .listener(metrics)
                .build();
    }
}
