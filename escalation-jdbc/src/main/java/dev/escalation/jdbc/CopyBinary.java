package dev.escalation.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}, encoded into
 * a growing byte buffer that {@link CopyInserts} sends piece by piece: the {@code PGCOPY} header, then
 * per row the number of fields (int16) and per field its length (int32, -1 for SQL NULL) and its
 * bytes, then the trailer (int16 -1). All numbers big-endian. The server then reads each value with
 * its type's binary input function instead of parsing text: text as UTF-8 (the server checks the
 * encoding: a NUL is refused as it is in the text format), {@code int4}/{@code int8} as they are,
 * {@code timestamptz} as microseconds since 2000-01-01T00:00Z. A field must be of its column's type
 * exactly (no cast is applied), so each column says which kind it is ({@link ArrayInserts.Column}).
 */
final class CopyBinary {

    /** The signature {@code PGCOPY\n\377\r\n\0}, the flags (none) and the length of the header extension (none). */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    /** 2000-01-01T00:00Z, PostgreSQL's timestamp epoch, in microseconds after Java's. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800L * 1_000_000L;

    private byte[] bytes;
    private int size;

    /** An empty buffer of {@code capacity} bytes to start with; it grows for a row that does not fit. */
    CopyBinary(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** The bytes written since the last {@link #clear}: {@code bytes()[0..size())}. */
    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** The header, once before the first row. */
    void header() {
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, bytes, size, HEADER.length);
        size += HEADER.length;
    }

    /** Starts a row of {@code fields} fields, which follow. */
    void row(int fields) {
        ensure(2);
        putShort(fields);
    }

    /** The trailer, once after the last row. */
    void end() {
        ensure(2);
        putShort(-1);
    }

    /** A {@code text} field as UTF-8; null for NULL. */
    void text(String value) {
        if (value == null) {
            nul();
            return;
        }
        int length = value.length();
        ensure(4 + length);
        int start = size;
        size += 4;
        for (int i = 0; i < length; i++) {
            char ch = value.charAt(i);
            if (ch >= 0x80) {
                // Not ASCII: the JDK's encoder, as the text format's value.getBytes(UTF_8) did.
                size = start;
                utf8(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[size++] = (byte) ch;
        }
        int end = size;
        size = start;
        putInt(length);
        size = end;
    }

    /** An {@code int4} field; null for NULL. */
    void int4(Integer value) {
        if (value == null) {
            nul();
            return;
        }
        ensure(8);
        putInt(4);
        putInt(value);
    }

    /** An {@code int8} field; null for NULL. */
    void int8(Long value) {
        if (value == null) {
            nul();
            return;
        }
        ensure(12);
        putInt(8);
        putLong(value);
    }

    /**
     * A {@code timestamptz} field, truncated to the microsecond as every statement of the store binds
     * it ({@link Timestamps#truncate}: an earlier instant, never a later one); empty for NULL.
     */
    void timestamptz(Optional<Instant> value) {
        if (value.isEmpty()) {
            nul();
            return;
        }
        ensure(12);
        putInt(8);
        putLong(micros(value.get()) - POSTGRES_EPOCH_MICROS);
    }

    /** Microseconds since 1970-01-01T00:00Z, truncated towards the past (the nanoseconds are never negative). */
    private static long micros(Instant instant) {
        Instant truncated = Timestamps.truncate(instant);
        return Math.addExact(Math.multiplyExact(truncated.getEpochSecond(), 1_000_000L), truncated.getNano() / 1_000);
    }

    private void utf8(byte[] value) {
        ensure(4 + value.length);
        putInt(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    private void nul() {
        ensure(4);
        putInt(-1);
    }

    private void putShort(int value) {
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void putInt(int value) {
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
