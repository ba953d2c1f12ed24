package dev.escalation.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The JSON names of {@link GoalEvent}s: lower case, {@code -} for {@code _}. */
final class GoalEvents {

    private GoalEvents() {}

    static String jsonName(GoalEvent event) {
        return event.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static GoalEvent read(JsonPath at, String text) {
        for (GoalEvent event : GoalEvent.values()) {
            if (jsonName(event).equals(text)) {
                return event;
            }
        }
        throw JsonRule.GOAL_EVENT.at(
                at,
                text,
                Arrays.stream(GoalEvent.values())
                        .map(e -> "'" + jsonName(e) + "'")
                        .collect(Collectors.joining(", ")));
    }
}
