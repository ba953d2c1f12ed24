package dev.escalation.core.preview;

import java.util.Optional;

/**
 * How one stage fared in an audit trail. A stage visit runs from the task's opening or its move
 * into the stage until it is completed or moves on; it was in time unless its SLA breach was
 * recorded during it. A reassignment restarts the SLA but not the visit, and cancelled or still open
 * visits count only for their breaches.
 *
 * @param completed       visits that ended by completion or by a move to another stage
 * @param completedInTime of those, the ones without a recorded breach
 * @param breaches        SLA breaches recorded in the stage, whatever became of the visit
 */
public record StageFigures(long completed, long completedInTime, long breaches) {

    /**
     * Checks the counts.
     *
     * @param completed       visits that ended by completion or by a move to another stage
     * @param completedInTime of those, the ones without a recorded breach
     * @param breaches        SLA breaches recorded in the stage
     * @throws IllegalArgumentException when a count is negative or {@code completedInTime} exceeds {@code completed}
     */
    public StageFigures {
        if (completed < 0 || completedInTime < 0 || breaches < 0 || completedInTime > completed) {
            throw new IllegalArgumentException(
                    "counts must satisfy 0 <= completedInTime <= completed and breaches >= 0," + " but were "
                            + completedInTime + ", " + completed + " and " + breaches);
        }
    }

    /**
     * SLA compliance: the share of completed visits that were in time, from 0 to 1.
     *
     * @return the share, or empty when no visit was completed
     */
    public Optional<Double> compliance() {
        return completed == 0 ? Optional.empty() : Optional.of((double) completedInTime / completed);
    }
}
