package dev.escalation.jdbc;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the library's tables live: an optional database schema and a prefix for the table and
 * index names ({@code <prefix>task}, {@code <prefix>audit}, {@code <prefix>outbox}).
 *
 * <p>Both are spliced into SQL text, so both must be plain lower-case SQL identifiers: a letter,
 * then letters, digits or underscores ({@code [a-z][a-z0-9_]*}), the prefix at most
 * {@value #MAX_PREFIX_LENGTH} and the schema at most {@value #MAX_SCHEMA_LENGTH} characters. Anything
 * else is rejected with an {@link IllegalArgumentException} naming the field and the value; no other
 * identifier and no value ever reaches SQL text (values are bound parameters).
 *
 * <pre>{@code
 * SchemaOptions.defaults();                                  // escalation_task, ... in the connection's schema
 * SchemaOptions.defaults().withTablePrefix("wf_").withSchema("approvals");   // approvals.wf_task, ...
 * }</pre>
 *
 * @param schema      the schema that holds the tables; empty for the connection's current schema
 * @param tablePrefix the prefix of every table and index name
 */
public record SchemaOptions(Optional<String> schema, String tablePrefix) {

    /** The prefix when none is set. */
    public static final String DEFAULT_TABLE_PREFIX = "escalation_";
    /** Longest table prefix: keeps {@code <prefix>outbox_pending} within PostgreSQL's 63-character names. */
    public static final int MAX_PREFIX_LENGTH = 40;
    /** Longest schema name: PostgreSQL's identifier limit. */
    public static final int MAX_SCHEMA_LENGTH = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * Validates the names.
     *
     * @param schema      the schema that holds the tables; empty for the connection's current schema
     * @param tablePrefix the prefix of every table and index name
     * @throws IllegalArgumentException when the schema or the prefix is not a plain identifier of the allowed length
     */
    public SchemaOptions {
        Objects.requireNonNull(schema, "schema");
        schema.ifPresent(s -> identifier("schema", s, MAX_SCHEMA_LENGTH));
        identifier("tablePrefix", tablePrefix, MAX_PREFIX_LENGTH);
    }

    /**
     * No schema, prefix {@value #DEFAULT_TABLE_PREFIX}.
     *
     * @return the default options
     */
    public static SchemaOptions defaults() {
        return new SchemaOptions(Optional.empty(), DEFAULT_TABLE_PREFIX);
    }

    /**
     * These options with another table prefix.
     *
     * @param value the table prefix
     * @return a copy of these options with that prefix
     */
    public SchemaOptions withTablePrefix(String value) {
        return new SchemaOptions(schema, value);
    }

    /**
     * These options with the tables in schema {@code value}.
     *
     * @param value the schema's name
     * @return a copy of these options with that schema
     */
    public SchemaOptions withSchema(String value) {
        return new SchemaOptions(Optional.of(identifier("schema", value, MAX_SCHEMA_LENGTH)), tablePrefix);
    }

    /**
     * The prefix as it stands before a table name in SQL: {@code schema.prefix} or just {@code prefix}.
     *
     * @return the qualified prefix
     */
    public String qualifiedPrefix() {
        return schema.map(s -> s + "." + tablePrefix).orElse(tablePrefix);
    }

    private static String identifier(String field, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.length() > maxLength || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a plain SQL identifier of at most " + maxLength
                    + " characters matching [a-z][a-z0-9_]*, but was '" + value + "'");
        }
        return value;
    }
}
