package dev.escalation.jdbc.testing;

import dev.escalation.jdbc.SchemaOptions;
import dev.escalation.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What {@code pg_dump -s} would say about the library's tables, read from the catalogs: each table
 * with its storage options, each column with its type, nullability, default and identity, each
 * index with its definition (partial predicates included) and each constraint. One sorted line per
 * fact, with the schema's name replaced by {@code <schema>}, so that two schemas made by different
 * tools compare equal exactly when their structure is the same. Tables other than the library's
 * (the host's, the migration tools' history) are left out.
 */
public final class SchemaSnapshot {

    // Each query takes the schema as its one parameter and returns the table name first.
    private static final Map<String, String> POSTGRES = Map.of(
            "table",
            "SELECT c.relname, array_to_string(c.reloptions, ',') FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'",
            "column",
            "SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length,"
                    + " numeric_precision, datetime_precision, is_nullable, column_default, is_identity,"
                    + " identity_generation FROM information_schema.columns WHERE table_schema = ?",
            "index",
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = ?",
            "constraint",
            "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid) FROM pg_constraint co"
                    + " JOIN pg_class cl ON cl.oid = co.conrelid"
                    + " JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ?");

    // H2 names the primary keys' constraints and indexes itself (CONSTRAINT_8, PRIMARY_KEY_8), after
    // the order of creation: they are left out, the constraint's type and columns are kept.
    private static final Map<String, String> H2 = Map.of(
            "table",
            "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?",
            "column",
            "SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
                    + " NUMERIC_PRECISION, DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY,"
                    + " IDENTITY_GENERATION FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?",
            "index",
            "SELECT i.TABLE_NAME, CASE WHEN i.INDEX_NAME LIKE 'PRIMARY_KEY_%' THEN 'PRIMARY_KEY' ELSE i.INDEX_NAME END,"
                    + " i.INDEX_TYPE_NAME, LISTAGG(c.COLUMN_NAME || ' ' || c.ORDERING_SPECIFICATION, ', ')"
                    + " WITHIN GROUP (ORDER BY c.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEXES i"
                    + " JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c ON c.INDEX_SCHEMA = i.INDEX_SCHEMA"
                    + " AND c.INDEX_NAME = i.INDEX_NAME AND c.TABLE_NAME = i.TABLE_NAME"
                    + " WHERE i.TABLE_SCHEMA = ? GROUP BY i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME",
            "constraint",
            "SELECT t.TABLE_NAME, t.CONSTRAINT_TYPE, LISTAGG(k.COLUMN_NAME, ', ')"
                    + " WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
                    + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                    + " AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                    + " WHERE t.TABLE_SCHEMA = ? GROUP BY t.TABLE_NAME, t.CONSTRAINT_NAME, t.CONSTRAINT_TYPE");

    private SchemaSnapshot() {}

    /** The structure of the library's tables under {@code options} in {@code source}, one sorted line per fact. */
    public static List<String> of(DataSource source, SqlDialect dialect, SchemaOptions options) throws SQLException {
        boolean h2 = dialect == SqlDialect.H2;
        List<String> lines = new ArrayList<>();
        try (Connection c = source.getConnection()) {
            String schema = options.schema().orElse(c.getSchema());
            String catalogSchema = h2 ? schema.toUpperCase(Locale.ROOT) : schema;
            String prefix = h2 ? options.tablePrefix().toUpperCase(Locale.ROOT) : options.tablePrefix();
            String history = h2 ? Migrations.HISTORY_TABLE.toUpperCase(Locale.ROOT) : Migrations.HISTORY_TABLE;
            // EscalationSchema.create's own record of the versions it applied, its Flyway history.
            String created = prefix + (h2 ? "SCHEMA_VERSION" : "schema_version");
            for (Map.Entry<String, String> query : (h2 ? H2 : POSTGRES).entrySet()) {
                try (PreparedStatement statement = c.prepareStatement(query.getValue())) {
                    statement.setString(1, catalogSchema);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            String table = rs.getString(1);
                            if (table.startsWith(prefix)
                                    && !table.equalsIgnoreCase(history)
                                    && !table.equals(created)) {
                                lines.add(line(query.getKey(), rs).replace(schema + ".", "<schema>."));
                            }
                        }
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static String line(String kind, ResultSet rs) throws SQLException {
        StringBuilder line = new StringBuilder(kind);
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            line.append(i == 1 ? " " : " | ").append(rs.getString(i));
        }
        return line.toString();
    }
}
