package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * COPY's binary format, byte for byte: each field its int32 length (-1 for NULL) and its value,
 * big-endian; text as UTF-8, instants as microseconds since 2000-01-01T00:00Z truncated as the store's
 * statements truncate them.
 */
class CopyBinaryTest {

    @Test
    void the_header_is_the_signature_with_no_flags_and_no_extension_and_the_trailer_is_minus_one() {
        assertThat(hex(CopyBinary::header)).isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000");
        assertThat(hex(CopyBinary::end)).isEqualTo("ffff");
    }

    @Test
    void a_row_starts_with_its_number_of_fields() {
        assertThat(hex(out -> out.row(31))).isEqualTo("001f");
    }

    @Test
    void null_of_every_kind_is_length_minus_one_without_bytes() {
        assertThat(hex(out -> out.text(null))).isEqualTo("ffffffff");
        assertThat(hex(out -> out.int4(null))).isEqualTo("ffffffff");
        assertThat(hex(out -> out.int8(null))).isEqualTo("ffffffff");
        assertThat(hex(out -> out.timestamptz(Optional.empty()))).isEqualTo("ffffffff");
    }

    @Test
    void the_empty_string_is_length_zero_not_null() {
        assertThat(hex(out -> out.text(""))).isEqualTo("00000000");
    }

    @Test
    void text_goes_as_it_is_tabs_newlines_backslashes_and_the_text_backslash_n_unescaped() {
        assertThat(hex(out -> out.text("a\tb\n\\N\r"))).isEqualTo("00000007" + "6109620a5c4e0d");
    }

    @Test
    void text_is_utf8_its_length_in_bytes_including_astral_characters() {
        // ü (2 bytes), 中 (3 bytes), 😀 (a surrogate pair in Java, 4 bytes in UTF-8).
        assertThat(hex(out -> out.text("\u00fc\u4e2d\uD83D\uDE00")))
                .isEqualTo("00000009" + "c3bc" + "e4b8ad" + "f09f9880");
    }

    @Test
    void text_that_turns_non_ascii_midway_is_encoded_whole() {
        assertThat(hex(out -> out.text("ab\u00e9"))).isEqualTo("00000004" + "6162c3a9");
    }

    @Test
    void int4_and_int8_are_big_endian_twos_complement() {
        assertThat(hex(out -> out.int4(-2))).isEqualTo("00000004" + "fffffffe");
        assertThat(hex(out -> out.int4(0x01020304))).isEqualTo("00000004" + "01020304");
        assertThat(hex(out -> out.int8(0x0102030405060708L))).isEqualTo("00000008" + "0102030405060708");
        assertThat(hex(out -> out.int8(Long.MIN_VALUE))).isEqualTo("00000008" + "8000000000000000");
    }

    @Test
    void an_instant_is_microseconds_since_2000() {
        assertThat(timestamp("2000-01-01T00:00:00Z")).isZero();
        assertThat(timestamp("2000-01-01T00:00:00.000001Z")).isEqualTo(1);
        assertThat(timestamp("1970-01-01T00:00:00Z")).isEqualTo(-946_684_800_000_000L);
        assertThat(timestamp("9999-12-31T23:59:59.999999Z")).isEqualTo(252_455_615_999_999_999L);
        assertThat(timestamp("0001-01-01T00:00:00Z")).isEqualTo(-63_082_281_600_000_000L);
    }

    @Test
    void nanoseconds_are_truncated_towards_the_past_as_the_store_truncates_every_instant() {
        assertThat(timestamp("2026-01-05T09:00:00.123456999Z")).isEqualTo(timestamp("2026-01-05T09:00:00.123456Z"));
        // Before 1970 the epoch second is negative and the nanoseconds positive: still the earlier microsecond.
        assertThat(timestamp("1969-12-31T23:59:59.999999999Z")).isEqualTo(-946_684_800_000_001L);
        assertThat(timestamp("1999-12-31T23:59:59.9999995Z")).isEqualTo(-1);
    }

    @Test
    void an_instant_field_is_eight_bytes_big_endian() {
        assertThat(hex(out -> out.timestamptz(Optional.of(Instant.parse("1970-01-01T00:00:00Z")))))
                .isEqualTo("00000008" + "fffca2fec4c82000");
    }

    @Test
    void a_value_larger_than_the_buffer_grows_it_and_keeps_what_was_written() {
        CopyBinary out = new CopyBinary(4);
        out.int4(7);
        String large = "x".repeat(100_000);

        out.text(large);

        byte[] written = Arrays.copyOf(out.bytes(), out.size());
        assertThat(written).hasSize(8 + 4 + 100_000);
        assertThat(HexFormat.of().formatHex(written, 0, 12)).isEqualTo("00000004" + "00000007" + "000186a0");
    }

    @Test
    void clear_starts_the_next_piece_empty() {
        CopyBinary out = new CopyBinary(16);
        out.int8(1L);

        out.clear();
        out.int4(1);

        assertThat(HexFormat.of().formatHex(out.bytes(), 0, out.size())).isEqualTo("00000004" + "00000001");
    }

    private static long timestamp(String instant) {
        byte[] field = bytes(out -> out.timestamptz(Optional.of(Instant.parse(instant))));
        assertThat(field).hasSize(12);
        long micros = 0;
        for (int i = 4; i < 12; i++) {
            micros = (micros << 8) | (field[i] & 0xff);
        }
        return micros;
    }

    private static String hex(Consumer<CopyBinary> write) {
        return HexFormat.of().formatHex(bytes(write));
    }

    private static byte[] bytes(Consumer<CopyBinary> write) {
        CopyBinary out = new CopyBinary(2);
        write.accept(out);
        return Arrays.copyOf(out.bytes(), out.size());
    }
}
