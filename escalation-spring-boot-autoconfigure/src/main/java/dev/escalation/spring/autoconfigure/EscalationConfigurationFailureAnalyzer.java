package dev.escalation.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad policy, calendar or holiday file at start-up into Boot's failure report: what is wrong
 * and where, and what to change.
 */
public final class EscalationConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidEscalationConfigurationException> {

    /** Registered in {@code META-INF/spring.factories}; Boot instantiates it. */
    public EscalationConfigurationFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidEscalationConfigurationException cause) {
        return new FailureAnalysis(
                "An escalation policy could not be used.\n\n" + cause.getMessage(),
                "Correct the value named above in " + cause.source()
                        + " (policies follow the JSON shape of PolicyDefinition; see docs/spring-boot.md).",
                cause);
    }
}
