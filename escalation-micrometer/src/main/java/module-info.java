/**
 * Micrometer meters for the escalation engine: {@code EscalationMetrics} binds run figures, SLA
 * gauges and notification outcomes under the {@code escalation.} prefix. Exports only
 * {@code dev.escalation.micrometer}; the meter bookkeeping lives in
 * {@code dev.escalation.micrometer.internal}.
 */
module dev.escalation.micrometer {
    requires transitive dev.escalation.core;
    requires transitive micrometer.core;

    exports dev.escalation.micrometer;
}
