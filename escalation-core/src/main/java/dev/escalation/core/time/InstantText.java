package dev.escalation.core.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * An instant's ISO-8601 text exactly as {@link Instant#toString()} writes it (UTC, the fraction in none,
 * 3, 6 or 9 digits), for code that writes many instants: {@code toString()} goes through a
 * {@code DateTimeFormatter}, and an import of a million tasks spent a second of its time there (its audit
 * details and their hashes carry each task's instants). Years 0000 to 9999 are written here; other
 * instants are {@code toString()}'s text as well, by way of it.
 *
 * <pre>{@code
 * InstantText.format(Instant.parse("2026-01-05T09:00:00.120Z"));   // "2026-01-05T09:00:00.120Z"
 * byte[] line = new byte[64];
 * int end = InstantText.write(clock.now(), line, 0);               // ASCII into line[0..end)
 * }</pre>
 */
public final class InstantText {

    /** The longest text of any instant: {@link Instant#MAX}'s, {@code +1000000000-12-31T23:59:59.999999999Z}. */
    public static final int MAX_LENGTH = 37;

    /** 0000-01-01T00:00:00Z, the first second written here. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    /** 10000-01-01T00:00:00Z, the first second that falls back. */
    private static final long AFTER_LAST_SECOND = 253_402_300_800L;

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01: the civil calendar below counts years from March. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468;

    private static final int DAYS_PER_400_YEARS = 146_097;

    /** The longest text of a year 0000 to 9999: {@code 9999-12-31T23:59:59.999999999Z}. */
    private static final int FAST_LENGTH = 30;

    private InstantText() {}

    /**
     * The instant's text.
     *
     * @param instant the instant
     * @return the same text as {@code instant.toString()}
     */
    public static String format(Instant instant) {
        byte[] text = new byte[FAST_LENGTH];
        int end = fast(instant.getEpochSecond(), instant.getNano(), text, 0);
        return end < 0 ? instant.toString() : new String(text, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the instant's text as ASCII bytes into {@code into} from {@code at}.
     *
     * @param instant the instant
     * @param into    where to write; from {@code at} it must have room for {@link #MAX_LENGTH} bytes
     * @param at      the index of the first byte to write
     * @return the index after the last byte written
     * @throws IndexOutOfBoundsException when {@code into} has not that room
     */
    public static int write(Instant instant, byte[] into, int at) {
        Objects.checkFromIndexSize(at, MAX_LENGTH, into.length);
        int end = fast(instant.getEpochSecond(), instant.getNano(), into, at);
        if (end >= 0) {
            return end;
        }
        byte[] text = instant.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, into, at, text.length);
        return at + text.length;
    }

    /**
     * Writes the text of a year 0000 to 9999 from {@code at}; -1, nothing written, for any other year.
     */
    private static int fast(long epochSecond, int nano, byte[] into, int at) {
        if (epochSecond < FIRST_SECOND || epochSecond >= AFTER_LAST_SECOND) {
            return -1;
        }
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // The proleptic Gregorian date of an epoch day, counting years from March so that a leap day is
        // the last of its year (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days).
        long shifted = day + DAYS_0000_03_01_TO_EPOCH;
        long era = Math.floorDiv(shifted, DAYS_PER_400_YEARS);
        int dayOfEra = (int) (shifted - era * DAYS_PER_400_YEARS);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = (int) (era * 400 + yearOfEra + (month <= 2 ? 1 : 0));

        int i = digits(year, 4, into, at);
        into[i++] = '-';
        i = digits(month, 2, into, i);
        into[i++] = '-';
        i = digits(dayOfMonth, 2, into, i);
        into[i++] = 'T';
        i = digits(secondOfDay / 3600, 2, into, i);
        into[i++] = ':';
        i = digits(secondOfDay / 60 % 60, 2, into, i);
        into[i++] = ':';
        i = digits(secondOfDay % 60, 2, into, i);
        if (nano > 0) {
            // As Instant.toString: the fewest groups of three digits that show the fraction exactly.
            into[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(nano / 1_000_000, 3, into, i);
            } else if (nano % 1000 == 0) {
                i = digits(nano / 1000, 6, into, i);
            } else {
                i = digits(nano, 9, into, i);
            }
        }
        into[i++] = 'Z';
        return i;
    }

    /** Writes the non-negative {@code value} as exactly {@code count} decimal digits, zero-padded. */
    private static int digits(int value, int count, byte[] into, int at) {
        for (int i = at + count - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }
}
