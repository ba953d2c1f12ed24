package dev.escalation.spring.autoconfigure;

import dev.escalation.micrometer.EscalationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With escalation-micrometer and a {@link MeterRegistry}: the engine's meters. {@link EscalationMetrics}
 * is a {@code MeterBinder}, which Boot binds to every registry, and an engine listener, which the
 * engine bean picks up.
 */
@AutoConfiguration(
        before = EscalationAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass({EscalationMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class EscalationMetricsAutoConfiguration {

    /** Instantiated by Spring. */
    public EscalationMetricsAutoConfiguration() {}

    /**
     * The engine's meters.
     *
     * @return the metrics
     */
    @Bean
    @ConditionalOnMissingBean
    public EscalationMetrics escalationMetrics() {
        return EscalationMetrics.create();
    }
}
