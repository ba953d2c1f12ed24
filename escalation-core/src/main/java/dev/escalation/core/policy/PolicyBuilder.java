package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The setters and checks of {@link SlaPolicy.Builder}, its only subclass. Package-private and
 * sealed: hosts see these methods on {@code SlaPolicy.Builder} (as {@code StringBuilder} shows
 * those of {@code AbstractStringBuilder}), and each returns that type.
 */
abstract sealed class PolicyBuilder permits SlaPolicy.Builder {
    private final String name;
    private Duration sla;
    private Optional<Duration> warnBefore = Optional.empty();
    private OptionalDouble warnAt = OptionalDouble.empty();
    private boolean warningEnabled = true;
    private Optional<List<WarningThreshold>> thresholds = Optional.empty();
    private Optional<Duration> remindEvery = Optional.empty();
    private Optional<Integer> maxReminders = Optional.empty();
    private boolean escalationEnabled = true;
    private final List<EscalationTarget> targets = new ArrayList<>();
    private final List<Optional<Duration>> delays = new ArrayList<>();
    private Duration reEscalateEvery = SlaPolicy.DEFAULT_RE_ESCALATE_EVERY;
    private int maxReEscalations = SlaPolicy.UNLIMITED;
    private BusinessCalendar calendar = BusinessCalendar.twentyFourSeven();
    private final Map<String, Duration> slaByPriority = new LinkedHashMap<>();
    private boolean holdsPauseSla = true;
    private final Set<String> sensitiveAttributes = new TreeSet<>();
    private PolicyChange onChange = PolicyChange.REPLAN;
    private Optional<Duration> acknowledgeTimeout = Optional.empty();
    private Optional<Duration> maxSnooze = Optional.empty();
    private Optional<RelativeDeadline> relativeDeadline = Optional.empty();
    private Optional<CalendarChoice> calendarFrom = Optional.empty();
    private boolean calendarSet;
    private final List<Goal> goals = new ArrayList<>();

    PolicyBuilder(String name) {
        this.name = Checks.text("policy name", name);
    }

    /**
     * Required. The deadline is the SLA start plus this much SLA time.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder sla(Duration value) {
        this.sla = Checks.duration(field("sla"), value);
        return self();
    }

    /**
     * A different SLA target for tasks of {@code priority} (for example P1 4 h, P3 three business
     * days); the warning window and reminders apply to it alike.
     *
     * @param priority the task priority
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the priority is blank or the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder slaForPriority(String priority, Duration value) {
        Checks.text(field("slaForPriority priority"), priority);
        slaByPriority.put(priority, Checks.duration(field("sla for priority " + priority), value));
        return self();
    }

    /**
     * Counts SLA time on this calendar: working hours, holidays, time zone. Default 24/7.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the calendar is null
     */
    public SlaPolicy.Builder calendar(BusinessCalendar value) {
        this.calendar = Checks.present(field("calendar"), value);
        this.calendarSet = true;
        return self();
    }

    /**
     * Whether a hold stops the SLA clock. Default true; with false the clock runs on, but no step fires while on hold.
     *
     * @param value the value
     * @return this builder
     */
    public SlaPolicy.Builder holdsPauseSla(boolean value) {
        this.holdsPauseSla = value;
        return self();
    }

    /**
     * Task attributes whose values must not appear in logs, notifications or audit details, e.g.
     * {@code "salary"}: the engine redacts them from whatever it writes about tasks under this policy.
     *
     * @param names the attribute names
     * @return this builder
     * @throws InvalidPolicyException when the array is null or a name is null or blank
     */
    public SlaPolicy.Builder sensitiveAttributes(String... names) {
        return sensitiveAttributes(Arrays.asList(Checks.present(field("sensitiveAttributes"), names)));
    }

    /**
     * As {@link #sensitiveAttributes(String...)}; adds to those named before.
     *
     * @param names the attribute names
     * @return this builder
     * @throws InvalidPolicyException when the collection is null or a name is null or blank
     */
    public SlaPolicy.Builder sensitiveAttributes(Collection<String> names) {
        for (String attribute : Checks.present(field("sensitiveAttributes"), names)) {
            if (attribute == null || attribute.isBlank()) {
                throw new InvalidPolicyException(field("sensitiveAttributes must not contain a blank name, but had "
                        + (attribute == null ? "null" : "'" + attribute + "'")));
            }
            sensitiveAttributes.add(attribute);
        }
        return self();
    }

    /**
     * What this policy does, as a new version, to open tasks planned under an older version: re-plan
     * them from their SLA start ({@link PolicyChange#REPLAN}, the default) or let them keep their
     * version ({@link PolicyChange#PIN}, new tasks only). It is not part of the {@link SlaPolicy#version()}.
     *
     * @param value the choice
     * @return this builder
     * @throws InvalidPolicyException when the value is null
     */
    public SlaPolicy.Builder onChange(PolicyChange value) {
        if (value == null) {
            throw new InvalidPolicyException(field("onChange must be REPLAN or PIN, but was null"));
        }
        this.onChange = value;
        return self();
    }

    /**
     * Warn this long before the deadline. Default {@link SlaPolicy#DEFAULT_WARN_BEFORE}. Must be shorter than the SLA.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder warnBefore(Duration value) {
        this.warnBefore = Optional.of(Checks.duration(field("warnBefore"), value));
        this.thresholds = Optional.empty();
        return self();
    }

    /**
     * Warn when this fraction of the SLA has passed, e.g. {@code 0.75}.
     *
     * @param fraction the share of the SLA, above 0 and below 1
     * @return this builder
     * @throws InvalidPolicyException when the fraction does not lie strictly between 0 and 1
     */
    public SlaPolicy.Builder warnAt(double fraction) {
        this.warnAt = OptionalDouble.of(Checks.fraction(field("warnAt"), fraction));
        this.thresholds = Optional.empty();
        return self();
    }

    /**
     * Several warning thresholds instead of the single warning: each is a step of its own, sent once per
     * cycle with its own notification type and recipient. It replaces what {@link #warnBefore}, {@link
     * #warnAt} or {@link #noWarning()} set before, and they replace it when called after it. One plain threshold ({@link WarningThreshold#of}) is the same policy, with
     * the same version, as {@code warnBefore} or {@code warnAt} with its value.
     *
     * @param values the thresholds, at least one and at most {@link SlaPolicy#MAX_COUNT}
     * @return this builder
     * @throws InvalidPolicyException when the list is null, empty, too long or holds a null
     */
    public SlaPolicy.Builder warnings(List<WarningThreshold> values) {
        this.thresholds = Optional.of(Thresholds.check(field("warnings"), values));
        // The later setting wins, so that toBuilder() of a policy with a single warning can add thresholds.
        this.warnBefore = Optional.empty();
        this.warnAt = OptionalDouble.empty();
        this.warningEnabled = true;
        return self();
    }

    /**
     * No warning before the deadline, whatever {@link #warnBefore} or {@link #warnAt} say.
     *
     * @return this builder
     */
    public SlaPolicy.Builder noWarning() {
        this.warningEnabled = false;
        this.thresholds = Optional.empty();
        return self();
    }

    /**
     * Remind the assignee at this interval once the task is in warning or breached. Off by default.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder remindEvery(Duration value) {
        this.remindEvery = Optional.of(Checks.duration(field("remindEvery"), value));
        return self();
    }

    /**
     * At most this many reminders per cycle. Default {@link SlaPolicy#DEFAULT_MAX_REMINDERS}.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the value is negative or above {@link SlaPolicy#MAX_COUNT}
     */
    public SlaPolicy.Builder maxReminders(int value) {
        this.maxReminders = Optional.of(Checks.count(field("maxReminders"), value, false));
        return self();
    }

    /**
     * Turns the escalation chain on or off; warnings and reminders run either way. Default on.
     *
     * @param value the value
     * @return this builder
     */
    public SlaPolicy.Builder escalationEnabled(boolean value) {
        this.escalationEnabled = value;
        return self();
    }

    /**
     * Adds the next level. Level 1 defaults to the deadline itself; each later level defaults to
     * {@link #reEscalateEvery} after the one before.
     *
     * @param target who gets the task at that level
     * @return this builder
     * @throws InvalidPolicyException when the target is null or the chain has {@link SlaPolicy#MAX_COUNT} levels already
     */
    public SlaPolicy.Builder escalateTo(EscalationTarget target) {
        return addLevel(target, Optional.empty());
    }

    /**
     * Adds the next level, reached {@code afterDeadline} past the deadline.
     *
     * @param afterDeadline how long after the deadline the level is reached
     * @param target who gets the task at that level
     * @return this builder
     * @throws InvalidPolicyException when the target or the delay is null, the delay is negative or too long,
     *         or the chain has {@link SlaPolicy#MAX_COUNT} levels already
     */
    public SlaPolicy.Builder escalateTo(EscalationTarget target, Duration afterDeadline) {
        String level = field("escalation level " + (targets.size() + 1));
        return addLevel(target, Optional.of(Checks.delay(level + " afterDeadline", afterDeadline)));
    }

    /**
     * Interval between later levels (by default) and between re-escalations at the last level. Default 24 h.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder reEscalateEvery(Duration value) {
        this.reEscalateEvery = Checks.duration(field("reEscalateEvery"), value);
        return self();
    }

    /**
     * Cap on re-escalations at the last level; {@code 0} for none. Default {@link SlaPolicy#UNLIMITED}.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidPolicyException when the value is negative, or above {@link SlaPolicy#MAX_COUNT}
     *         and not {@link SlaPolicy#UNLIMITED}
     */
    public SlaPolicy.Builder maxReEscalations(int value) {
        this.maxReEscalations = Checks.count(field("maxReEscalations"), value, true);
        return self();
    }
    /**
     * How long an acknowledgement ({@code tasks.acknowledge(id, who)}) holds the task's steps, in real
     * time from the acknowledgement; when nobody acts within it, the task escalates to the next level.
     * Unset, an acknowledgement is recorded and audited but holds nothing (see docs/policies.md).
     *
     * @param value the window
     * @return this builder
     * @throws InvalidPolicyException when the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder acknowledgeTimeout(Duration value) {
        this.acknowledgeTimeout = Optional.of(Checks.duration(field("acknowledgeTimeout"), value));
        return self();
    }

    /**
     * The longest snooze ({@code tasks.snooze(id, until, who)}) of a task's reminders, in real time from
     * the snooze; a longer one is rejected before anything is stored. Unset, snoozes are unbounded.
     *
     * @param value the longest snooze
     * @return this builder
     * @throws InvalidPolicyException when the value is null, shorter than {@link SlaPolicy#MIN_DURATION} or longer than {@link SlaPolicy#MAX_DURATION}
     */
    public SlaPolicy.Builder maxSnooze(Duration value) {
        this.maxSnooze = Optional.of(Checks.duration(field("maxSnooze"), value));
        return self();
    }

    /**
     * A deadline by business days instead of {@link #sla(Duration)} (issue #20): "the end of the 2nd business
     * day", "the next business day at 10:00", on the task's calendar. Priorities with a target of their own
     * keep it. Each task's SLA is the business time from its start to that deadline, so warnings, reminders
     * and levels count from there as usual; a warning window longer than a task's SLA warns at its start.
     *
     * @param value the deadline
     * @return this builder
     * @throws InvalidPolicyException when the value is null
     */
    public SlaPolicy.Builder deadline(RelativeDeadline value) {
        this.relativeDeadline = Optional.of(Checks.present(field("deadline"), value));
        return self();
    }

    /**
     * Picks each task's calendar from the task instead of one {@link #calendar(BusinessCalendar)} for all
     * (issue #20): by an attribute, the tenant or the host's {@link CalendarResolver}.
     *
     * @param value the choice
     * @return this builder
     * @throws InvalidPolicyException when the value is null
     */
    public SlaPolicy.Builder calendarFrom(CalendarChoice value) {
        this.calendarFrom = Optional.of(Checks.present(field("calendarFrom"), value));
        return self();
    }

    /**
     * Replaces the calendar and the calendar choice this builder has, whichever it got from {@link
     * SlaPolicy#toBuilder()}, with a policy's: a goal counts on its policy's calendar or choice per task,
     * which {@link #calendar} and {@link #calendarFrom} together would refuse.
     */
    SlaPolicy.Builder countingOn(BusinessCalendar value, Optional<CalendarChoice> choice) {
        this.calendar = value;
        this.calendarFrom = choice;
        this.calendarSet = choice.isEmpty();
        return self();
    }

    /**
     * Adds a named goal with its own SLA, warning, reminders and chain (see {@link Goal}); its
     * calendar (or calendar per task, {@link #calendarFrom}) and hold rule become this policy's when the
     * policy is built. A policy with goals
     * plans each goal on its own and leaves its own warning, reminders and chain unused.
     *
     * @param value the goal
     * @return this builder
     * @throws InvalidPolicyException when the policy already has a goal of that name
     */
    public SlaPolicy.Builder goal(Goal value) {
        Checks.present(field("goal"), value);
        if (goals.stream().anyMatch(g -> g.name().equals(value.name()))) {
            throw new InvalidPolicyException(field("goal '" + value.name() + "' is defined twice"));
        }
        if (goals.size() == SlaPolicy.MAX_COUNT) {
            throw new InvalidPolicyException(field("goals must be at most " + SlaPolicy.MAX_COUNT));
        }
        goals.add(value);
        return self();
    }

    /**
     * Builds the policy.
     *
     * @return the sla policy
     * @throws InvalidPolicyException when the SLA is missing (a policy of goals without one takes its
     *         longest goal's, without warning or chain of its own), both {@code warnBefore} and
     *         {@code warnAt} are set, the warning window is not shorter than every SLA target,
     *         escalation is enabled with an empty chain, level delays go backwards, or a duration needs
     *         more than {@link SlaPolicy#MAX_CALENDAR_WEEKS} weeks of the calendar
     */
    public SlaPolicy build() {
        if (sla == null && relativeDeadline.isEmpty() && !goals.isEmpty() && targets.isEmpty()) {
            // A policy of goals has no schedule of its own; its SLA is its longest goal's, for views that know no
            // goals.
            sla = goals.stream()
                    .map(g -> g.schedule().sla())
                    .max(Duration::compareTo)
                    .orElseThrow();
            warningEnabled = false;
            escalationEnabled = false;
        }
        if (sla == null && relativeDeadline.isEmpty()) {
            throw new InvalidPolicyException(field("sla is required, but was not set"));
        }
        if (sla != null && relativeDeadline.isPresent()) {
            throw new InvalidPolicyException(
                    field("set either sla (" + sla + ") or deadline (" + relativeDeadline.get() + "), not both"));
        }
        if (calendarSet && calendarFrom.isPresent()) {
            throw new InvalidPolicyException(
                    field("set either calendar or calendarFrom (" + calendarFrom.get() + "), not both"));
        }
        Duration target = sla != null ? sla : RelativeDeadlines.nominal(relativeDeadline.get());
        RelativeDeadlines.checkWorkingTime(name, relativeDeadline, calendars());
        // A relative deadline has no length before a task starts: thresholds before it are not checked against it.
        Warning warning = thresholds.isPresent()
                ? Thresholds.first(
                        field("warnings"),
                        thresholds.get(),
                        relativeDeadline.isPresent() ? Optional.empty() : Optional.of(target),
                        slaByPriority)
                : warning(target);
        Chain chain;
        try {
            chain = new Chain(
                    escalationEnabled,
                    Chain.number(targets, delays, reEscalateEvery, Chain.OutOfOrder.IN_CODE),
                    reEscalateEvery,
                    maxReEscalations);
        } catch (InvalidPolicyException e) {
            throw e.of(name);
        }
        for (BusinessCalendar each : calendars()) {
            fitCalendar(chain, each);
        }
        int reminderCap = remindEvery.isPresent() ? maxReminders.orElse(SlaPolicy.DEFAULT_MAX_REMINDERS) : 0;
        return new SlaPolicy(
                name,
                target,
                slaByPriority,
                warning,
                remindEvery,
                reminderCap,
                chain,
                calendar,
                holdsPauseSla,
                sensitiveAttributes,
                onChange,
                acknowledgeTimeout,
                maxSnooze,
                thresholds.map(Thresholds::beyondSingleWarning).orElse(List.of()),
                relativeDeadline,
                calendarFrom,
                goals.stream().map(this::onThisCalendar).toList());
    }

    /** The calendars a task may count on: the policy's, or those its choice names up front. */
    private List<BusinessCalendar> calendars() {
        return calendarFrom.isPresent()
                ? List.copyOf(new java.util.TreeMap<>(calendarFrom.get().knownCalendars()).values())
                : List.of(calendar);
    }

    /**
     * A goal's clock is the policy's: same calendar, same holds; and so are its acknowledgement
     * timeout and snooze limit, since the task's one acknowledgement or snooze holds every open goal.
     */
    private Goal onThisCalendar(Goal goal) {
        SlaPolicy schedule = goal.schedule();
        if (schedule.calendar().equals(calendar)
                && schedule.calendarFrom().equals(calendarFrom)
                && schedule.holdsPauseSla() == holdsPauseSla
                && schedule.acknowledgeTimeout().equals(acknowledgeTimeout)
                && schedule.maxSnooze().equals(maxSnooze)) {
            return goal;
        }
        // With a calendar per task, each goal counts on the task's calendar: the choice, not one calendar.
        SlaPolicy.Builder onPolicy =
                schedule.toBuilder().countingOn(calendar, calendarFrom).holdsPauseSla(holdsPauseSla);
        acknowledgeTimeout.ifPresent(onPolicy::acknowledgeTimeout);
        maxSnooze.ifPresent(onPolicy::maxSnooze);
        return new Goal(goal.name(), onPolicy.build(), goal.metBy());
    }

    /** Every duration counts working time on the calendar; none may need more than the bound in real weeks. */
    private void fitCalendar(Chain chain, BusinessCalendar calendar) {
        Duration lastDelay = chain.levels().isEmpty()
                ? Duration.ZERO
                : chain.levels().get(chain.levels().size() - 1).afterDeadline();
        String plusLast = lastDelay.isZero() ? "" : " plus the last level's afterDeadline " + lastDelay;
        if (sla != null) {
            Checks.fitsCalendar(field("sla" + plusLast), sla.plus(lastDelay), calendar);
        } else if (!lastDelay.isZero()) {
            Checks.fitsCalendar(field("the last level's afterDeadline"), lastDelay, calendar);
        }
        slaByPriority.forEach((priority, target) -> Checks.fitsCalendar(
                field("sla for priority " + priority + plusLast), target.plus(lastDelay), calendar));
        remindEvery.ifPresent(every -> Checks.fitsCalendar(field("remindEvery"), every, calendar));
        Checks.fitsCalendar(field("reEscalateEvery"), reEscalateEvery, calendar);
    }

    private Warning warning(Duration sla) {
        if (warnBefore.isPresent() && warnAt.isPresent()) {
            throw new InvalidPolicyException(field("set either warnBefore (" + warnBefore.get() + ") or warnAt ("
                    + warnAt.getAsDouble() + "), not both"));
        }
        if (!warningEnabled) {
            return Warning.none();
        }
        if (warnAt.isPresent()) {
            return Warning.at(warnAt.getAsDouble());
        }
        Duration window = warnBefore.orElse(SlaPolicy.DEFAULT_WARN_BEFORE);
        String hint = warnBefore.isEmpty() ? " (the default; set warnBefore, warnAt or noWarning())" : "";
        if (relativeDeadline.isEmpty() && window.compareTo(sla) >= 0) {
            throw new InvalidPolicyException(
                    field("warnBefore must be shorter than sla " + sla + ", but was " + window + hint));
        }
        slaByPriority.forEach((priority, target) -> {
            if (window.compareTo(target) >= 0) {
                throw new InvalidPolicyException(field("warnBefore must be shorter than the sla " + target
                        + " of priority " + priority + ", but was " + window + hint));
            }
        });
        return Warning.before(window);
    }

    private SlaPolicy.Builder addLevel(EscalationTarget target, Optional<Duration> afterDeadline) {
        if (targets.size() == SlaPolicy.MAX_COUNT) {
            throw new InvalidPolicyException(field("escalation levels must be at most " + SlaPolicy.MAX_COUNT
                    + ", but level " + (targets.size() + 1) + " was added"));
        }
        targets.add(Checks.present(field("escalation level " + (targets.size() + 1) + " target"), target));
        delays.add(afterDeadline);
        return self();
    }

    private SlaPolicy.Builder self() {
        return (SlaPolicy.Builder) this;
    }

    /** A field of this policy, as its messages name it: {@code "policy 'A': sla"}. */
    private String field(String text) {
        return "policy '" + name + "': " + text;
    }
}
