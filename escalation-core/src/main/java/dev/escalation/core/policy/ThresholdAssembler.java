package dev.escalation.core.policy;

import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.PolicyDefinition.WarningDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a definition's {@code warnings} array in the JSON's own terms (the path, the value as
 * written) and turns it into {@link WarningThreshold}s for the builder, which then has nothing left
 * to reject.
 */
final class ThresholdAssembler {

    private final PolicyDefinition definition;
    private final JsonPath path;

    ThresholdAssembler(PolicyDefinition definition, JsonPath path) {
        this.definition = definition;
        this.path = path;
    }

    List<WarningThreshold> thresholds(Map<String, Duration> byPriority) {
        List<ThresholdDefinition> given = definition.warnings();
        JsonPath at = path.field("warnings");
        WarningDefinition single = definition.warning();
        if (single.before() != null) {
            throw JsonRule.NOT_BESIDE.at(
                    path.field(single.before().hoursField() ? "warn_before_hours" : "warn_before"),
                    single.before().value(),
                    at);
        }
        if (single.at() != null) {
            throw JsonRule.NOT_BESIDE.at(path.field("warn_at"), single.at(), at);
        }
        if (single.enabled() != null) {
            throw JsonRule.NOT_BESIDE.at(path.field("warning_enabled"), single.enabled(), at);
        }
        if (given.isEmpty()) {
            throw JsonRule.NEEDS_A_THRESHOLD.at(at, DefinitionWriter.thresholds(given));
        }
        if (given.size() > SlaPolicy.MAX_COUNT) {
            throw JsonRule.THRESHOLDS_AT_MOST.at(at, given.size());
        }
        List<WarningThreshold> thresholds = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            thresholds.add(threshold(at.index(i), given.get(i), byPriority));
        }
        return thresholds;
    }

    private WarningThreshold threshold(JsonPath at, ThresholdDefinition given, Map<String, Duration> byPriority) {
        if (given == null) {
            throw JsonRule.NOT_NULL.at(at, null);
        }
        JsonPath beforePath =
                given.before() == null ? null : at.field(given.before().hoursField() ? "before_hours" : "before");
        if (given.before() != null && given.at() != null) {
            throw JsonRule.NOT_BESIDE.at(beforePath, given.before().value(), at.field("at"));
        }
        Warning when;
        if (given.at() != null) {
            when = Warning.at(fraction(at.field("at"), given.at()));
        } else if (given.before() != null) {
            Duration window = given.before().positive(beforePath);
            shorterThanEverySla(window, beforePath, given.before(), byPriority);
            when = Warning.before(window);
        } else {
            throw JsonRule.REQUIRED.naming(at.field("before"), "before, before_hours or at");
        }
        WarningThreshold threshold = WarningThreshold.of(when);
        NotificationType type = type(at.field("type"), given.type());
        Optional<EscalationTarget> recipient = recipient(at.field("to"), given.to());
        return recipient.isPresent()
                ? threshold.notifying(type, recipient.get())
                : new WarningThreshold(when, type, Optional.empty());
    }

    private void shorterThanEverySla(
            Duration window, JsonPath windowPath, JsonDuration written, Map<String, Duration> byPriority) {
        JsonDuration slaJson = definition.sla().target();
        // Without sla (a relative deadline, issue #20) a window longer than a task's SLA warns at its start.
        if (slaJson != null && window.compareTo(slaJson.positive(slaPath(slaJson))) >= 0) {
            throw JsonRule.SHORTER_THAN_SLA.at(windowPath, written.value(), slaPath(slaJson));
        }
        byPriority.forEach((priority, target) -> {
            JsonDuration given = definition.sla().byPriority().get(priority);
            if (window.compareTo(target) >= 0) {
                throw JsonRule.SHORTER_THAN_SLA.at(
                        windowPath,
                        written.value(),
                        path.field(given.hoursField() ? "sla_hours_by_priority" : "sla_by_priority")
                                .field(priority));
            }
        });
    }

    private JsonPath slaPath(JsonDuration slaJson) {
        return path.field(slaJson.hoursField() ? "sla_hours" : "sla");
    }

    private static double fraction(JsonPath at, BigDecimal written) {
        double fraction = written.doubleValue();
        if (!(fraction > 0 && fraction < 1)) {
            throw JsonRule.FRACTION.at(at, written);
        }
        return fraction;
    }

    private static NotificationType type(JsonPath at, String written) {
        if (written == null) {
            return NotificationType.WARNING;
        }
        if (written.equals(NotificationType.WARNING.name())) {
            return NotificationType.WARNING;
        }
        if (written.equals(NotificationType.REMINDER.name())) {
            return NotificationType.REMINDER;
        }
        throw JsonRule.THRESHOLD_TYPE.at(at, written);
    }

    private static Optional<EscalationTarget> recipient(JsonPath at, String written) {
        if (written == null || written.equals(ThresholdDefinition.ASSIGNEE)) {
            return Optional.empty();
        }
        if (written.isBlank()) {
            throw JsonRule.NOT_BLANK.at(at, written);
        }
        try {
            return Optional.of(EscalationTarget.parse(written));
        } catch (IllegalArgumentException e) {
            throw JsonRule.RECIPIENT.at(at, written);
        }
    }
}
