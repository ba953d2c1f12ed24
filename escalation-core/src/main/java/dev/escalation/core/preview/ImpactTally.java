package dev.escalation.core.preview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the effects on the tasks of one policy and stage. The shifts are kept exactly, as
 * milliseconds in a growing primitive array (8 bytes a task: 8 MB for a million), so the median is
 * exact rather than a sketch's estimate; the tasks themselves are not kept. Examples are the first
 * ids met, and pages arrive in id order, so they are the smallest ids.
 */
final class ImpactTally {

    private final String policy;
    private final String stage;
    private final int exampleLimit;
    private long tasks;
    private final Map<Effect, Long> counts = new EnumMap<>(Effect.class);
    private final Map<Effect, List<String>> examples = new EnumMap<>(Effect.class);
    private long[] shifts = new long[16];
    private int shiftCount;

    ImpactTally(String policy, String stage, int exampleLimit) {
        this.policy = policy;
        this.stage = stage;
        this.exampleLimit = exampleLimit;
        for (Effect effect : Effect.values()) {
            counts.put(effect, 0L);
            examples.put(effect, new ArrayList<>());
        }
    }

    void task() {
        tasks++;
    }

    void shift(String taskId, Duration shift) {
        long millis = shift.toMillis();
        if (shiftCount == shifts.length) {
            shifts = Arrays.copyOf(shifts, shifts.length * 2);
        }
        shifts[shiftCount++] = millis;
        add(millis < 0 ? Effect.EARLIER : millis > 0 ? Effect.LATER : Effect.UNCHANGED, taskId);
    }

    void add(Effect effect, String taskId) {
        counts.merge(effect, 1L, Long::sum);
        List<String> ids = examples.get(effect);
        if (ids.size() < exampleLimit) {
            ids.add(taskId);
        }
    }

    StageImpact impact() {
        Optional<ShiftSummary> summary = Optional.empty();
        if (shiftCount > 0) {
            long[] sorted = Arrays.copyOf(shifts, shiftCount);
            Arrays.sort(sorted);
            summary = Optional.of(new ShiftSummary(
                    shiftCount,
                    Duration.ofMillis(sorted[0]),
                    Duration.ofMillis(sorted[(shiftCount - 1) / 2]),
                    Duration.ofMillis(sorted[shiftCount - 1])));
        }
        return new StageImpact(policy, stage, tasks, counts, examples, summary);
    }
}
