package dev.escalation.core.policy;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One named goal of a policy with several goals, e.g. {@code response} within 4 business hours and
 * {@code resolution} within 3 business days: each has its own deadline, warning, reminders and
 * escalation chain ({@code schedule}), counted from the task's SLA start on the policy's calendar, or on the
 * task's own when the policy picks one per task ({@code calendarFrom}).
 * The host meets a goal with {@link dev.escalation.core.task.TaskStore#meet}; a goal whose
 * {@code metBy} names {@link GoalEvent#REASSIGNMENT} is also met by the task's first reassignment.
 *
 * <p>Names are short identifiers (a letter, then letters, digits, {@code _} or {@code -}, at most
 * {@value #MAX_NAME_LENGTH} characters): they appear in step keys, audit details and as a metrics
 * tag, whose values must stay few and known.
 *
 * @param name     the goal's name, unique within its policy
 * @param schedule the goal's SLA, warning, reminders and chain; its calendar and hold rule are the policy's
 * @param metBy    the events besides {@code meet} that meet the goal
 */
public record Goal(String name, SlaPolicy schedule, Set<GoalEvent> metBy) {

    /** The longest goal name. */
    public static final int MAX_NAME_LENGTH = 40;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0," + (MAX_NAME_LENGTH - 1) + "}");

    /**
     * Validates the goal.
     *
     * @param name     the goal's name, unique within its policy
     * @param schedule the goal's SLA, warning, reminders and chain
     * @param metBy    the events besides {@code meet} that meet the goal
     * @throws InvalidPolicyException when the name is not a short identifier or the schedule has goals of its own
     * @throws NullPointerException when the schedule or the events are null
     */
    public Goal {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidPolicyException("goal name must be a letter followed by at most "
                    + (MAX_NAME_LENGTH - 1) + " letters, digits, '_' or '-', but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        Objects.requireNonNull(schedule, "schedule");
        if (!schedule.goals().isEmpty()) {
            throw new InvalidPolicyException("goal '" + name + "' must not have goals of its own");
        }
        metBy = Set.copyOf(Objects.requireNonNull(metBy, "metBy"));
    }

    /**
     * A goal met only by {@code meet} (or the task's completion).
     *
     * @param name     the goal's name, unique within its policy
     * @param schedule the goal's SLA, warning, reminders and chain
     * @throws InvalidPolicyException when the name is not a short identifier
     */
    public Goal(String name, SlaPolicy schedule) {
        this(name, schedule, Set.of());
    }

    /**
     * Whether {@code name} could name a goal; lets a store reject a bad name before it loads the task.
     *
     * @param name a candidate name
     * @return whether it is a short identifier
     */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
