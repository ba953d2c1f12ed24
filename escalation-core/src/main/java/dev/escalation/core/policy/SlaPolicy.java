package dev.escalation.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must happen to a task and when: its SLA, the warning before the deadline, reminders, and
 * the escalation chain after it. Immutable and validated when built.
 *
 * <pre>{@code
 * SlaPolicy managerApproval = SlaPolicy.builder("Manager Approval")
 *         .sla(Duration.ofHours(24))
 *         .warnBefore(Duration.ofHours(2))
 *         .remindEvery(Duration.ofHours(4)).maxReminders(3)
 *         .escalateTo(EscalationTarget.role("department_head"))           // level 1, at the deadline
 *         .escalateTo(EscalationTarget.role("director"), Duration.ofHours(8)) // level 2, 8 h later
 *         .reEscalateEvery(Duration.ofHours(24))                         // then every 24 h at the last level
 *         .build();
 * }</pre>
 *
 * <p>SLA time is business time on the policy's {@link BusinessCalendar} (24/7 by default) and
 * stops while the task is on hold. One policy may set different SLA targets by priority:
 *
 * <pre>{@code
 * SlaPolicy incident = SlaPolicy.builder("Incident Approval")
 *         .calendar(officeHours)                                  // 09:00-17:00 Mon-Fri, holidays
 *         .sla(Duration.ofHours(24))                              // 3 business days on an 8-hour calendar
 *         .slaForPriority("P1", Duration.ofHours(4))
 *         .slaForPriority("P2", Duration.ofHours(8))
 *         .warnAt(0.75)
 *         .escalateTo(EscalationTarget.role("incident_manager"))
 *         .build();
 * }</pre>
 *
 * <p>Every step falls due at a fixed point of the task's SLA time: the warning at
 * {@code sla - warningWindow}, reminder <i>k</i> at {@code warning + k * remindEvery}, level
 * <i>n</i> at {@code sla + level.afterDeadline}, and re-escalation <i>k</i> at
 * {@code sla + lastLevel.afterDeadline + k * reEscalateEvery}. JSON uses the shape of
 * {@link PolicyDefinition}.
 */
public final class SlaPolicy {

    /** The warning window when none is set: two hours before the deadline, as the original job did. */
    public static final Duration DEFAULT_WARN_BEFORE = Duration.ofHours(2);
    /** Re-escalation interval when none is set: every 24 hours, as the original job did. */
    public static final Duration DEFAULT_RE_ESCALATE_EVERY = Duration.ofHours(24);
    /** Reminder cap when reminders are enabled without one. */
    public static final int DEFAULT_MAX_REMINDERS = 3;
    /** Re-escalation cap meaning "while the task stays open". */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** The longest duration a policy accepts anywhere (about 100 years): longer ones are typing errors, and overflow. */
    public static final Duration MAX_DURATION = Duration.ofDays(36_500);

    private final String name;
    private final Duration sla;
    private final Optional<Duration> warnBefore;
    private final OptionalDouble warnAt;
    private final boolean warningEnabled;
    private final Optional<Duration> remindEvery;
    private final int maxReminders;
    private final boolean escalationEnabled;
    private final List<EscalationLevel> levels;
    private final Duration reEscalateEvery;
    private final int maxReEscalations;
    private final BusinessCalendar calendar;
    private final Map<String, Duration> slaByPriority;
    private final boolean holdsPauseSla;
    private final Set<String> sensitiveAttributes;

    private SlaPolicy(Builder b, List<EscalationLevel> levels) {
        this.name = b.name;
        this.sla = b.sla;
        this.calendar = b.calendar;
        this.slaByPriority = Map.copyOf(b.slaByPriority);
        this.holdsPauseSla = b.holdsPauseSla;
        this.warningEnabled = b.warningEnabled;
        this.warnAt = b.warnAt;
        this.warnBefore = !b.warningEnabled || b.warnAt.isPresent()
                ? Optional.empty()
                : Optional.of(b.warnBefore.orElse(DEFAULT_WARN_BEFORE));
        this.remindEvery = b.remindEvery;
        this.maxReminders = b.remindEvery.isPresent() ? b.maxReminders.orElse(DEFAULT_MAX_REMINDERS) : 0;
        this.escalationEnabled = b.escalationEnabled;
        this.levels = List.copyOf(levels);
        this.reEscalateEvery = b.reEscalateEvery;
        this.maxReEscalations = b.maxReEscalations;
        this.sensitiveAttributes = Set.copyOf(b.sensitiveAttributes);
    }

    /** Starts a policy; {@code name} appears in logs, audit details and errors. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder preset with this policy's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name)
                .sla(sla)
                .escalationEnabled(escalationEnabled)
                .reEscalateEvery(reEscalateEvery)
                .maxReEscalations(maxReEscalations)
                .calendar(calendar)
                .holdsPauseSla(holdsPauseSla)
                .sensitiveAttributes(sensitiveAttributes);
        slaByPriority.forEach(b::slaForPriority);
        if (!warningEnabled) {
            b.noWarning();
        }
        warnBefore.ifPresent(b::warnBefore);
        warnAt.ifPresent(b::warnAt);
        remindEvery.ifPresent(every -> b.remindEvery(every).maxReminders(maxReminders));
        levels.forEach(level -> b.escalateTo(level.target(), level.afterDeadline()));
        return b;
    }

    public String name() {
        return name;
    }

    /** SLA time from the SLA start to the deadline, for priorities without a target of their own. */
    public Duration sla() {
        return sla;
    }

    /** The SLA target for tasks of {@code priority}: its own target if set, else {@link #sla()}. */
    public Duration slaFor(String priority) {
        return slaByPriority.getOrDefault(priority, sla);
    }

    /** SLA targets by priority; priorities not named here use {@link #sla()}. */
    public Map<String, Duration> slaByPriority() {
        return slaByPriority;
    }

    /** The calendar on which SLA time is counted; {@link BusinessCalendar#twentyFourSeven()} by default. */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * Names of task attributes whose values must never leave the task: the engine removes them from
     * failure reasons, audit details and log messages of tasks under this policy (see docs/reliability.md).
     */
    public Set<String> sensitiveAttributes() {
        return sensitiveAttributes;
    }

    /** Whether putting a task on hold stops its SLA clock (default true). Steps never fire while a task is on hold. */
    public boolean holdsPauseSla() {
        return holdsPauseSla;
    }

    /** Whether the policy warns before the deadline at all. */
    public boolean warningEnabled() {
        return warningEnabled;
    }

    /** The warning window as time before the deadline, when set that way (or by default). */
    public Optional<Duration> warnBefore() {
        return warnBefore;
    }

    /** The warning point as a fraction of the SLA, when set that way. */
    public OptionalDouble warnAt() {
        return warnAt;
    }

    /** How long before the deadline the warning falls due, for the default SLA; empty when warnings are off. */
    public Optional<Duration> warningWindow() {
        return warningWindow(sla);
    }

    /** How long before the deadline the warning falls due for a task with SLA {@code taskSla}. */
    public Optional<Duration> warningWindow(Duration taskSla) {
        if (!warningEnabled) {
            return Optional.empty();
        }
        if (warnAt.isPresent()) {
            long slaNanos = taskSla.toNanos();
            return Optional.of(Duration.ofNanos(slaNanos - Math.round(slaNanos * warnAt.getAsDouble())));
        }
        return warnBefore;
    }

    public Optional<Duration> remindEvery() {
        return remindEvery;
    }

    /** At most this many reminders per cycle; 0 when reminders are off. */
    public int maxReminders() {
        return maxReminders;
    }

    public boolean escalationEnabled() {
        return escalationEnabled;
    }

    /** The escalation chain, level 1 first; empty when escalation is disabled. */
    public List<EscalationLevel> levels() {
        return escalationEnabled ? levels : List.of();
    }

    /** The chain as configured, kept while escalation is disabled so that it survives a round trip. */
    List<EscalationLevel> chain() {
        return levels;
    }

    public Duration reEscalateEvery() {
        return reEscalateEvery;
    }

    /** Re-escalations at the last level per cycle; {@link #UNLIMITED} while the task stays open. */
    public int maxReEscalations() {
        return maxReEscalations;
    }

    /** This policy in its JSON shape. */
    @JsonValue
    public PolicyDefinition toDefinition() {
        return PolicyDefinition.of(this);
    }

    /** Builds a policy from its JSON shape, with the builder's validation. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SlaPolicy fromDefinition(PolicyDefinition definition) {
        return definition.toPolicy();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SlaPolicy)) {
            return false;
        }
        SlaPolicy other = (SlaPolicy) o;
        return name.equals(other.name)
                && sla.equals(other.sla)
                && warningEnabled == other.warningEnabled
                && warnBefore.equals(other.warnBefore)
                && warnAt.equals(other.warnAt)
                && remindEvery.equals(other.remindEvery)
                && maxReminders == other.maxReminders
                && escalationEnabled == other.escalationEnabled
                && levels.equals(other.levels)
                && reEscalateEvery.equals(other.reEscalateEvery)
                && maxReEscalations == other.maxReEscalations
                && calendar.equals(other.calendar)
                && slaByPriority.equals(other.slaByPriority)
                && holdsPauseSla == other.holdsPauseSla
                && sensitiveAttributes.equals(other.sensitiveAttributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name,
                sla,
                warnBefore,
                warnAt,
                remindEvery,
                maxReminders,
                escalationEnabled,
                levels,
                reEscalateEvery,
                maxReEscalations,
                calendar,
                slaByPriority,
                holdsPauseSla,
                sensitiveAttributes);
    }

    @Override
    public String toString() {
        return "SlaPolicy[" + name + ", sla=" + sla + ", warningWindow="
                + warningWindow().map(Duration::toString).orElse("none")
                + ", remindEvery=" + remindEvery.map(Duration::toString).orElse("none") + " x" + maxReminders
                + ", levels=" + levels() + ", reEscalateEvery=" + reEscalateEvery
                + (slaByPriority.isEmpty() ? "" : ", slaByPriority=" + slaByPriority)
                + (calendar.isTwentyFourSeven() ? "" : ", calendar=" + calendar) + "]";
    }

    /**
     * Builds an {@link SlaPolicy}. Each setter rejects a bad value at once with an
     * {@link InvalidPolicyException} naming the field and the value; {@link #build()} rejects
     * combinations that cannot work.
     */
    public static final class Builder {
        private final String name;
        private Duration sla;
        private Optional<Duration> warnBefore = Optional.empty();
        private OptionalDouble warnAt = OptionalDouble.empty();
        private boolean warningEnabled = true;
        private Optional<Duration> remindEvery = Optional.empty();
        private Optional<Integer> maxReminders = Optional.empty();
        private boolean escalationEnabled = true;
        private final List<PendingLevel> chain = new ArrayList<>();
        private Duration reEscalateEvery = DEFAULT_RE_ESCALATE_EVERY;
        private int maxReEscalations = UNLIMITED;
        private BusinessCalendar calendar = BusinessCalendar.twentyFourSeven();
        private final Map<String, Duration> slaByPriority = new LinkedHashMap<>();
        private boolean holdsPauseSla = true;
        private final Set<String> sensitiveAttributes = new TreeSet<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new InvalidPolicyException(
                        "policy name must not be blank, but was " + (name == null ? "null" : "'" + name + "'"));
            }
            this.name = name;
        }

        /** Required. The deadline is the SLA start plus this much SLA time. */
        public Builder sla(Duration value) {
            this.sla = positive("sla", value);
            return this;
        }

        /**
         * A different SLA target for tasks of {@code priority} (for example P1 4 h, P3 three business
         * days); the warning window and reminders apply to it alike.
         */
        public Builder slaForPriority(String priority, Duration value) {
            if (priority == null || priority.isBlank()) {
                throw new InvalidPolicyException(prefix() + "slaForPriority priority must not be blank, but was "
                        + (priority == null ? "null" : "'" + priority + "'"));
            }
            slaByPriority.put(priority, positive("sla for priority " + priority, value));
            return this;
        }

        /** Counts SLA time on this calendar: working hours, holidays, time zone. Default 24/7. */
        public Builder calendar(BusinessCalendar value) {
            this.calendar = Objects.requireNonNull(value, "calendar");
            return this;
        }

        /** Whether a hold stops the SLA clock. Default true; with false the clock runs on, but no step fires while on hold. */
        public Builder holdsPauseSla(boolean value) {
            this.holdsPauseSla = value;
            return this;
        }

        /**
         * Task attributes whose values must not appear in logs, notifications or audit details, e.g.
         * {@code "salary"}: the engine redacts them from whatever it writes about tasks under this policy.
         */
        public Builder sensitiveAttributes(String... names) {
            return sensitiveAttributes(Arrays.asList(Objects.requireNonNull(names, "names")));
        }

        /** As {@link #sensitiveAttributes(String...)}; adds to those named before. */
        public Builder sensitiveAttributes(Collection<String> names) {
            for (String attribute : Objects.requireNonNull(names, "names")) {
                if (attribute == null || attribute.isBlank()) {
                    throw new InvalidPolicyException(
                            prefix() + "sensitiveAttributes must not contain a blank name, but had "
                                    + (attribute == null ? "null" : "'" + attribute + "'"));
                }
                sensitiveAttributes.add(attribute);
            }
            return this;
        }

        /** Warn this long before the deadline. Default {@link #DEFAULT_WARN_BEFORE}. Must be shorter than the SLA. */
        public Builder warnBefore(Duration value) {
            this.warnBefore = Optional.of(positive("warnBefore", value));
            return this;
        }

        /** Warn when this fraction of the SLA has passed, e.g. {@code 0.75}; must lie strictly between 0 and 1. */
        public Builder warnAt(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new InvalidPolicyException(
                        prefix() + "warnAt must be a fraction strictly between 0 and 1, but was " + fraction);
            }
            this.warnAt = OptionalDouble.of(fraction);
            return this;
        }

        /** No warning before the deadline. */
        public Builder noWarning() {
            this.warningEnabled = false;
            return this;
        }

        /** Remind the assignee at this interval once the task is in warning or breached. Off by default. */
        public Builder remindEvery(Duration value) {
            this.remindEvery = Optional.of(positive("remindEvery", value));
            return this;
        }

        /** At most this many reminders per cycle. Default {@link #DEFAULT_MAX_REMINDERS}. */
        public Builder maxReminders(int value) {
            if (value < 0) {
                throw new InvalidPolicyException(prefix() + "maxReminders must not be negative, but was " + value);
            }
            this.maxReminders = Optional.of(value);
            return this;
        }

        /** Turns the escalation chain on or off; warnings and reminders run either way. Default on. */
        public Builder escalationEnabled(boolean value) {
            this.escalationEnabled = value;
            return this;
        }

        /**
         * Adds the next level. Level 1 defaults to the deadline itself; each later level defaults to
         * {@link #reEscalateEvery} after the one before.
         */
        public Builder escalateTo(EscalationTarget target) {
            chain.add(new PendingLevel(Objects.requireNonNull(target, "target"), Optional.empty()));
            return this;
        }

        /** Adds the next level, reached {@code afterDeadline} past the deadline. */
        public Builder escalateTo(EscalationTarget target, Duration afterDeadline) {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(afterDeadline, "afterDeadline");
            if (afterDeadline.isNegative()) {
                throw new InvalidPolicyException(prefix() + "escalation level " + (chain.size() + 1)
                        + " afterDeadline must not be negative, but was " + afterDeadline);
            }
            if (afterDeadline.compareTo(MAX_DURATION) > 0) {
                throw new InvalidPolicyException(prefix() + "escalation level " + (chain.size() + 1)
                        + " afterDeadline must be at most " + MAX_DURATION + ", but was " + afterDeadline);
            }
            chain.add(new PendingLevel(target, Optional.of(afterDeadline)));
            return this;
        }

        /** Interval between later levels (by default) and between re-escalations at the last level. Default 24 h. */
        public Builder reEscalateEvery(Duration value) {
            this.reEscalateEvery = positive("reEscalateEvery", value);
            return this;
        }

        /** Cap on re-escalations at the last level; {@code 0} for none. Default {@link #UNLIMITED}. */
        public Builder maxReEscalations(int value) {
            if (value < 0) {
                throw new InvalidPolicyException(prefix() + "maxReEscalations must not be negative, but was " + value);
            }
            this.maxReEscalations = value;
            return this;
        }

        /**
         * @throws InvalidPolicyException when the SLA is missing, the warning window is not shorter
         *         than the SLA, escalation is enabled with an empty chain, level delays go backwards,
         *         or both {@code warnBefore} and {@code warnAt} are set
         */
        public SlaPolicy build() {
            if (sla == null) {
                throw new InvalidPolicyException(prefix() + "sla is required, but was not set");
            }
            if (warnBefore.isPresent() && warnAt.isPresent()) {
                throw new InvalidPolicyException(prefix() + "set either warnBefore (" + warnBefore.get()
                        + ") or warnAt (" + warnAt.getAsDouble() + "), not both");
            }
            if (warningEnabled && warnAt.isEmpty()) {
                Duration window = warnBefore.orElse(DEFAULT_WARN_BEFORE);
                String hint = warnBefore.isEmpty() ? " (the default; set warnBefore, warnAt or noWarning())" : "";
                if (window.compareTo(sla) >= 0) {
                    throw new InvalidPolicyException(
                            prefix() + "warnBefore must be shorter than sla " + sla + ", but was " + window + hint);
                }
                slaByPriority.forEach((priority, target) -> {
                    if (window.compareTo(target) >= 0) {
                        throw new InvalidPolicyException(prefix() + "warnBefore must be shorter than the sla " + target
                                + " of priority " + priority + ", but was " + window + hint);
                    }
                });
            }
            if (escalationEnabled && chain.isEmpty()) {
                throw new InvalidPolicyException(
                        prefix() + "escalation levels must not be empty while escalation is enabled, but was []");
            }
            return new SlaPolicy(this, levels());
        }

        private List<EscalationLevel> levels() {
            List<EscalationLevel> levels = new ArrayList<>();
            Duration previous = null;
            for (PendingLevel link : chain) {
                int level = levels.size() + 1;
                Duration after =
                        link.afterDeadline().orElse(previous == null ? Duration.ZERO : previous.plus(reEscalateEvery));
                if (previous != null && after.compareTo(previous) <= 0) {
                    throw new InvalidPolicyException(
                            prefix() + "escalation level " + level + " afterDeadline must be later than level "
                                    + (level - 1) + "'s " + previous + ", but was " + after);
                }
                levels.add(new EscalationLevel(level, link.target(), after));
                previous = after;
            }
            return levels;
        }

        private Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isZero() || value.isNegative()) {
                throw new InvalidPolicyException(prefix() + field + " must be positive, but was " + value);
            }
            if (value.compareTo(MAX_DURATION) > 0) {
                throw new InvalidPolicyException(
                        prefix() + field + " must be at most " + MAX_DURATION + ", but was " + value);
            }
            return value;
        }

        private String prefix() {
            return "policy '" + name + "': ";
        }

        /** A level as added, before defaults are known (they depend on {@code reEscalateEvery}). */
        private record PendingLevel(EscalationTarget target, Optional<Duration> afterDeadline) {}
    }
}
