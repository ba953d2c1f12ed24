package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The hand-written JSON of attributes and details (issue #19: an import writes two per task) is the
 * text Jackson wrote before, so rows written before and after read alike and look alike.
 */
class JsonColumnsWritingTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void every_ascii_character_is_written_as_jackson_writes_it() throws Exception {
        for (char c = 0; c < 128; c++) {
            Map<String, String> values = Map.of("k" + c, "v" + c + "w");

            assertThat(JsonColumns.map(values)).as("character %d", (int) c).isEqualTo(jackson(values));
        }
    }

    @Test
    void non_ascii_text_is_written_as_is_as_jackson_writes_it() throws Exception {
        Map<String, String> values =
                Map.of("\u00e4rger", "\u20ac \ud834\udd1e \u2028 \u007f", "\u65e5\u672c", "", "empty-key-next", "x");

        assertThat(JsonColumns.map(values)).isEqualTo(jackson(values));
    }

    @Test
    void keys_are_written_in_order_whatever_the_maps_order() throws Exception {
        Map<String, String> values = new HashMap<>();
        List.of("zeta", "alpha", "Mu", "beta", "10", "9").forEach(key -> values.put(key, key.toUpperCase()));

        assertThat(JsonColumns.map(values)).isEqualTo(jackson(values)).startsWith("{\"10\":\"10\",\"9\":");
    }

    @Test
    void random_texts_are_written_as_jackson_writes_them_and_read_back_equal() throws Exception {
        Random random = new Random(19);
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> values = new HashMap<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                values.put(text(random), text(random));
            }

            String json = JsonColumns.map(values);

            assertThat(json).isEqualTo(jackson(values));
            assertThat(JsonColumns.map("details", json)).isEqualTo(values);
        }
    }

    @Test
    void an_empty_map_and_empty_holds_are_written_as_jackson_writes_them() throws Exception {
        assertThat(JsonColumns.map(Map.of())).isEqualTo(jackson(Map.of()));
        assertThat(JsonColumns.holds(List.of())).isEqualTo(JACKSON.writeValueAsString(List.of()));
    }

    private static String jackson(Map<String, String> values) throws Exception {
        return JACKSON.writeValueAsString(new TreeMap<>(values));
    }

    /** Up to 12 characters, mostly from the awkward ones: control, quote, backslash, non-ASCII, surrogate pairs. */
    private static String text(Random random) {
        String awkward = "\u0000\u0001\u001f\"\\/\b\f\n\r\t\u007f\u00e9\u20ac\u2028";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> text.append(awkward.charAt(random.nextInt(awkward.length())));
                case 1 -> text.appendCodePoint(0x1F600 + random.nextInt(64));
                default -> text.append((char) (' ' + random.nextInt(95)));
            }
        }
        return text.toString();
    }
}
