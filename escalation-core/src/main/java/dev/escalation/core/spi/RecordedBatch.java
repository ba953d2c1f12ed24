package dev.escalation.core.spi;

import dev.escalation.core.Require;
import java.util.List;

/**
 * What {@link WorkflowRepository#claimAndRecord} did with one batch.
 *
 * @param claimed how many due tasks were claimed and handed to the planner; {@code 0} when nothing was due
 * @param applied the ids of the tasks whose transition was applied, as {@link WorkflowRepository#record} returns them
 */
public record RecordedBatch(int claimed, List<String> applied) {

    /**
     * Checks and copies the components.
     *
     * @param claimed how many due tasks were claimed
     * @param applied the ids of the applied transitions
     * @throws IllegalArgumentException when {@code claimed} is negative, {@code applied} is null or
     *     holds more ids than were claimed
     */
    public RecordedBatch {
        Require.notNegative("claimed", claimed);
        Require.present("applied", applied);
        applied = List.copyOf(applied);
        if (applied.size() > claimed) {
            throw new IllegalArgumentException(
                    "applied holds " + applied.size() + " ids, more than the " + claimed + " tasks claimed");
        }
    }
}
