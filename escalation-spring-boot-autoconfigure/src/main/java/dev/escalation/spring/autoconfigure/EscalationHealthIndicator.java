package dev.escalation.spring.autoconfigure;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Actuator's {@code escalation} health component: {@link EscalationHealth}'s verdict. */
public final class EscalationHealthIndicator extends AbstractHealthIndicator {

    private final EscalationHealth health;

    /**
     * Reports {@code health}.
     *
     * @param health the verdict's source
     */
    public EscalationHealthIndicator(EscalationHealth health) {
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
