package dev.escalation.jdbc;

import dev.escalation.jdbc.internal.Dialect;
import dev.escalation.jdbc.internal.Tables;
import dev.escalation.jdbc.internal.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The library's tables: a task table, an append-only audit table and a notification outbox, with
 * their indexes. The DDL ships as classpath resources, one per dialect, in the layout that Flyway and
 * Liquibase expect ({@code db/escalation/postgresql/V1__escalation.sql},
 * {@code db/escalation/h2/V1__escalation.sql}, with {@code ${table_prefix}} and {@code ${index_prefix}}
 * placeholders); hosts without a migration tool call {@link #create}.
 *
 * <pre>{@code
 * EscalationSchema.create(dataSource, SqlDialect.POSTGRESQL, SchemaOptions.defaults());
 * }</pre>
 */
public final class EscalationSchema {

    private EscalationSchema() {}

    /**
     * Creates the schema (if one is named) and the tables, unless the task table already exists.
     * On PostgreSQL this is one transaction; H2 commits each DDL statement.
     *
     * @param dataSource where to create the tables
     * @param dialect    the database
     * @param options    the schema and the table prefix
     * @return whether the tables were created (false when they were already there)
     * @throws EscalationStoreException when a statement fails
     */
    public static boolean create(DataSource dataSource, SqlDialect dialect, SchemaOptions options) {
        Objects.requireNonNull(dataSource, "dataSource");
        List<String> statements = statements(dialect, options);
        return new Transactions(dataSource).inTransaction("creating the escalation schema", c -> {
            if (exists(c.getMetaData(), c.getSchema(), options)) {
                return false;
            }
            try (Statement statement = c.createStatement()) {
                if (options.schema().isPresent()) {
                    statement.execute(
                            "CREATE SCHEMA IF NOT EXISTS " + options.schema().get());
                }
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return true;
        });
    }

    /**
     * The DDL statements for {@code dialect}, with the placeholders filled in from {@code options}, in order.
     *
     * @param dialect the database
     * @param options the schema and the table prefix
     * @return the statements
     */
    public static List<String> statements(SqlDialect dialect, SchemaOptions options) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
        Dialect d = Dialect.of(dialect);
        Tables tables = new Tables(options);
        String ddl = resource(d.ddlResource())
                .replace("${table_prefix}", options.qualifiedPrefix())
                .replace("${index_prefix}", d.indexPrefix(tables));
        StringBuilder withoutComments = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private static boolean exists(DatabaseMetaData meta, String currentSchema, SchemaOptions options)
            throws java.sql.SQLException {
        boolean upper = meta.storesUpperCaseIdentifiers();
        String schema = options.schema().orElse(currentSchema);
        String table = options.tablePrefix() + "task";
        try (ResultSet rs =
                meta.getTables(null, schema == null ? null : cased(schema, upper), cased(table, upper), null)) {
            return rs.next();
        }
    }

    private static String cased(String identifier, boolean upper) {
        return upper ? identifier.toUpperCase(Locale.ROOT) : identifier;
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
