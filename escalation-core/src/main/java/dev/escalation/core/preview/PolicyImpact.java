package dev.escalation.core.preview;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.escalation.core.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The impact report of a policy change preview: what the change would do to the open tasks at
 * {@link #at}, per candidate policy and stage. Nothing was changed to compute it.
 *
 * @param at            the instant the preview measured at
 * @param tasksRead     how many open tasks (open or on hold) the preview read
 * @param stages        one entry per candidate policy and stage, ordered by policy then stage
 * @param ungoverned    how many open tasks no candidate policy governs: the change would leave them
 *                      without a policy
 * @param ungovernedIds up to the preview's example limit of their ids
 */
public record PolicyImpact(
        Instant at, long tasksRead, List<StageImpact> stages, long ungoverned, List<String> ungovernedIds) {

    /**
     * Checks the components and copies the lists.
     *
     * @param at            the instant the preview measured at
     * @param tasksRead     how many open tasks the preview read
     * @param stages        one entry per candidate policy and stage
     * @param ungoverned    how many open tasks no candidate policy governs
     * @param ungovernedIds example ids of those
     * @throws IllegalArgumentException when a component is missing or a count is negative
     */
    public PolicyImpact {
        Require.present("at", at);
        stages = List.copyOf(Require.present("stages", stages));
        ungovernedIds = List.copyOf(Require.present("ungovernedIds", ungovernedIds));
        if (tasksRead < 0 || ungoverned < 0 || ungoverned > tasksRead) {
            throw new IllegalArgumentException("tasksRead and ungoverned must satisfy 0 <= ungoverned <= tasksRead,"
                    + " but were " + tasksRead + " and " + ungoverned);
        }
    }

    /**
     * How many open tasks {@code effect} touches, over every policy and stage.
     *
     * @param effect the effect
     * @return the total
     */
    public long total(Effect effect) {
        return stages.stream().mapToLong(stage -> stage.count(effect)).sum();
    }

    /**
     * The report as JSON values (maps, lists, strings, numbers): durations as ISO-8601 text, effects
     * in lower case. A host's {@code ObjectMapper} writes it as is; {@link #toJsonText()} does so
     * without one.
     *
     * @return the report as nested maps
     */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", at.toString());
        json.put("tasksRead", tasksRead);
        List<Object> list = new ArrayList<>();
        for (StageImpact stage : stages) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("policy", stage.policy());
            s.put("stage", stage.stage());
            s.put("tasks", stage.tasks());
            Map<String, Object> counts = new LinkedHashMap<>();
            Map<String, Object> examples = new LinkedHashMap<>();
            for (Effect effect : Effect.values()) {
                counts.put(JsonText.name(effect), stage.count(effect));
                examples.put(JsonText.name(effect), stage.examples().get(effect));
            }
            s.put("counts", counts);
            stage.shift().ifPresent(shift -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("tasks", shift.tasks());
                m.put("min", shift.min().toString());
                m.put("median", shift.median().toString());
                m.put("max", shift.max().toString());
                s.put("shift", m);
            });
            s.put("examples", examples);
            list.add(s);
        }
        json.put("stages", list);
        json.put("ungoverned", ungoverned);
        json.put("ungovernedIds", ungovernedIds);
        return json;
    }

    /**
     * The report as JSON text, {@link #toJson()} written out without a JSON library.
     *
     * @return the JSON text
     */
    public String toJsonText() {
        return JsonText.write(toJson());
    }
}
