package dev.escalation.spring.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.calendar.Holiday;
import dev.escalation.core.calendar.IcsHolidays;
import dev.escalation.core.policy.PolicyDefinition;
import dev.escalation.core.policy.PolicyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Builds the {@link PolicyRegistry} from {@code escalation.policies} and the JSON files of
 * {@code escalation.policy-locations}, each read by {@link PolicyDefinition#fromJson} and so validated
 * as every definition is. Properties arrive as Boot binds them - maps with indexed keys for lists,
 * strings for numbers when they come from a properties file or the environment, kebab-case names -
 * so they are first brought into the JSON shape. A calendar may name {@code holiday-files}: iCalendar
 * resources whose dates join its {@code holidays}.
 */
final class PolicyLoader {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern INDEX = Pattern.compile("\\[?\\d+]?");
    /** Fields whose values are text even when they look like numbers. */
    private static final Set<String> TEXT = Set.of(
            "name",
            "workflow_type",
            "stage_name",
            "priority",
            "escalation_to",
            "target",
            "zone",
            "sla",
            "warn_before",
            "remind_every",
            "re_escalate_every",
            "after");

    private final ResourcePatternResolver resources;
    private final ObjectMapper json = new ObjectMapper();

    PolicyLoader(ResourcePatternResolver resources) {
        this.resources = resources;
    }

    PolicyRegistry load(EscalationProperties properties) {
        List<PolicyDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < properties.policies().size(); i++) {
            String source = "escalation.policies[" + i + "]";
            definitions.add(read(source, policy(source, properties.policies().get(i))));
        }
        for (String location : properties.policyLocations()) {
            for (Resource resource : resolve("escalation.policy-locations", location)) {
                Object parsed = parse(resource);
                List<?> each = parsed instanceof List<?> list ? list : List.of(parsed);
                for (int i = 0; i < each.size(); i++) {
                    String source = parsed instanceof List<?>
                            ? resource.getDescription() + "[" + i + "]"
                            : resource.getDescription();
                    Object definition = each.get(i);
                    definitions.add(read(
                            source, definition instanceof Map<?, ?> map ? policy(source, map) : definition));
                }
            }
        }
        try {
            return PolicyRegistry.builder().define(definitions).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidEscalationConfigurationException("escalation policies", e.getMessage(), e);
        }
    }

    private static PolicyDefinition read(String source, Object definition) {
        try {
            PolicyDefinition read = PolicyDefinition.fromJson(definition);
            read.toPolicy();
            return read;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidEscalationConfigurationException(source, e.getMessage(), e);
        }
    }

    /** A policy in the JSON shape: snake_case names, lists, numbers and booleans, holiday files read. */
    private Map<String, Object> policy(String source, Map<?, ?> bound) {
        Map<String, Object> policy = structure(bound);
        if (policy.get("levels") instanceof List<?> levels) {
            List<Object> shaped = new ArrayList<>();
            levels.forEach(level -> shaped.add(level instanceof Map<?, ?> m ? structure(m) : level));
            policy.put("levels", shaped);
        }
        if (policy.get("calendar") instanceof Map<?, ?> calendar) {
            policy.put("calendar", calendar(source + ".calendar", structure(calendar)));
        }
        return policy;
    }

    private Map<String, Object> calendar(String source, Map<String, Object> calendar) {
        Object files = calendar.remove("holiday_files");
        if (files == null) {
            return calendar;
        }
        Map<String, Object> holidays = listed(calendar.get("holidays"));
        Map<String, Object> yearly = listed(calendar.get("yearly_holidays"));
        List<?> locations = files instanceof List<?> list ? list : List.of(files);
        for (Object location : locations) {
            for (Resource resource : resolve(source + ".holiday-files", String.valueOf(location))) {
                for (Holiday holiday : holidays(resource)) {
                    if (holiday.yearly()) {
                        yearly.putIfAbsent(holiday.monthDay().toString().substring(2), holiday.name());
                    } else {
                        holidays.putIfAbsent(holiday.date().toString(), holiday.name());
                    }
                }
            }
        }
        calendar.put("holidays", holidays);
        if (!yearly.isEmpty()) {
            calendar.put("yearly_holidays", yearly);
        }
        return calendar;
    }

    private static Map<String, Object> listed(Object holidays) {
        Map<String, Object> listed = new TreeMap<>();
        if (holidays instanceof Map<?, ?> map) {
            map.forEach((day, name) -> listed.put(String.valueOf(day), name));
        }
        return listed;
    }

    /** Keys in snake_case, indexed maps as lists, text that reads as a number or boolean as one. */
    private static Map<String, Object> structure(Map<?, ?> bound) {
        Map<String, Object> shaped = new LinkedHashMap<>();
        bound.forEach((key, value) -> {
            String name = String.valueOf(key).replace('-', '_');
            shaped.put(name, value(name, value));
        });
        return shaped;
    }

    private static Object value(String name, Object value) {
        if (value instanceof Map<?, ?> map
                && !map.isEmpty()
                && map.keySet().stream()
                        .allMatch(k -> INDEX.matcher(String.valueOf(k)).matches())) {
            return new ArrayList<>(new TreeMap<>(indexed(map)).values());
        }
        if (value instanceof String text && !TEXT.contains(name)) {
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            if (NUMBER.matcher(text).matches()) {
                return new BigDecimal(text);
            }
        }
        return value;
    }

    private static Map<Integer, Object> indexed(Map<?, ?> map) {
        Map<Integer, Object> byIndex = new TreeMap<>();
        map.forEach((k, v) ->
                byIndex.put(Integer.valueOf(String.valueOf(k).replace("[", "").replace("]", "")), v));
        return byIndex;
    }

    private Resource[] resolve(String property, String location) {
        try {
            Resource[] found = resources.getResources(location);
            if (found.length == 0 || (found.length == 1 && !found[0].exists())) {
                throw new InvalidEscalationConfigurationException(property, "no resource at '" + location + "'", null);
            }
            return found;
        } catch (IOException e) {
            throw new InvalidEscalationConfigurationException(
                    property, "cannot resolve '" + location + "': " + e.getMessage(), e);
        }
    }

    private Object parse(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return json.readValue(in, Object.class);
        } catch (IOException e) {
            throw new InvalidEscalationConfigurationException(
                    resource.getDescription(), "is not JSON: " + e.getMessage(), e);
        }
    }

    private static List<Holiday> holidays(Resource resource) {
        try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            return IcsHolidays.parse(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidEscalationConfigurationException(resource.getDescription(), e.getMessage(), e);
        }
    }
}
