package dev.escalation.jdbc;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the library's tables live: an optional database schema and a prefix for the table and
 * index names ({@code <prefix>task}, {@code <prefix>audit}, {@code <prefix>outbox}).
 *
 * <p>Both are spliced into SQL text, so both must be plain lower-case SQL identifiers: a letter,
 * then letters, digits or underscores ({@code [a-z][a-z0-9_]*}), the prefix at most
 * {@value #MAX_PREFIX_LENGTH} and the schema at most {@value #MAX_SCHEMA_LENGTH} characters, and the schema
 * none of the {@link #RESERVED_WORDS} of PostgreSQL and H2. Anything
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
    /**
     * Longest table prefix: keeps the longest derived name, {@code <prefix>audit_chain_pkey} (the primary
     * key PostgreSQL names itself), within PostgreSQL's 63-byte names, which it would silently truncate.
     */
    public static final int MAX_PREFIX_LENGTH = 40;
    /** Longest schema name: PostgreSQL's identifier limit. */
    public static final int MAX_SCHEMA_LENGTH = 63;

    /**
     * The words that PostgreSQL (its "reserved" keywords, also those allowed as function or type names)
     * or H2 (its keywords) do not accept as an unquoted identifier: a schema so named fails the DDL with
     * a syntax error. A prefix is never used alone (tables are {@code <prefix>task}, ...), so it may be one.
     */
    public static final Set<String> RESERVED_WORDS = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "authorization",
            "between",
            "binary",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "collation",
            "column",
            "concurrently",
            "constraint",
            "create",
            "cross",
            "current_catalog",
            "current_date",
            "current_path",
            "current_role",
            "current_schema",
            "current_time",
            "current_timestamp",
            "current_user",
            "day",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "exists",
            "false",
            "fetch",
            "for",
            "foreign",
            "freeze",
            "from",
            "full",
            "grant",
            "group",
            "groups",
            "having",
            "hour",
            "if",
            "ilike",
            "in",
            "initially",
            "inner",
            "intersect",
            "interval",
            "into",
            "is",
            "isnull",
            "join",
            "key",
            "lateral",
            "leading",
            "left",
            "like",
            "limit",
            "localtime",
            "localtimestamp",
            "minus",
            "minute",
            "month",
            "natural",
            "not",
            "notnull",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "outer",
            "over",
            "overlaps",
            "partition",
            "placing",
            "primary",
            "qualify",
            "range",
            "references",
            "regexp",
            "returning",
            "right",
            "row",
            "rownum",
            "rows",
            "second",
            "select",
            "session_user",
            "set",
            "similar",
            "some",
            "symmetric",
            "system_user",
            "table",
            "tablesample",
            "then",
            "to",
            "top",
            "trailing",
            "true",
            "uescape",
            "union",
            "unique",
            "unknown",
            "user",
            "using",
            "value",
            "values",
            "variadic",
            "verbose",
            "when",
            "where",
            "window",
            "with",
            "year");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * Validates the names.
     *
     * @param schema      the schema that holds the tables; empty for the connection's current schema
     * @param tablePrefix the prefix of every table and index name
     * @throws IllegalArgumentException when the schema or the prefix is not a plain identifier of the allowed
     *     length, or the schema is a reserved word
     */
    public SchemaOptions {
        Objects.requireNonNull(schema, "schema");
        schema.ifPresent(SchemaOptions::schemaName);
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
        return new SchemaOptions(Optional.of(schemaName(value)), tablePrefix);
    }

    /**
     * The prefix as it stands before a table name in SQL: {@code schema.prefix} or just {@code prefix}.
     *
     * @return the qualified prefix
     */
    public String qualifiedPrefix() {
        return schema.map(s -> s + "." + tablePrefix).orElse(tablePrefix);
    }

    private static String schemaName(String value) {
        identifier("schema", value, MAX_SCHEMA_LENGTH);
        if (RESERVED_WORDS.contains(value)) {
            throw new IllegalArgumentException(
                    "schema must not be an SQL reserved word of PostgreSQL or H2, but was '" + value + "'");
        }
        return value;
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
