package dev.escalation.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task measured against its policy at one instant. Durations are SLA time: with a business
 * calendar (or holds) they count only the time in which the SLA clock runs.
 *
 * @param status       OK, WARNING (near breach) or BREACHED
 * @param deadline     when the task breaches (breached) its SLA
 * @param warningAt    when the warning falls due; empty when the policy does not warn
 * @param remaining    SLA time left before the deadline; zero once breached
 * @param overdue      SLA time past the deadline; zero before it
 * @param nextChangeAt the next instant at which a step falls due; empty when none ever will (or the task is on hold)
 */
public record SlaAssessment(
        SlaStatus status,
        Instant deadline,
        Optional<Instant> warningAt,
        Duration remaining,
        Duration overdue,
        Optional<Instant> nextChangeAt) {

    /**
     * Validates the assessment.
     *
     * @param status       OK, WARNING (near breach) or BREACHED
     * @param deadline     when the task breaches (breached) its SLA
     * @param warningAt    when the warning falls due; empty when the policy does not warn
     * @param remaining    SLA time left before the deadline; zero once breached
     * @param overdue      SLA time past the deadline; zero before it
     * @param nextChangeAt the next instant at which a step falls due; empty when none ever will (or the task is on hold)
     * @throws NullPointerException when a value is null
     */
    public SlaAssessment {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(warningAt, "warningAt");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(overdue, "overdue");
        Objects.requireNonNull(nextChangeAt, "nextChangeAt");
    }
}
