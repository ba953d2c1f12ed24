package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The audit hash and the JSON columns depend on walking a map exactly as a TreeMap orders it. */
class KeyOrderTest {

    @Test
    void given_random_maps_of_0_to_20_keys_then_the_entries_come_in_the_order_of_a_tree_map() {
        Random random = new Random(19);
        for (int n = 0; n < 5_000; n++) {
            Map<String, String> values = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
            for (int i = random.nextInt(21); i > 0; i--) {
                values.put(key(random), "v" + i);
            }
            List<String> walked = new ArrayList<>();
            KeyOrder.forEach(values, (key, value) -> walked.add(key + "=" + value));

            List<String> expected = new ArrayList<>();
            new TreeMap<>(values).forEach((key, value) -> expected.add(key + "=" + value));
            assertThat(walked).isEqualTo(expected);
        }
    }

    @Test
    void given_an_immutable_map_of_four_details_then_they_come_in_key_order() {
        List<String> walked = new ArrayList<>();
        KeyOrder.forEach(
                Map.of("stage", "s", "workflowType", "w", "priority", "p", "slaStart", "t"),
                (key, value) -> walked.add(key));

        assertThat(walked).containsExactly("priority", "slaStart", "stage", "workflowType");
    }

    /** Short keys of letters in both cases, a BMP character above the surrogates and a supplementary one. */
    private static String key(Random random) {
        String alphabet = "aAbB_\ufb01\ud834\udd1e";
        StringBuilder key = new StringBuilder();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int at = random.nextInt(alphabet.length() - 1);
            key.append(alphabet.charAt(at) == '\ud834' ? "\ud834\udd1e" : String.valueOf(alphabet.charAt(at)));
        }
        return key.toString();
    }
}
