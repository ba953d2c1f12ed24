package dev.escalation.core.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An instant as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in none, 3, 6 or
 * 9 digits), without its {@code DateTimeFormatter}: every opened task records its SLA start in the
 * audit details, and an import of a million tasks spent a second of its Java time formatting them.
 * Years 0000 to 9999 are written here; any other instant falls back to {@code toString()}, so the
 * text is the same for every instant.
 *
 * <p>Package-private on purpose, and kept identical to {@code dev.escalation.jdbc.InstantText}: core's
 * API packages may not depend on an internal package, nor another module use one (the architecture
 * rules), so the two copies share no code; {@code InstantTextContract} holds both to {@code toString()}.
 */
final class InstantText {

    /** The longest text written here: {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_LENGTH = 30;

    /** 0000-01-01T00:00:00Z, the first second written here. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    /** 10000-01-01T00:00:00Z, the first second that falls back. */
    private static final long AFTER_LAST_SECOND = 253_402_300_800L;

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01: the civil calendar below counts years from March. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468;

    private static final int DAYS_PER_400_YEARS = 146_097;

    private InstantText() {}

    /** The instant's text, the same as {@link Instant#toString()}. */
    static String format(Instant instant) {
        byte[] text = new byte[MAX_LENGTH];
        int end = write(instant.getEpochSecond(), instant.getNano(), text, 0);
        return end < 0 ? instant.toString() : new String(text, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the text of the instant {@code epochSecond} + {@code nano} as ASCII bytes into {@code into}
     * from {@code at}, which must have room for {@link #MAX_LENGTH} bytes.
     *
     * @return the index after the last byte written, or -1 (nothing written) for a year outside 0000 to
     *     9999, which the caller writes as {@link Instant#toString()} does
     */
    static int write(long epochSecond, int nano, byte[] into, int at) {
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
