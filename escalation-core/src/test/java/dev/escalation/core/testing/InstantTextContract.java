package dev.escalation.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The specification of the hand-written instant text of core and of escalation-jdbc (each has its
 * package-private {@code InstantText}): exactly {@link Instant#toString()}, for every instant. The
 * text is stored in audit details and covered by the audit hash, so a single differing character
 * would change stored data. A module's test extends this with its own copy.
 */
public abstract class InstantTextContract {

    private static final long SECONDS_PER_YEAR = 31_556_952L;
    private static final long SECONDS_OVER_20_000_YEARS = 20_000 * SECONDS_PER_YEAR;
    private static final long RANDOM_INSTANTS = 200_000;

    /** The text of {@code instant} as the copy under test writes it. */
    protected abstract String format(Instant instant);

    /** The copy's {@code write}: ASCII bytes into {@code into} from {@code at}; the end, or -1 to fall back. */
    protected abstract int write(long epochSecond, int nano, byte[] into, int at);

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
        edges.forEach(this::assertSameText);
    }

    @Test
    void given_an_offset_into_a_buffer_then_only_the_text_is_written_and_its_end_returned() {
        byte[] buffer = new byte[40];
        Arrays.fill(buffer, (byte) '#');
        Instant instant = Instant.parse("2026-12-07T10:15:30.123456Z");

        int end = write(instant.getEpochSecond(), instant.getNano(), buffer, 5);

        assertThat(end).isEqualTo(5 + "2026-12-07T10:15:30.123456Z".length());
        assertThat(new String(buffer, StandardCharsets.ISO_8859_1))
                .isEqualTo("#####2026-12-07T10:15:30.123456Z" + "#".repeat(40 - end));
    }

    @Test
    void given_a_year_outside_0000_to_9999_then_write_leaves_it_to_toString() {
        byte[] buffer = new byte[40];
        Arrays.fill(buffer, (byte) '#');

        assertThat(write(Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond(), 0, buffer, 0))
                .isEqualTo(-1);
        assertThat(write(Instant.parse("-0001-12-31T23:59:59Z").getEpochSecond(), 0, buffer, 0))
                .isEqualTo(-1);
        assertThat(new String(buffer, StandardCharsets.ISO_8859_1)).isEqualTo("#".repeat(40));
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

    private void assertSameText(Instant instant) {
        String expected = instant.toString();
        String actual = format(instant);
        if (!expected.equals(actual)) {
            assertThat(actual)
                    .as("the text of %d s %d ns", instant.getEpochSecond(), instant.getNano())
                    .isEqualTo(expected);
        }
    }
}
