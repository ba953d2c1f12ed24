package dev.escalation.examples.spring;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Calls the engine every {@code escalation.interval} (default one minute). Several application
 * instances may all do so against one database: every step still happens once.
 */
@Component
public class EscalationScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationScheduler.class);

    private final EscalationEngine engine;

    public EscalationScheduler(EscalationEngine engine) {
        this.engine = engine;
    }

    @Scheduled(
            fixedDelayString = "${escalation.interval:PT1M}",
            initialDelayString = "${escalation.initial-delay:PT10S}")
    public RunReport run() {
        try {
            return engine.runOnce();
        } catch (EscalationRunException e) {
            // Counted by the metrics (escalation_runs_total{outcome="failure"}) and alerted on; the next run retries.
            LOG.error("escalation run {} failed", e.runId(), e);
            return null;
        }
    }
}
