package dev.escalation.core.preview;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a what-if replay found: the figures of the recorded trail beside those of the replay.
 *
 * @param actual        what the recorded trail says happened
 * @param replayed      what happened in the replay under the candidate policies
 * @param replayedTrail the replay's own audit trail, for a closer look
 */
public record ReplayComparison(TrailFigures actual, TrailFigures replayed, List<AuditEntry> replayedTrail) {

    /**
     * Checks the components and copies the trail.
     *
     * @param actual        what the recorded trail says happened
     * @param replayed      what happened in the replay
     * @param replayedTrail the replay's audit trail
     * @throws IllegalArgumentException when a component is missing
     */
    public ReplayComparison {
        Require.present("actual", actual);
        Require.present("replayed", replayed);
        replayedTrail = List.copyOf(Require.present("replayedTrail", replayedTrail));
    }

    /**
     * The comparison as a plain-text table, one figure a line: actual, then replayed.
     *
     * @return the table
     */
    public String table() {
        StringBuilder out =
                new StringBuilder(String.format(Locale.ROOT, "%-44s %10s %10s%n", "", "actual", "replayed"));
        TreeSet<String> stages = new TreeSet<>(actual.stages().keySet());
        stages.addAll(replayed.stages().keySet());
        for (String stage : stages) {
            row(out, "SLA compliance, " + stage, percent(actual, stage), percent(replayed, stage));
            row(out, "breaches, " + stage, breaches(actual, stage), breaches(replayed, stage));
        }
        row(out, "breaches", actual.breaches(), replayed.breaches());
        row(out, "warnings", actual.warnings(), replayed.warnings());
        row(out, "reminders", actual.reminders(), replayed.reminders());
        TreeSet<Integer> levels = new TreeSet<>(actual.escalationsByLevel().keySet());
        levels.addAll(replayed.escalationsByLevel().keySet());
        for (int level : levels) {
            row(
                    out,
                    "escalations to level " + level,
                    actual.escalationsByLevel().getOrDefault(level, 0L),
                    replayed.escalationsByLevel().getOrDefault(level, 0L));
        }
        row(out, "re-escalations", actual.reEscalations(), replayed.reEscalations());
        row(out, "notified steps", actual.notifiedSteps(), replayed.notifiedSteps());
        return out.toString();
    }

    /**
     * The comparison as JSON values: {@code {"actual": {...}, "replayed": {...}}}, compliance as a
     * fraction (absent when a stage completed nothing).
     *
     * @return the comparison as nested maps
     */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("actual", json(actual));
        json.put("replayed", json(replayed));
        return json;
    }

    /**
     * {@link #toJson()} as JSON text, written without a JSON library.
     *
     * @return the JSON text
     */
    public String toJsonText() {
        return JsonText.write(toJson());
    }

    private static Map<String, Object> json(TrailFigures f) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> stages = new LinkedHashMap<>();
        f.stages().forEach((name, s) -> {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("completed", s.completed());
            stage.put("completedInTime", s.completedInTime());
            s.compliance().ifPresent(c -> stage.put("compliance", c));
            stage.put("breaches", s.breaches());
            stages.put(name, stage);
        });
        json.put("stages", stages);
        json.put("breaches", f.breaches());
        json.put("warnings", f.warnings());
        json.put("reminders", f.reminders());
        Map<String, Object> levels = new LinkedHashMap<>();
        f.escalationsByLevel().forEach((level, n) -> levels.put(Integer.toString(level), n));
        json.put("escalationsByLevel", levels);
        json.put("reEscalations", f.reEscalations());
        json.put("notifiedSteps", f.notifiedSteps());
        return json;
    }

    private static String percent(TrailFigures f, String stage) {
        StageFigures s = f.stages().get(stage);
        return s == null
                ? "-"
                : s.compliance()
                        .map(c -> String.format(Locale.ROOT, "%.1f %%", c * 100))
                        .orElse("-");
    }

    private static long breaches(TrailFigures f, String stage) {
        StageFigures s = f.stages().get(stage);
        return s == null ? 0 : s.breaches();
    }

    private static void row(StringBuilder out, String label, Object actual, Object replayed) {
        out.append(String.format(Locale.ROOT, "%-44s %10s %10s%n", label, actual, replayed));
    }
}
