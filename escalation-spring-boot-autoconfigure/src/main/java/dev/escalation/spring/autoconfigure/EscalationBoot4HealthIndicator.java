package dev.escalation.spring.autoconfigure;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator's {@code escalation} health component on Spring Boot 4, whose health API moved to
 * {@code org.springframework.boot.health.contributor}: {@link EscalationHealth}'s verdict, as
 * {@link EscalationHealthIndicator} reports it on Spring Boot 3.
 */
public final class EscalationBoot4HealthIndicator extends AbstractHealthIndicator {

    private final EscalationHealth health;

    /**
     * Reports {@code health}.
     *
     * @param health the verdict's source
     */
    public EscalationBoot4HealthIndicator(EscalationHealth health) {
        super("escalation health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        EscalationHealth.Verdict verdict = health.check();
        (verdict.up() ? builder.up() : builder.down()).withDetails(verdict.details());
        if (!verdict.up()) {
            builder.withDetail("reason", verdict.reason());
        }
    }
}
