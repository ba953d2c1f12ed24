package dev.escalation.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns as UTC {@link OffsetDateTime}s,
 * so neither the JVM's nor the session's time zone matters, truncated to the microseconds that
 * both databases keep (PostgreSQL would round, which could make a due task look not yet due).
 *
 */
final class Timestamps {

    /**
     * A lower bound below every instant the library stores. Range conditions on a nullable indexed
     * column carry it: H2 sorts NULLs first in an index and would otherwise walk every NULL entry
     * (every finished task) before the first due one; PostgreSQL's partial indexes hold no NULLs anyway.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private Timestamps() {}

    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static void bind(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC));
        }
    }

    public static void bind(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        bind(ps, index, instant.orElse(null));
    }

    public static Optional<Instant> read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    public static Instant required(ResultSet rs, String column) throws SQLException {
        return read(rs, column).orElseThrow(() -> new IllegalArgumentException(column + " must not be null"));
    }
}
