package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the JSON policy reader, as {@code docs/policies.md} documents it: for any JSON text -
 * random trees over the definition's own field names, valid definitions with random mutations,
 * and text cut or spliced into malformed JSON - reading either yields a definition that writes back
 * to an equal one and a policy that round-trips through its own JSON, or fails as documented:
 * <ul>
 *   <li>{@link InvalidPolicyException} whose message is a JSON path and one of the documented
 *       {@link JsonRule}s ({@code "$.sla_hours: must be positive, but was -5"}), from
 *       {@link PolicyDefinition#toPolicy()} or the registry, or wrapped by Jackson while it reads;
 *   <li>Jackson's own {@link JsonProcessingException} for text that is not JSON.
 * </ul>
 * Nothing else: no builder message, no NullPointerException, ClassCastException, ArithmeticException...
 */
class PolicyJsonFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> FIELDS = List.of(
            "name",
            "default",
            "workflow_type",
            "stage_name",
            "priority",
            "sla",
            "sla_hours",
            "warning_enabled",
            "warn_before",
            "warn_before_hours",
            "warn_at",
            "remind_every",
            "remind_every_hours",
            "max_reminders",
            "escalation_enabled",
            "escalation_to",
            "levels",
            "re_escalate_every",
            "re_escalate_every_hours",
            "max_re_escalations",
            "sla_by_priority",
            "sla_hours_by_priority",
            "pause_on_hold",
            "calendar",
            "sensitive_attributes",
            "on_change",
            "target",
            "after",
            "after_hours",
            "zone",
            "twenty_four_seven",
            "working_hours",
            "holidays",
            "yearly_holidays",
            "MONDAY",
            "P1");

    private static final List<String> VALID = List.of("""
            {"stage_name": "Manager Approval", "sla_hours": 24, "escalation_enabled": true, "escalation_to": "department_head"}""", """
            {"name": "Finance Review", "sla": "PT8H", "warn_at": 0.75, "remind_every": "PT2H", "max_reminders": 2,
             "levels": [{"target": "role:controller"}, {"target": "user:cfo", "after": "PT12H"}],
             "re_escalate_every": "PT24H", "max_re_escalations": 3, "sla_by_priority": {"P1": "PT2H"}, "pause_on_hold": false,
             "sensitive_attributes": ["salary", "iban"], "on_change": "pin"}""", """
            {"name": "Office", "sla_hours": 16, "warn_before_hours": 2, "escalation_to": "user:dora",
             "calendar": {"zone": "Europe/Berlin", "working_hours": {"MONDAY": ["09:00-17:00"], "FRIDAY": ["09:00-12:00", "13:00-24:00"]},
                          "holidays": {"2026-12-24": "Christmas Eve"}, "yearly_holidays": {"12-25": "Christmas"}}}""", """
            {"name": "Night shift", "sla": "PT4H", "warning_enabled": false, "levels": [{"target": "ops", "after_hours": 1.5}],
             "sla_hours_by_priority": {"P1": 1, "P3": 48}, "calendar": {"zone": "UTC", "twenty_four_seven": true}}""");

    @Property(tries = 1500)
    void any_json_tree_reads_as_a_valid_policy_or_fails_as_documented(@ForAll("trees") JsonNode tree) {
        readAllWays(tree.toString());
    }

    @Property(tries = 1500)
    void any_mutation_of_a_valid_definition_reads_as_a_valid_policy_or_fails_as_documented(
            @ForAll("mutations") JsonNode tree) {
        readAllWays(tree.toString());
    }

    @Property(tries = 500)
    void malformed_text_fails_as_documented(@ForAll("malformed") String text) {
        readAllWays(text);
    }

    @Property(tries = 20)
    void the_valid_definitions_read_as_policies(@ForAll("valid") String json) throws Exception {
        assertThat(MAPPER.readValue(json, PolicyDefinition.class).toPolicy()).isNotNull();
    }

    @Property(tries = 40)
    void a_policy_round_trips_through_its_json_whatever_a_change_does_to_its_open_tasks(
            @ForAll("valid") String json, @ForAll PolicyChange onChange) throws Exception {
        SlaPolicy policy = MAPPER.readValue(json, SlaPolicy.class).toBuilder()
                .onChange(onChange)
                .build();

        SlaPolicy read = MAPPER.readValue(MAPPER.writeValueAsString(policy), SlaPolicy.class);

        assertThat(read).isEqualTo(policy);
        assertThat(read.onChange()).isEqualTo(onChange);
        assertThat(read.version()).isEqualTo(policy.version());
    }

    /** A documented message: a JSON path, then one of the rules, then the value as written where there is one. */
    private static final Pattern DOCUMENTED = Pattern.compile(
            "\\$(?:\\[\\d+]|\\.[A-Za-z_][A-Za-z0-9_]*|\\['(?:[^'\\\\]|\\\\.)*'])*: (?:"
                    + Arrays.stream(JsonRule.values())
                            .map(rule -> Arrays.stream(rule.text().split("%s", -1))
                                    .map(Pattern::quote)
                                    .collect(Collectors.joining(".+")))
                            .collect(Collectors.joining("|"))
                    + ")(?:, but was .+)?",
            Pattern.DOTALL);

    /** Reads the text as a definition, as a policy, and as an array of definitions into a registry. */
    private static void readAllWays(String json) {
        outcome(
                json,
                () -> writtenBackEqually(MAPPER.readValue(json, PolicyDefinition.class))
                        .toPolicy());
        outcome(json, () -> MAPPER.readValue(json, SlaPolicy.class));
        outcome(
                "[" + json + "]",
                () -> PolicyRegistry.builder()
                        .define(MAPPER.readValue("[" + json + "]", PolicyDefinition[].class))
                        .build());
    }

    /** What the reader accepts, it writes back exactly: reading the output gives an equal definition. */
    private static PolicyDefinition writtenBackEqually(PolicyDefinition definition) throws JsonProcessingException {
        String written = MAPPER.writeValueAsString(definition);
        assertThat(MAPPER.readValue(written, PolicyDefinition.class))
                .as("%s read back", written)
                .isEqualTo(definition);
        return definition;
    }

    private static void outcome(String json, Callable<?> read) {
        Object result;
        try {
            result = read.call();
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause == null || cause instanceof JsonProcessingException) {
                assertThat(e.getOriginalMessage())
                        .as("Jackson's message for %s", json)
                        .isNotBlank();
            } else {
                assertDocumented(cause, json);
            }
            return;
        } catch (Exception e) {
            assertDocumented(e, json);
            return;
        }
        if (result instanceof SlaPolicy policy) {
            assertThat(policy.toDefinition().toPolicy())
                    .as("the round trip of %s", json)
                    .isEqualTo(policy);
            assertThat(policy.toString()).isNotBlank();
        }
    }

    private static void assertDocumented(Throwable failure, String json) {
        if (!(failure instanceof InvalidPolicyException)) {
            throw new AssertionError("undocumented " + failure + " for " + json, failure);
        }
        assertThat(failure.getMessage()).as("the message for %s", json).matches(DOCUMENTED);
    }

    @Provide
    Arbitrary<String> valid() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return object(3);
    }

    @Provide
    Arbitrary<JsonNode> mutations() {
        return Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(1, 4), Arbitraries.longs())
                .as((json, count, seed) -> mutate(parse(json), count, new java.util.Random(seed)));
    }

    @Provide
    Arbitrary<String> malformed() {
        return Combinators.combine(
                        Arbitraries.of(VALID),
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.strings().ofMaxLength(3))
                .as((json, at, splice) -> {
                    int cut = Math.min(at, json.length());
                    return json.substring(0, cut)
                            + splice
                            + json.substring(Math.min(json.length(), cut + splice.length() % 2));
                });
    }

    private JsonNode mutate(JsonNode node, int count, java.util.Random random) {
        for (int i = 0; i < count; i++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(node, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            String field = !names.isEmpty() && random.nextBoolean()
                    ? names.get(random.nextInt(names.size()))
                    : FIELDS.get(random.nextInt(FIELDS.size()));
            switch (random.nextInt(3)) {
                case 0 -> target.remove(field);
                default -> target.set(field, value(random, 2));
            }
        }
        return node;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectObjects(it.next(), into);
        }
    }

    /** A random JSON value, leaning to the values that policies are made of. */
    private JsonNode value(java.util.Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 12 : 9);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 ->
                NODES.numberNode(List.of(0, -1, 1, 2, 24, Integer.MAX_VALUE, Integer.MIN_VALUE)
                        .get(random.nextInt(7)));
            case 3 ->
                NODES.numberNode(List.of(0.0, -0.5, 0.5, 1.0, 1e300, -1e300, 1e-300, 999999.99, 2.5e15, 0.999999999999)
                        .get(random.nextInt(10)));
            case 4 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5, 6 ->
                NODES.textNode(pick(
                        random,
                        "PT24H",
                        "PT0S",
                        "-PT1H",
                        "P1D",
                        "PT2562047788015215H",
                        "P106751991167300D",
                        "PT0.000000001S",
                        "role:boss",
                        "user:",
                        "user:carol",
                        "boss",
                        "group:x",
                        "",
                        " ",
                        "UTC",
                        "Europe/Berlin",
                        "Mars/Olympus",
                        "MONDAY",
                        "09:00-17:00",
                        "17:00-09:00",
                        "00:00-24:00",
                        "2026-02-30",
                        "12-25",
                        "13-45",
                        "P1",
                        "replan",
                        "pin",
                        "PIN",
                        "x"));
            case 7 -> NODES.textNode(Long.toString(random.nextLong(), 36));
            case 8 -> NODES.numberNode(random.nextLong());
            case 9 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(FIELDS.get(random.nextInt(FIELDS.size())), value(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static String pick(java.util.Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private Arbitrary<JsonNode> object(int depth) {
        return Arbitraries.longs().map(seed -> {
            java.util.Random random = new java.util.Random(seed);
            ObjectNode object = NODES.objectNode();
            for (int i = random.nextInt(8); i > 0; i--) {
                object.set(FIELDS.get(random.nextInt(FIELDS.size())), value(random, depth));
            }
            return object;
        });
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
