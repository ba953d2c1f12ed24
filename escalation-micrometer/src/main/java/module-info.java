/**
 * Micrometer meters for the escalation engine: {@code EscalationMetrics} binds run figures, SLA
 * gauges and notification outcomes under the {@code escalation.} prefix; the meter bookkeeping is
 * package-private beside it.
 */
module dev.escalation.micrometer {
    requires transitive dev.escalation.core;
    requires transitive micrometer.core;

    exports dev.escalation.micrometer;
}
