package dev.escalation.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads an instant option: an ISO-8601 instant ({@code 2026-01-05T09:00:00Z}) or a date
 * ({@code 2026-01-05}, its midnight UTC, as the report's periods start). A bad value is a usage error
 * that picocli prefixes with the option's name, so the message names both.
 */
final class Instants implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return value.contains("T")
                    ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an instant like 2026-01-05T09:00:00Z or a date like 2026-01-05");
        }
    }
}
