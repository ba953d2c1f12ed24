package dev.escalation.core.task;

import dev.escalation.core.policy.Goal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The progress of a task's named goals, by goal name, and the host events that can meet goals.
 * Empty for every task whose policy defines no goals. Stores keep it as one text column
 * ({@link #toText()}, {@link #fromText(String)}).
 *
 * @param goals        each goal's progress, in the order the engine first planned them
 * @param reassignedAt when the task was first reassigned, if ever: meets goals met by {@code reassignment}
 */
public record GoalBook(Map<String, GoalProgress> goals, Optional<Instant> reassignedAt) {

    /** The book of a task with no goal progress. */
    public static final GoalBook EMPTY = new GoalBook(Map.of(), Optional.empty());

    private static final String NONE = "-";

    /**
     * Copies the map, keeping its order.
     *
     * @param goals        each goal's progress, by goal name
     * @param reassignedAt when the task was first reassigned, if ever
     * @throws IllegalArgumentException when a name is not a goal name
     * @throws NullPointerException when a value is null
     */
    public GoalBook {
        Map<String, GoalProgress> copy = new LinkedHashMap<>();
        Objects.requireNonNull(goals, "goals").forEach((name, progress) -> {
            if (!Goal.isValidName(name)) {
                throw new IllegalArgumentException("not a goal name: '" + name + "'");
            }
            copy.put(name, Objects.requireNonNull(progress, "progress of goal " + name));
        });
        goals = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(reassignedAt, "reassignedAt");
    }

    /**
     * Whether nothing is recorded: no goal progress and no reassignment.
     *
     * @return whether the book is empty
     */
    public boolean isEmpty() {
        return goals.isEmpty() && reassignedAt.isEmpty();
    }

    /**
     * The progress of one goal.
     *
     * @param name the goal's name
     * @return its progress, {@link GoalProgress#NONE} when nothing is recorded for it
     */
    public GoalProgress progress(String name) {
        return goals.getOrDefault(name, GoalProgress.NONE);
    }

    /**
     * This book with {@code name}'s progress replaced.
     *
     * @param name     the goal's name
     * @param progress its new progress
     * @return the new book
     */
    public GoalBook with(String name, GoalProgress progress) {
        Map<String, GoalProgress> copy = new LinkedHashMap<>(goals);
        copy.put(name, progress);
        return new GoalBook(copy, reassignedAt);
    }

    /**
     * The book of the cycle that a reassignment starts: met goals stay met (a response given stays
     * given), open goals start again with the new cycle, and the first reassignment is remembered.
     *
     * @param now when the task was reassigned
     * @return the new book
     */
    public GoalBook afterReassignment(Instant now) {
        Map<String, GoalProgress> kept = new LinkedHashMap<>();
        goals.forEach((name, progress) ->
                progress.metAt().ifPresent(at -> kept.put(name, GoalProgress.NONE.metAt(at))));
        return new GoalBook(kept, reassignedAt.isPresent() ? reassignedAt : Optional.of(now));
    }

    /**
     * The book as one line of text, for a store's column: {@code reassigned=INSTANT} or
     * {@code reassigned=-}, then per goal {@code ;NAME=} and its eleven values separated by {@code ,},
     * {@code -} for an absent instant, the count of applied warning thresholds last. Goal names hold none of
     * the separators.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder text = new StringBuilder("reassigned=").append(instant(reassignedAt));
        goals.forEach((name, p) -> text.append(';')
                .append(name)
                .append('=')
                .append(String.join(
                        ",",
                        instant(p.warnedAt()),
                        Integer.toString(p.remindersSent()),
                        Integer.toString(p.level()),
                        instant(p.lastEscalatedAt()),
                        Integer.toString(p.reEscalations()),
                        instant(p.breachedAt()),
                        instant(p.warningAt()),
                        instant(p.deadline()),
                        instant(p.nextCheckAt()),
                        instant(p.metAt()),
                        Integer.toString(p.warningsSent()))));
        return text.toString();
    }

    /**
     * Reads {@link #toText()}'s text back, and the text of books stored before goals had several warning
     * thresholds (ten values per goal, the count implied by {@code warnedAt}); a null or empty text is the
     * empty book.
     *
     * @param text the text
     * @return the book
     * @throws IllegalArgumentException when the text is not a book's
     */
    public static GoalBook fromText(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        String[] parts = text.split(";", -1);
        if (!parts[0].startsWith("reassigned=")) {
            throw new IllegalArgumentException("not a goal book: " + text);
        }
        Optional<Instant> reassigned = instant(parts[0].substring("reassigned=".length()));
        Map<String, GoalProgress> goals = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            String[] v =
                    equals < 0 ? new String[0] : parts[i].substring(equals + 1).split(",", -1);
            // Ten values are a book stored before goals had several warning thresholds: its count is implied.
            if (v.length != 10 && v.length != 11) {
                throw new IllegalArgumentException("not a goal's progress: " + parts[i]);
            }
            goals.put(
                    parts[i].substring(0, equals),
                    new GoalProgress(
                            instant(v[0]),
                            Integer.parseInt(v[1]),
                            Integer.parseInt(v[2]),
                            instant(v[3]),
                            Integer.parseInt(v[4]),
                            instant(v[5]),
                            instant(v[6]),
                            instant(v[7]),
                            instant(v[8]),
                            instant(v[9]),
                            v.length == 11 ? Integer.parseInt(v[10]) : 0));
        }
        return new GoalBook(goals, reassigned);
    }

    private static String instant(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(NONE);
    }

    private static Optional<Instant> instant(String text) {
        return NONE.equals(text) ? Optional.empty() : Optional.of(Instant.parse(text));
    }
}
