package dev.escalation.core.policy;

import java.math.BigDecimal;

/**
 * One element of a policy's {@code warnings} array in JSON: a warning threshold, as {@link
 * WarningThreshold} is in code.
 *
 * <pre>{@code
 * "warnings": [{"at": 0.5}, {"at": 0.75}, {"before": "PT1H", "type": "REMINDER", "to": "role:team_lead"}]
 * }</pre>
 *
 * @param before {@code before} (or {@code before_hours}): the threshold's time before the deadline
 * @param at     {@code at}: the threshold as a fraction of the SLA, instead of {@code before}
 * @param type   {@code type}: {@code "WARNING"} (the default) or {@code "REMINDER"}
 * @param to     {@code to}: {@code "assignee"} (the default), {@code "user:NAME"}, {@code "role:NAME"} or a role name
 */
public record ThresholdDefinition(JsonDuration before, BigDecimal at, String type, String to) {

    /** The value of {@code to} that names the task's assignee, the default recipient. */
    public static final String ASSIGNEE = "assignee";

    static ThresholdDefinition of(WarningThreshold threshold) {
        return new ThresholdDefinition(
                threshold.when() instanceof Warning.Before before ? JsonDuration.of(before.window()) : null,
                threshold.when() instanceof Warning.AtFraction at ? BigDecimal.valueOf(at.fraction()) : null,
                threshold.isPlain() ? null : threshold.type().name(),
                threshold.recipient().map(EscalationTarget::toString).orElse(null));
    }
}
