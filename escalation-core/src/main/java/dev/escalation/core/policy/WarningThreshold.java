package dev.escalation.core.policy;

import dev.escalation.core.notification.NotificationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One of a policy's warning thresholds: when it falls due (a fixed time before the deadline or a
 * fraction of the SLA), which notification type it sends and to whom. A policy with several
 * thresholds (50 %, 75 % and 90 % of the SLA, say) sends each once per cycle as a step of its own,
 * {@code WARNING/1}, {@code WARNING/2}, ... in the order in which they fall due for the task's SLA;
 * a late run sends only the latest one that is due and audits the others as skipped.
 *
 * <pre>{@code
 * SlaPolicy policy = SlaPolicy.builder("Review")
 *         .sla(Duration.ofHours(8))
 *         .warnings(List.of(
 *                 WarningThreshold.of(Warning.at(0.5)),
 *                 WarningThreshold.of(Warning.at(0.9)).notifying(NotificationType.REMINDER, EscalationTarget.role("lead"))))
 *         .escalateTo(EscalationTarget.role("manager"))
 *         .build();
 * }</pre>
 *
 * @param when      when the threshold falls due: {@link Warning.Before} or {@link Warning.AtFraction}
 * @param type      the type of the notification it sends: {@link NotificationType#WARNING} (the default) or
 *                  {@link NotificationType#REMINDER}
 * @param recipient who receives it: empty for the task's assignee, else a target resolved by the
 *                  engine's {@code TargetResolver} as an escalation level's target is
 */
public record WarningThreshold(Warning when, NotificationType type, Optional<EscalationTarget> recipient) {

    /**
     * Validates the threshold.
     *
     * @param when      when the threshold falls due: a time before the deadline or a fraction of the SLA
     * @param type      the type of the notification it sends
     * @param recipient who receives it: empty for the task's assignee
     * @throws InvalidPolicyException when a value is null, {@code when} is {@link Warning#none()} or the type is
     *         neither {@code WARNING} nor {@code REMINDER}
     */
    public WarningThreshold {
        Checks.present("warning threshold", when);
        Checks.present("warning threshold type", type);
        Checks.present("warning threshold recipient", recipient);
        if (type != NotificationType.WARNING && type != NotificationType.REMINDER) {
            // The escalation types tell their recipient that the task was reassigned, which a threshold never does.
            throw new InvalidPolicyException("warning threshold type must be WARNING or REMINDER, but was " + type);
        }
        if (when instanceof Warning.None) {
            throw new InvalidPolicyException(
                    "warning threshold must be a time before the deadline or a fraction of the SLA, but was none");
        }
    }

    /**
     * A threshold that sends a {@link NotificationType#WARNING} to the task's assignee, as the policy's
     * single warning always did.
     *
     * @param when when it falls due: {@link Warning#before(Duration)} or {@link Warning#at(double)}
     * @return the threshold
     * @throws InvalidPolicyException when {@code when} is null or {@link Warning#none()}
     */
    public static WarningThreshold of(Warning when) {
        return new WarningThreshold(when, NotificationType.WARNING, Optional.empty());
    }

    /**
     * This threshold, sending {@code notificationType} to {@code target} instead.
     *
     * @param notificationType the type of the notification
     * @param target           who receives it, resolved as an escalation level's target is
     * @return a copy with that type and recipient
     * @throws InvalidPolicyException when a value is null or the type is neither {@code WARNING} nor {@code REMINDER}
     */
    public WarningThreshold notifying(NotificationType notificationType, EscalationTarget target) {
        return new WarningThreshold(
                when, notificationType, Optional.of(Checks.present("warning threshold recipient", target)));
    }

    /**
     * Whether the threshold sends a {@link NotificationType#WARNING} to the assignee: then a policy with
     * only this threshold is a policy with a single warning, as before thresholds existed.
     *
     * @return whether type and recipient are the defaults
     */
    public boolean isPlain() {
        return type == NotificationType.WARNING && recipient.isEmpty();
    }

    /**
     * The point of SLA time at which the threshold falls due for a task whose SLA is {@code sla}.
     *
     * @param sla the task's SLA
     * @return the SLA time from the SLA start to the threshold
     */
    public Duration pointFor(Duration sla) {
        return sla.minus(when.windowFor(sla).orElseThrow());
    }

    /**
     * {@code thresholds} in the order in which they fall due for a task whose SLA is {@code sla}; a
     * tie keeps the order given. The n-th of them is step {@code WARNING/n}.
     *
     * @param thresholds the thresholds, in any order
     * @param sla        the task's SLA
     * @return the thresholds, earliest first
     */
    public static List<WarningThreshold> inOrder(List<WarningThreshold> thresholds, Duration sla) {
        List<WarningThreshold> ordered = new ArrayList<>(thresholds);
        ordered.sort(Comparator.comparing(threshold -> threshold.pointFor(sla)));
        return List.copyOf(ordered);
    }

    /** {@code when}, then the type and recipient when they are not the defaults, e.g. {@code at 0.9 REMINDER role:lead}. */
    @Override
    public String toString() {
        return (when instanceof Warning.AtFraction ? "" : "before ")
                + when
                + (isPlain()
                        ? ""
                        : " " + type + recipient.map(target -> " " + target).orElse(" assignee"));
    }

    /** The text the policy fingerprint takes from the threshold: stable across runs and locales. */
    String canonicalText() {
        return when.getClass().getSimpleName()
                + ':'
                + when
                + ':'
                + type
                + ':'
                + recipient.map(target -> target.kind() + ":" + target.name()).orElse("assignee");
    }
}
