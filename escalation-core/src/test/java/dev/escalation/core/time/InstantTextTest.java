package dev.escalation.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link InstantText} writes exactly {@link Instant#toString()}'s text, for every instant: the text is
 * stored in audit details and covered by the audit hash, so a single differing character would change
 * stored data.
 */
class InstantTextTest {
    private static final long SECONDS_PER_YEAR = 31_556_952L;
    private static final long SECONDS_OVER_20_000_YEARS = 20_000 * SECONDS_PER_YEAR;
    private static final long RANDOM_INSTANTS = 200_000;

    @Test
    void given_random_instants_over_20_000_years_either_side_of_the_epoch_then_the_text_is_that_of_toString() {
        Random random = new Random(19);
        for (int n = 0; n < RANDOM_INSTANTS; n++) {
            long second =
                    Math.floorMod(random.nextLong(), 2 * SECONDS_OVER_20_000_YEARS + 1) - SECONDS_OVER_20_000_YEARS;
            assertSameText(Instant.ofEpochSecond(second, nano(random)));
        }
    }

    @Test
    void given_random_instants_of_years_0000_to_9999_then_the_text_is_that_of_toString() {
        Random random = new Random(1_9);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long afterLast = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int n = 0; n < RANDOM_INSTANTS; n++) {
            long second = first + Math.floorMod(random.nextLong(), afterLast - first);
            assertSameText(Instant.ofEpochSecond(second, nano(random)));
        }
    }

    @Test
    void given_the_edges_of_the_time_line_and_of_the_calendar_then_the_text_is_that_of_toString() {
        List<Instant> edges = new ArrayList<>(List.of(
                Instant.MIN,
                Instant.MAX,
                Instant.EPOCH,
                Instant.EPOCH.minusNanos(1),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("0000-02-29T12:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"),
                Instant.parse("-9999-01-01T00:00:00Z"),
                Instant.parse("-10000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00.000001Z"),
                Instant.parse("1900-02-28T23:59:59Z"),
                Instant.parse("1900-03-01T00:00:00Z"),
                Instant.parse("2000-02-29T00:00:00.100Z"),
                Instant.parse("2100-03-01T00:00:00.000100Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z")));
        for (int year : new int[] {0, 1, 4, 99, 100, 400, 999, 1000, 1582, 1970, 2026, 9999}) {
            for (String monthDay :
                    new String[] {"-01-01T00:00:00Z", "-02-28T23:59:00Z", "-03-01T00:00:01Z", "-12-31T23:59:59Z"}) {
                edges.add(Instant.parse(String.format("%04d", year) + monthDay));
            }
        }
        edges.forEach(InstantTextTest::assertSameText);
    }

    @Test
    void given_an_offset_into_a_buffer_then_only_the_text_is_written_and_its_end_returned() {
        byte[] buffer = new byte[50];
        Arrays.fill(buffer, (byte) '#');
        Instant instant = Instant.parse("2026-12-07T10:15:30.123456Z");

        int end = InstantText.write(instant, buffer, 5);

        assertThat(end).isEqualTo(5 + "2026-12-07T10:15:30.123456Z".length());
        assertThat(new String(buffer, StandardCharsets.ISO_8859_1))
                .isEqualTo("#####2026-12-07T10:15:30.123456Z" + "#".repeat(50 - end));
    }

    @Test
    void given_a_year_outside_0000_to_9999_then_write_writes_the_text_of_toString() {
        for (Instant instant :
                List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.MAX)) {
            byte[] buffer = new byte[InstantText.MAX_LENGTH + 2];
            Arrays.fill(buffer, (byte) '#');

            int end = InstantText.write(instant, buffer, 2);

            assertThat(new String(buffer, 2, end - 2, StandardCharsets.ISO_8859_1))
                    .isEqualTo(instant.toString());
        }
    }

    @Test
    void given_a_buffer_without_room_for_the_longest_text_then_write_refuses_it() {
        assertThatThrownBy(() -> InstantText.write(Instant.EPOCH, new byte[InstantText.MAX_LENGTH], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Nanoseconds with 0, 3, 6 or 9 significant digits (and sometimes fewer), evenly. */
    private static int nano(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    private static void assertSameText(Instant instant) {
        String expected = instant.toString();
        String actual = InstantText.format(instant);
        byte[] written = new byte[InstantText.MAX_LENGTH];
        String writtenText =
                new String(written, 0, InstantText.write(instant, written, 0), StandardCharsets.ISO_8859_1);
        if (!expected.equals(writtenText)) {
            assertThat(writtenText)
                    .as("the bytes written for %d s %d ns", instant.getEpochSecond(), instant.getNano())
                    .isEqualTo(expected);
        }
        if (!expected.equals(actual)) {
            assertThat(actual)
                    .as("the text of %d s %d ns", instant.getEpochSecond(), instant.getNano())
                    .isEqualTo(expected);
        }
    }
}
