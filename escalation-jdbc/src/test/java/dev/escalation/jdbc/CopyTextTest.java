package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** COPY's text format: no value can end its column or row, or read as NULL or as the end marker. */
class CopyTextTest {

    @Test
    void null_is_backslash_n_and_the_empty_string_stays_empty() {
        assertThat(text(null)).isEqualTo("\\N");
        assertThat(text("")).isEmpty();
    }

    @Test
    void backslash_newline_carriage_return_and_tab_are_escaped() {
        assertThat(text("a\\b\nc\rd\te")).isEqualTo("a\\\\b\\nc\\rd\\te");
    }

    @Test
    void the_text_backslash_n_is_not_null_and_backslash_dot_is_not_the_end_marker() {
        assertThat(text("\\N")).isEqualTo("\\\\N");
        assertThat(text("\\.")).isEqualTo("\\\\.");
    }

    @Test
    void quotes_json_and_unicode_go_as_they_are() {
        String value = "{\"a\": \"it's\"} \u00fc \uD83D\uDE00 \u0001";

        assertThat(text(value)).isEqualTo(value);
    }

    private static String text(String value) {
        StringBuilder row = new StringBuilder("x");
        CopyText.append(row, value);
        return row.substring(1);
    }
}
