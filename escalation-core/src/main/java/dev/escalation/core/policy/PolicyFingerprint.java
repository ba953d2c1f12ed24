package dev.escalation.core.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Computes {@link SlaPolicy#version()}: a SHA-256 of a canonical text of everything that affects
 * planning. The text is built from sorted, locale-free parts (never from a {@code Map.copyOf}, whose
 * iteration order differs between JVM runs), so the same definition gives the same version on every
 * node and in every run.
 */
final class PolicyFingerprint {

    private static final int HEX_DIGITS = 12;

    private PolicyFingerprint() {}

    static String of(SlaPolicy policy) {
        return hash(canonicalText(policy));
    }

    static String canonicalText(SlaPolicy policy) {
        StringBuilder text = new StringBuilder(256);
        text.append("sla=").append(policy.sla());
        text.append(";slaByPriority=").append(new TreeMap<>(policy.slaByPriority()));
        text.append(";warning=")
                .append(policy.warning().getClass().getSimpleName())
                .append(':')
                .append(policy.warning());
        // Only a policy that uses several thresholds gains text: every other policy keeps its version.
        if (policy.hasThresholds()) {
            text.append(";warnings=");
            policy.warningThresholds()
                    .forEach(threshold -> text.append(threshold.canonicalText()).append(','));
        }
        text.append(";remindEvery=")
                .append(policy.remindEvery().map(Object::toString).orElse("-"));
        text.append(";maxReminders=").append(policy.maxReminders());
        Chain chain = policy.chain();
        text.append(";escalation=").append(chain.enabled());
        for (EscalationLevel level : chain.levels()) {
            text.append(";level=")
                    .append(level.level())
                    .append(':')
                    .append(level.target().kind())
                    .append(':')
                    .append(level.target().name())
                    .append(':')
                    .append(level.afterDeadline());
        }
        text.append(";reEscalateEvery=").append(chain.reEscalateEvery());
        text.append(";maxReEscalations=").append(chain.maxReEscalations());
        text.append(";calendar=").append(policy.calendar().canonicalText());
        text.append(";holdsPauseSla=").append(policy.holdsPauseSla());
        // Only when set: every policy without acknowledgements or snoozes keeps the version it had (issue #20).
        policy.acknowledgeTimeout()
                .ifPresent(timeout -> text.append(";acknowledgeTimeout=").append(timeout));
        policy.maxSnooze().ifPresent(max -> text.append(";maxSnooze=").append(max));
        // Likewise relative deadlines and per-task calendars: text only when used (issue #20).
        policy.relativeDeadline()
                .ifPresent(deadline -> text.append(";deadline=").append(deadline));
        policy.calendarFrom().ifPresent(choice -> text.append(";calendarFrom=").append(choice.canonicalText()));
        return text.toString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
