package dev.escalation.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The builder's checks of a policy's warning thresholds ({@link PolicyBuilder#warnings}). A policy
 * keeps its single {@link Warning} (the first threshold's point) for everything that reads it, and
 * the thresholds only when they say more than that warning does: so a policy written with one plain
 * threshold is the very policy written with {@code warnBefore}, down to its version.
 */
final class Thresholds {

    private Thresholds() {}

    static List<WarningThreshold> check(String subject, List<WarningThreshold> values) {
        Checks.present(subject, values);
        if (values.isEmpty()) {
            throw new InvalidPolicyException(
                    subject + " must hold at least one threshold (noWarning() for none), but was []");
        }
        if (values.size() > SlaPolicy.MAX_COUNT) {
            throw new InvalidPolicyException(
                    subject + " must be at most " + SlaPolicy.MAX_COUNT + " thresholds, but were " + values.size());
        }
        List<WarningThreshold> copy = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            copy.add(Checks.present(subject + " threshold " + (i + 1), values.get(i)));
        }
        return List.copyOf(copy);
    }

    /**
     * The policy's single warning: the first threshold's point. Each threshold given as a time before the
     * deadline must fall after the SLA start for every SLA target.
     */
    static Warning first(
            String subject,
            List<WarningThreshold> thresholds,
            Optional<Duration> sla,
            Map<String, Duration> slaByPriority) {
        for (int i = 0; i < thresholds.size(); i++) {
            if (thresholds.get(i).when() instanceof Warning.Before before) {
                // Without a fixed SLA (a relative deadline, issue #20) a window longer than a task's SLA warns at its
                // start.
                int threshold = i + 1;
                sla.ifPresent(
                        fixed -> shorter(subject + " threshold " + threshold, before.window(), fixed, "sla " + fixed));
                for (Map.Entry<String, Duration> target : slaByPriority.entrySet()) {
                    shorter(
                            subject + " threshold " + (i + 1),
                            before.window(),
                            target.getValue(),
                            "the sla " + target.getValue() + " of priority " + target.getKey());
                }
            }
        }
        return thresholds.get(0).when();
    }

    /** The thresholds the policy keeps beside its single warning: none when one plain threshold says it all. */
    static List<WarningThreshold> beyondSingleWarning(List<WarningThreshold> thresholds) {
        return thresholds.size() == 1 && thresholds.get(0).isPlain() ? List.of() : thresholds;
    }

    private static void shorter(String subject, Duration window, Duration sla, String slaText) {
        if (window.compareTo(sla) >= 0) {
            throw new InvalidPolicyException(subject + " must be shorter than " + slaText + ", but was " + window);
        }
    }
}
