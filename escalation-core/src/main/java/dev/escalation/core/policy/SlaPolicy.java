package dev.escalation.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * stops while the task is on hold. One policy may set different SLA targets by priority
 * ({@code slaForPriority("P1", Duration.ofHours(4))}); docs/policies.md has a worked example.
 *
 * <p>Every step falls due at a fixed point of the task's SLA time: the warning at
 * {@code sla - warningWindow}, reminder <i>k</i> at {@code warning + k * remindEvery}, level
 * <i>n</i> at {@code sla + level.afterDeadline}, and re-escalation <i>k</i> at
 * {@code sla + lastLevel.afterDeadline + k * reEscalateEvery}: the {@link Warning} and the
 * {@link Chain} are values of their own. JSON uses the shape of {@link PolicyDefinition}.
 *
 * <p>Every mistake in building a policy, whether a bad value, a missing one, a null or options
 * that conflict, is an {@link InvalidPolicyException} naming the policy, the field and the value.
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
    /**
     * The shortest SLA, warning window, reminder or re-escalation interval a policy accepts: the
     * library is correct to the minute, and a finer interval only multiplies steps.
     */
    public static final Duration MIN_DURATION = Duration.ofMinutes(1);
    /**
     * The most reminders per cycle, levels in a chain, or capped re-escalations (other than
     * {@link #UNLIMITED}) a policy accepts: far more than a person reads, few enough to bound a run's work.
     */
    public static final int MAX_COUNT = 500;
    /**
     * The most weeks of calendar time a duration of a policy may need on its business calendar,
     * {@link #MAX_DURATION} in weeks: an SLA of 10 years on a calendar with one working minute a week
     * would need 100,000 years, and every computation on it would walk them.
     */
    public static final long MAX_CALENDAR_WEEKS = MAX_DURATION.toDays() / 7;

    private final String name;
    private final Duration sla;
    private final Map<String, Duration> slaByPriority;
    private final Warning warning;
    private final Optional<Duration> remindEvery;
    private final int maxReminders;
    private final Chain chain;
    private final BusinessCalendar calendar;
    private final boolean holdsPauseSla;
    private final Set<String> sensitiveAttributes;
    private final PolicyChange onChange;
    private final Optional<Duration> acknowledgeTimeout;
    private final Optional<Duration> maxSnooze;
    private final List<WarningThreshold> thresholds;
    private final Optional<RelativeDeadline> relativeDeadline;
    private final Optional<CalendarChoice> calendarFrom;
    private final String version;

    /** Only {@link PolicyBuilder#build()} calls this, with values it has checked. */
    SlaPolicy(
            String name,
            Duration sla,
            Map<String, Duration> slaByPriority,
            Warning warning,
            Optional<Duration> remindEvery,
            int maxReminders,
            Chain chain,
            BusinessCalendar calendar,
            boolean holdsPauseSla,
            Set<String> sensitiveAttributes,
            PolicyChange onChange,
            Optional<Duration> acknowledgeTimeout,
            Optional<Duration> maxSnooze,
            List<WarningThreshold> thresholds,
            Optional<RelativeDeadline> relativeDeadline,
            Optional<CalendarChoice> calendarFrom) {
        this.name = name;
        this.sla = sla;
        this.slaByPriority = Map.copyOf(slaByPriority);
        this.warning = warning;
        this.remindEvery = remindEvery;
        this.maxReminders = maxReminders;
        this.chain = chain;
        this.calendar = calendar;
        this.holdsPauseSla = holdsPauseSla;
        this.sensitiveAttributes = Set.copyOf(sensitiveAttributes);
        this.onChange = onChange;
        this.acknowledgeTimeout = acknowledgeTimeout;
        this.maxSnooze = maxSnooze;
        this.thresholds = List.copyOf(thresholds);
        this.relativeDeadline = relativeDeadline;
        this.calendarFrom = calendarFrom;
        this.version = PolicyFingerprint.of(this);
    }

    /**
     * Starts a policy; {@code name} appears in logs, audit details and errors.
     *
     * @param name the name
     * @return a new builder for a policy of that name
     * @throws InvalidPolicyException when the name is null or blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return a builder preset with this policy's values} */
    public Builder toBuilder() {
        Builder b = new Builder(name)
                .escalationEnabled(chain.enabled())
                .reEscalateEvery(chain.reEscalateEvery())
                .maxReEscalations(chain.maxReEscalations())
                .holdsPauseSla(holdsPauseSla)
                .sensitiveAttributes(sensitiveAttributes)
                .onChange(onChange);
        relativeDeadline.ifPresentOrElse(b::deadline, () -> b.sla(sla));
        calendarFrom.ifPresentOrElse(b::calendarFrom, () -> b.calendar(calendar));
        slaByPriority.forEach(b::slaForPriority);
        if (!thresholds.isEmpty()) {
            b.warnings(thresholds);
        } else if (warning instanceof Warning.Before before) {
            b.warnBefore(before.window());
        } else if (warning instanceof Warning.AtFraction at) {
            b.warnAt(at.fraction());
        } else {
            b.noWarning();
        }
        remindEvery.ifPresent(every -> b.remindEvery(every).maxReminders(maxReminders));
        chain.levels().forEach(level -> b.escalateTo(level.target(), level.afterDeadline()));
        acknowledgeTimeout.ifPresent(b::acknowledgeTimeout);
        maxSnooze.ifPresent(b::maxSnooze);
        return b;
    }

    /** {@return the policy's name, as given to {@link #builder(String)}} */
    public String name() {
        return name;
    }

    /** {@return the policy's stable id: its name, which stays the same across versions} */
    public String id() {
        return name;
    }

    /**
     * {@return the fingerprint of everything that affects planning (SLA targets, warning, reminders, chain,
     * calendar with its hours and holidays, whether holds pause the SLA): twelve hex digits of a SHA-256, the same
     * for the same definition on every node and in every run; not the name, the sensitive attributes or
     * {@link #onChange()}}
     */
    public String version() {
        return version;
    }

    /** {@return this policy's id and version, as the engine records them on the tasks it plans} */
    public PolicyVersion policyVersion() {
        return new PolicyVersion(name, version);
    }

    /**
     * {@return what this version does to open tasks planned under an older version of the policy:
     * {@link PolicyChange#REPLAN} (the default) or {@link PolicyChange#PIN}}
     */
    public PolicyChange onChange() {
        return onChange;
    }

    /**
     * {@return SLA time from the SLA start to the deadline, for priorities without a target of their own} With a
     * {@link #relativeDeadline()} each task's SLA differs ({@link #slaFor(WorkflowTask)}), and this is only a
     * nominal length for display: the number of business days as whole days.
     */
    public Duration sla() {
        return sla;
    }

    /**
     * The SLA target for tasks of {@code priority}: its own target if set, else {@link #sla()}.
     *
     * @param priority the task priority
     * @return the SLA target for tasks of {@code priority}: its own target if set, else {@link #sla()}
     */
    public Duration slaFor(String priority) {
        return slaByPriority.getOrDefault(priority, sla);
    }

    /**
     * The SLA of {@code task}: its priority's own target if set; otherwise, with a {@link #relativeDeadline()},
     * the business time from the task's SLA start to that deadline on {@link #calendarFor(WorkflowTask) its
     * calendar}; otherwise {@link #sla()}.
     *
     * @param task the task
     * @return the business time from its SLA start to its deadline, holds aside
     * @throws UnknownCalendarException when the policy picks the calendar from the task and finds none
     * @throws java.time.DateTimeException when the task's calendar cannot place a relative deadline
     */
    public Duration slaFor(WorkflowTask task) {
        Duration own = slaByPriority.get(task.priority());
        if (own != null) {
            return own;
        }
        if (relativeDeadline.isEmpty()) {
            return sla;
        }
        return relativeDeadline.get().slaFrom(task.slaStart(), calendarFor(task));
    }

    /**
     * {@return the deadline by business days ("end of the 2nd business day", "next business day at 10:00")
     * for priorities without a target of their own; empty when the deadline is {@link #sla()} after the start}
     */
    public Optional<RelativeDeadline> relativeDeadline() {
        return relativeDeadline;
    }

    /** {@return how the policy picks each task's calendar; empty when every task uses {@link #calendar()}} */
    public Optional<CalendarChoice> calendarFrom() {
        return calendarFrom;
    }

    /**
     * The calendar on which the SLA time of {@code task} counts: the one {@link #calendarFrom()} picks, or
     * {@link #calendar()}.
     *
     * @param task the task
     * @return its calendar
     * @throws UnknownCalendarException when the policy picks the calendar from the task, finds none and names no
     *         default
     */
    public BusinessCalendar calendarFor(WorkflowTask task) {
        return calendarFrom.isPresent() ? calendarFrom.get().calendarFor(task) : calendar;
    }

    /** {@return SLA targets by priority; priorities not named here use {@link #sla()}} */
    public Map<String, Duration> slaByPriority() {
        return slaByPriority;
    }

    /** {@return the calendar on which SLA time is counted; {@link BusinessCalendar#twentyFourSeven()} by default} */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * {@return names of task attributes whose values must never leave the task: the engine removes them from failure
     * reasons, audit details and log messages of tasks under this policy (see docs/reliability.md)}
     */
    public Set<String> sensitiveAttributes() {
        return sensitiveAttributes;
    }

    /**
     * {@return whether putting a task on hold stops its SLA clock (default true)} Steps never fire while a task is on
     * hold.
     */
    public boolean holdsPauseSla() {
        return holdsPauseSla;
    }

    /**
     * {@return when the policy warns before the deadline: {@link Warning#before(Duration) 2 hours before} unless set}
     */
    public Warning warning() {
        return warning;
    }

    /**
     * {@return how long before the deadline the warning falls due, for the default SLA; empty when warnings are off}
     */
    public Optional<Duration> warningWindow() {
        return warning.windowFor(sla);
    }

    /**
     * How long before the deadline the warning falls due for a task with SLA {@code taskSla}.
     *
     * @param taskSla the task's SLA
     * @return how long before the deadline the warning falls due for a task with SLA {@code taskSla}
     */
    public Optional<Duration> warningWindow(Duration taskSla) {
        return warning.windowFor(taskSla);
    }

    /**
     * {@return the warning thresholds as configured: those given to {@code warnings(...)}, else the single {@link
     * #warning()} sending a {@link dev.escalation.core.notification.NotificationType#WARNING} to the assignee;
     * empty when warnings are off}
     */
    public List<WarningThreshold> warningThresholds() {
        if (!thresholds.isEmpty()) {
            return thresholds;
        }
        return warning instanceof Warning.None ? List.of() : List.of(WarningThreshold.of(warning));
    }

    /**
     * The warning thresholds in the order in which they fall due for a task with SLA {@code taskSla}: the
     * n-th is step {@code WARNING/n}.
     *
     * @param taskSla the task's SLA
     * @return the thresholds, earliest first
     */
    public List<WarningThreshold> warningThresholds(Duration taskSla) {
        return WarningThreshold.inOrder(warningThresholds(), taskSla);
    }

    /** {@return whether the policy has several warning thresholds or a threshold with its own type or recipient} */
    boolean hasThresholds() {
        return !thresholds.isEmpty();
    }

    /** {@return the interval between reminders once a task is in warning or breached; empty when reminders are off} */
    public Optional<Duration> remindEvery() {
        return remindEvery;
    }

    /** {@return at most this many reminders per cycle; 0 when reminders are off} */
    public int maxReminders() {
        return maxReminders;
    }

    /** {@return the escalation chain as configured, in force or not} */
    public Chain chain() {
        return chain;
    }

    /** {@return whether the escalation chain is in force; the same as {@code chain().enabled()}} */
    public boolean escalationEnabled() {
        return chain.enabled();
    }

    /**
     * {@return the levels in force, level 1 first; empty when escalation is disabled} See {@link
     * Chain#levelsInForce()}.
     */
    public List<EscalationLevel> levels() {
        return chain.levelsInForce();
    }

    /**
     * {@return the interval between re-escalations at the last level; the same as {@code chain().reEscalateEvery()}}
     */
    public Duration reEscalateEvery() {
        return chain.reEscalateEvery();
    }

    /** {@return re-escalations at the last level per cycle; {@link #UNLIMITED} while the task stays open} */
    public int maxReEscalations() {
        return chain.maxReEscalations();
    }

    /**
     * {@return how long an acknowledgement holds a task's steps, in real time; empty when acknowledgements hold nothing}
     * When nobody acts within it, the task escalates to the next level (docs/policies.md, "Acknowledgement").
     */
    public Optional<Duration> acknowledgeTimeout() {
        return acknowledgeTimeout;
    }

    /** {@return the longest snooze of a task's reminders, in real time from the snooze; empty when unbounded} */
    public Optional<Duration> maxSnooze() {
        return maxSnooze;
    }

    /** {@return this policy in its JSON shape} */
    @JsonValue
    public PolicyDefinition toDefinition() {
        return PolicyDefinition.of(this);
    }

    /**
     * Builds a policy from its JSON shape, with the builder's validation.
     *
     * @param definition the policy definition
     * @return the sla policy
     * @throws InvalidPolicyException naming the JSON path and the value as written
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SlaPolicy fromDefinition(PolicyDefinition definition) {
        return definition.toPolicy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaPolicy other
                && name.equals(other.name)
                && sla.equals(other.sla)
                && slaByPriority.equals(other.slaByPriority)
                && warning.equals(other.warning)
                && remindEvery.equals(other.remindEvery)
                && maxReminders == other.maxReminders
                && chain.equals(other.chain)
                && calendar.equals(other.calendar)
                && holdsPauseSla == other.holdsPauseSla
                && sensitiveAttributes.equals(other.sensitiveAttributes)
                && onChange == other.onChange
                && acknowledgeTimeout.equals(other.acknowledgeTimeout)
                && maxSnooze.equals(other.maxSnooze)
                && thresholds.equals(other.thresholds)
                && relativeDeadline.equals(other.relativeDeadline)
                && calendarFrom.equals(other.calendarFrom);
    }

    @Override
    public int hashCode() {
        // A subset of the fields that equals compares is enough, and these tell policies apart best.
        return Objects.hash(name, sla, warning, remindEvery, chain, calendar);
    }

    @Override
    public String toString() {
        return "SlaPolicy[" + name + ", sla=" + sla + ", warningWindow="
                + warningWindow().map(Duration::toString).orElse("none")
                + ", remindEvery=" + remindEvery.map(Duration::toString).orElse("none") + " x" + maxReminders
                + ", levels=" + levels() + ", reEscalateEvery=" + chain.reEscalateEvery()
                + (thresholds.isEmpty() ? "" : ", warnings=" + thresholds)
                + relativeDeadline.map(d -> ", deadline=" + d).orElse("")
                + (slaByPriority.isEmpty() ? "" : ", slaByPriority=" + slaByPriority)
                + (calendar.isTwentyFourSeven() ? "" : ", calendar=" + calendar)
                + calendarFrom.map(c -> ", calendarFrom=" + c).orElse("") + "]";
    }

    /**
     * Builds an {@link SlaPolicy}. Each setter rejects a bad value at once, {@link #build()} rejects
     * values that cannot work together; either way with an {@link InvalidPolicyException} that names
     * the policy, the field and the value. The setters live in {@link PolicyBuilder}, which keeps this
     * file short; they return this type, so a chain of calls reads as before.
     */
    public static final class Builder extends PolicyBuilder {
        private Builder(String name) {
            super(name);
        }
    }
}
