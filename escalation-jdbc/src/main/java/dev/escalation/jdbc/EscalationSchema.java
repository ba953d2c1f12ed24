package dev.escalation.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The library's tables: a task table, an append-only audit table with the heads of its hash chains,
 * and a notification outbox, with their indexes. The DDL ships once, as classpath resources with
 * {@code ${table_prefix}} and {@code ${index_prefix}} placeholders ({@link #placeholders}): one
 * folder of versioned files per dialect for Flyway ({@code db/escalation/postgresql/V1__escalation.sql},
 * {@code db/escalation/h2/V1__escalation.sql}; run them with a Flyway instance and a history table of
 * their own, beside the host's), and a Liquibase changelog that runs the same files
 * ({@code db/escalation/changelog.xml}). Hosts without a migration tool call {@link #create}.
 *
 * <pre>{@code
 * EscalationSchema.create(dataSource, SqlDialect.POSTGRESQL, SchemaOptions.defaults());
 * }</pre>
 */
public final class EscalationSchema {

    /** The placeholder that stands for the (optionally schema-qualified) table prefix in the shipped DDL. */
    public static final String TABLE_PREFIX = "table_prefix";
    /** The placeholder that stands for the prefix of index names in the shipped DDL. */
    public static final String INDEX_PREFIX = "index_prefix";

    private EscalationSchema() {}

    /**
     * Creates the schema (if one is named) and the tables, or brings tables that an earlier version
     * of this library created up to the current version. It records the versions it applied in a
     * table of its own, {@code <prefix>schema_version}; tables made before that table existed are
     * taken to be version 1. On PostgreSQL this is one transaction, and concurrent calls (several
     * nodes starting at once) wait for each other; H2 commits each DDL statement.
     *
     * <p>On {@link SqlDialect#CITUS} (run on the coordinator) it applies PostgreSQL's versions up to 8,
     * then {@code db/escalation/citus/V9__distribute_by_tenant.sql}, which re-keys the tables by tenant
     * and distributes them, then PostgreSQL's later versions; tables of an earlier PostgreSQL
     * installation are converted in place (see docs/scaling-out.md).
     *
     * <p>A host that installs the schema with Flyway or Liquibase lets that tool upgrade it too and
     * does not call this method: the tool's history and this method's table do not know of each other.
     *
     * @param dataSource where to create the tables
     * @param dialect    the database
     * @param options    the schema and the table prefix
     * @return whether any DDL ran (false when the tables were already at the current version)
     * @throws EscalationStoreException when a statement fails
     */
    public static boolean create(DataSource dataSource, SqlDialect dialect, SchemaOptions options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
        return new Transactions(dataSource)
                .inTransaction(
                        "creating the escalation schema", c -> new SchemaInstaller(c, dialect, options).install());
    }

    /**
     * The values of the DDL's placeholders for {@code dialect} and {@code options}, keyed by name:
     * {@value #TABLE_PREFIX} (the table prefix, schema-qualified if a schema is set) and
     * {@value #INDEX_PREFIX} (the prefix of index names: bare on PostgreSQL, qualified on H2). Hand
     * them to a migration tool that runs the shipped files:
     *
     * <pre>{@code
     * Flyway.configure().placeholders(EscalationSchema.placeholders(SqlDialect.POSTGRESQL, options))...
     * }</pre>
     *
     * @param dialect the database
     * @param options the schema and the table prefix
     * @return the placeholder values by name
     */
    public static Map<String, String> placeholders(SqlDialect dialect, SchemaOptions options) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
        Map<String, String> values = new LinkedHashMap<>();
        values.put(TABLE_PREFIX, options.qualifiedPrefix());
        values.put(INDEX_PREFIX, Dialect.of(dialect).indexPrefix(new Tables(options)));
        return Collections.unmodifiableMap(values);
    }

    /**
     * The DDL statements of every version for {@code dialect}, with the placeholders filled in from
     * {@code options}, in order: what makes an empty database current.
     *
     * @param dialect the database
     * @param options the schema and the table prefix
     * @return the statements
     */
    public static List<String> statements(SqlDialect dialect, SchemaOptions options) {
        List<String> statements = new ArrayList<>();
        for (SchemaVersions.Version version : SchemaVersions.of(dialect)) {
            statements.addAll(statements(dialect, options, version));
        }
        return statements;
    }

    /** The DDL statements of one version, placeholders filled in, comments removed, in order. */
    static List<String> statements(SqlDialect dialect, SchemaOptions options, SchemaVersions.Version version) {
        String ddl = resource(Dialect.of(dialect).ddlPath(version));
        for (Map.Entry<String, String> placeholder :
                placeholders(dialect, options).entrySet()) {
            ddl = ddl.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return split(withoutComments.toString());
    }

    /** Splits at semicolons, except inside a dollar-quoted body ({@code $$ ... $$}) of a PostgreSQL function. */
    private static List<String> split(String ddl) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean inBody = false;
        for (int i = 0; i < ddl.length(); i++) {
            char ch = ddl.charAt(i);
            if (ch == '$' && i + 1 < ddl.length() && ddl.charAt(i + 1) == '$') {
                inBody = !inBody;
                statement.append("$$");
                i++;
            } else if (ch == ';' && !inBody) {
                add(statements, statement);
            } else {
                statement.append(ch);
            }
        }
        add(statements, statement);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        if (!statement.toString().isBlank()) {
            statements.add(statement.toString().strip());
        }
        statement.setLength(0);
    }

    private static String resource(String name) {
        try (InputStream in = EscalationSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + name, e);
        }
    }
}
