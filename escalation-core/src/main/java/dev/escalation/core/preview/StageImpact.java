package dev.escalation.core.preview;

import dev.escalation.core.Require;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy change does to the open tasks of one stage under one candidate policy.
 *
 * @param policy   the candidate policy's name
 * @param stage    the tasks' stage
 * @param tasks    how many open tasks (open or on hold) of the stage the candidate policy governs
 * @param counts   how many of them each {@link Effect} touches; every effect present
 * @param examples up to the preview's example limit of task ids per effect, smallest ids first;
 *                 every effect present
 * @param shift    how far the deadlines move, over the tasks with a deadline before and after;
 *                 empty when there is none
 */
public record StageImpact(
        String policy,
        String stage,
        long tasks,
        Map<Effect, Long> counts,
        Map<Effect, List<String>> examples,
        Optional<ShiftSummary> shift) {

    /**
     * Checks the components and copies the maps.
     *
     * @param policy   the candidate policy's name
     * @param stage    the tasks' stage
     * @param tasks    how many open tasks of the stage the candidate policy governs
     * @param counts   how many of them each effect touches
     * @param examples example task ids per effect
     * @param shift    how far the deadlines move
     * @throws IllegalArgumentException when a component is missing, an effect is missing from a map,
     *     or a count is negative or above {@code tasks}
     */
    public StageImpact {
        Require.text("policy", policy);
        Require.text("stage", stage);
        Require.present("shift", shift);
        counts = Map.copyOf(Require.present("counts", counts));
        examples = Map.copyOf(Require.present("examples", examples));
        for (Effect effect : Effect.values()) {
            Long count = counts.get(effect);
            if (count == null || count < 0 || count > tasks) {
                throw new IllegalArgumentException(
                        "counts." + effect + " must be between 0 and tasks " + tasks + ", but was " + count);
            }
            if (!examples.containsKey(effect)) {
                throw new IllegalArgumentException("examples." + effect + " must be present, but was missing");
            }
        }
        Map<Effect, List<String>> copied = new EnumMap<>(Effect.class);
        examples.forEach((effect, ids) -> copied.put(effect, List.copyOf(ids)));
        examples = Map.copyOf(copied);
    }

    /**
     * How many of the stage's tasks {@code effect} touches.
     *
     * @param effect the effect
     * @return the count
     */
    public long count(Effect effect) {
        return counts.get(effect);
    }
}
