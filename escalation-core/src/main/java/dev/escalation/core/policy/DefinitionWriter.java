package dev.escalation.core.policy;

import dev.escalation.core.policy.PolicyDefinition.LevelDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PolicyDefinition} in the shape {@link DefinitionReader} reads, field for field as
 * it was read (durations under the name they were given), so that reading the output gives an
 * equal definition. Absent fields are left out.
 */
final class DefinitionWriter {

    private final Map<String, Object> json = new LinkedHashMap<>();

    private DefinitionWriter() {}

    static Map<String, Object> write(PolicyDefinition d) {
        DefinitionWriter out = new DefinitionWriter();
        out.put("name", d.name());
        out.put("workflow_type", d.scope().workflowType());
        out.put("stage_name", d.scope().stageName());
        out.put("priority", d.scope().priority());
        out.put("default", d.scope().isDefault());
        out.duration("sla", d.sla().target());
        out.put("warning_enabled", d.warning().enabled());
        out.duration("warn_before", d.warning().before());
        out.put("warn_at", d.warning().at());
        out.duration("remind_every", d.reminders().every());
        out.put("max_reminders", d.reminders().max());
        out.put("escalation_enabled", d.chain().enabled());
        out.put("escalation_to", d.chain().escalationTo());
        out.put("levels", levels(d.chain().levels()));
        out.duration("re_escalate_every", d.chain().reEscalateEvery());
        out.put("max_re_escalations", d.chain().maxReEscalations());
        out.byPriority(d.sla().byPriority());
        out.put("pause_on_hold", d.pauseOnHold());
        out.put("calendar", d.calendar());
        out.put("sensitive_attributes", d.sensitiveAttributes());
        out.put("on_change", d.onChange());
        out.duration("acknowledge_timeout", d.attention().acknowledgeTimeout());
        out.duration("max_snooze", d.attention().maxSnooze());
        out.put("warnings", thresholds(d.warnings()));
        out.put("deadline", CalendarJson.write(d.deadline()));
        out.put("calendar_from", CalendarJson.write(d.calendarFrom()));
        return out.json;
    }

    static List<Map<String, Object>> thresholds(List<ThresholdDefinition> thresholds) {
        if (thresholds == null) {
            return null;
        }
        return thresholds.stream()
                .map(threshold -> {
                    if (threshold == null) {
                        return null;
                    }
                    DefinitionWriter out = new DefinitionWriter();
                    out.duration("before", threshold.before());
                    out.put("at", threshold.at());
                    out.put("type", threshold.type());
                    out.put("to", threshold.to());
                    return out.json;
                })
                .toList();
    }

    static List<Map<String, Object>> levels(List<LevelDefinition> levels) {
        if (levels == null) {
            return null;
        }
        return levels.stream()
                .map(level -> {
                    if (level == null) {
                        return null;
                    }
                    DefinitionWriter out = new DefinitionWriter();
                    out.put("target", level.target());
                    out.duration("after", level.after());
                    return out.json;
                })
                .toList();
    }

    private void put(String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private void duration(String name, JsonDuration duration) {
        if (duration != null) {
            json.put(duration.hoursField() ? name + "_hours" : name, duration.value());
        }
    }

    /** Under {@code sla_hours_by_priority} when every target was given there, else under {@code sla_by_priority}. */
    private void byPriority(Map<String, JsonDuration> byPriority) {
        if (byPriority == null) {
            return;
        }
        boolean hours = !byPriority.isEmpty() && byPriority.values().stream().allMatch(JsonDuration::hoursField);
        Map<String, Object> targets = new LinkedHashMap<>();
        byPriority.forEach((priority, sla) -> targets.put(priority, sla == null ? null : sla.value()));
        json.put(hours ? "sla_hours_by_priority" : "sla_by_priority", targets);
    }
}
