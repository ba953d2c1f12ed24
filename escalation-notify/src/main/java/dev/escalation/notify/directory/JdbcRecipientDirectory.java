package dev.escalation.notify.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.Require;
import dev.escalation.core.calendar.BusinessCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A recipient directory in a table of its own ({@code escalation_recipient}, see
 * {@link #createTable()}) or behind a query of the host's over its own user table. Plain JDBC on a
 * {@link DataSource}; runs on PostgreSQL and H2. Thread-safe.
 *
 * <p>A host query selects, for one {@code ?} parameter (the user id), the columns id, email,
 * webhook URL, locale (a BCP 47 tag such as {@code de-CH}), time zone (an IANA id) and working hours
 * (JSON as in {@code recipients.sql}, or NULL for Monday to Friday 09:00-17:00), in this order:
 *
 * <pre>{@code
 * RecipientDirectory users = JdbcRecipientDirectory.query(dataSource,
 *         "SELECT login, mail, NULL, lang, tz, NULL FROM app_user WHERE login = ?");
 * }</pre>
 */
public final class JdbcRecipientDirectory implements RecipientDirectory {

    private static final String TABLE_QUERY = "SELECT id, email, webhook_url, locale, time_zone, working_hours"
            + " FROM escalation_recipient WHERE id = ?";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final String query;

    private JdbcRecipientDirectory(DataSource dataSource, String query) {
        this.dataSource = Require.present("dataSource", dataSource);
        this.query = Require.text("query", query);
    }

    /**
     * The directory in the {@code escalation_recipient} table.
     *
     * @param dataSource where the table is
     * @return the directory
     * @throws IllegalArgumentException if {@code dataSource} is null
     */
    public static JdbcRecipientDirectory table(DataSource dataSource) {
        return new JdbcRecipientDirectory(dataSource, TABLE_QUERY);
    }

    /**
     * The directory behind a host query, see the class comment for its columns.
     *
     * @param dataSource where the host's table is
     * @param query the query, with one {@code ?} for the user id
     * @return the directory
     * @throws IllegalArgumentException if the data source is null or the query has not exactly one {@code ?}
     */
    public static JdbcRecipientDirectory query(DataSource dataSource, String query) {
        Require.text("query", query);
        if (query.chars().filter(c -> c == '?').count() != 1) {
            throw new IllegalArgumentException(
                    "query must have exactly one ? parameter for the user id but was: " + query);
        }
        return new JdbcRecipientDirectory(dataSource, query);
    }

    /**
     * Creates the {@code escalation_recipient} table if it does not exist, with the DDL of
     * {@code dev/escalation/notify/directory/recipients.sql} (the same for PostgreSQL and H2; hosts
     * that migrate with Flyway or Liquibase copy it into their own migrations).
     *
     * @throws SQLException when the statement fails
     */
    public void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(ddl());
        }
    }

    /**
     * Adds a recipient to the {@code escalation_recipient} table, or replaces the one with its id.
     *
     * @param recipient the recipient
     * @throws SQLException when the statements fail
     * @throws IllegalArgumentException if {@code recipient} is null
     */
    public void put(Recipient recipient) throws SQLException {
        Require.present("recipient", recipient);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM escalation_recipient WHERE id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO escalation_recipient"
                                    + " (id, email, webhook_url, locale, time_zone, working_hours) VALUES (?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, recipient.id());
                delete.executeUpdate();
                insert.setString(1, recipient.id());
                insert.setString(2, recipient.email().orElse(null));
                insert.setString(3, recipient.webhook().map(URI::toString).orElse(null));
                insert.setString(4, recipient.locale().toLanguageTag());
                insert.setString(5, recipient.zone().getId());
                insert.setString(6, workingHoursJson(recipient.workingHours()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public Optional<Recipient> find(String userId) {
        Require.text("userId", userId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(userId, rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recipient " + userId + " could not be read: " + e.getMessage(), e);
        }
    }

    private static Recipient read(String userId, ResultSet rs) throws SQLException {
        String zoneId = rs.getString(5);
        ZoneId zone;
        try {
            zone = ZoneId.of(Require.text("time_zone", zoneId));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "time_zone of recipient " + userId + " must be an IANA zone id but was '" + zoneId + "'", e);
        }
        String localeTag = rs.getString(4);
        Locale locale = Locale.forLanguageTag(Require.text("locale", localeTag));
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("locale of recipient " + userId
                    + " must be a BCP 47 tag like en or de-CH but was '" + localeTag + "'");
        }
        String webhook = rs.getString(3);
        return new Recipient(
                rs.getString(1),
                Optional.ofNullable(rs.getString(2)),
                Optional.ofNullable(webhook).map(URI::create),
                locale,
                workingHours(userId, zone, rs.getString(6)));
    }

    private static BusinessCalendar workingHours(String userId, ZoneId zone, String json) {
        if (json == null || json.isBlank()) {
            return Recipient.officeHours(zone);
        }
        try {
            Map<String, Object> shape = new LinkedHashMap<>(JSON.readValue(json, new TypeReference<>() {}));
            shape.put("zone", zone.getId());
            return BusinessCalendar.fromJson(shape);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "working_hours of recipient " + userId + " must be JSON but was '" + json + "'", e);
        }
    }

    private static String workingHoursJson(BusinessCalendar calendar) {
        Map<String, Object> shape = JSON.convertValue(calendar, new TypeReference<>() {});
        shape.remove("zone");
        try {
            return JSON.writeValueAsString(shape);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("working hours could not be written as JSON", e);
        }
    }

    private static String ddl() {
        try (InputStream in = JdbcRecipientDirectory.class.getResourceAsStream("recipients.sql")) {
            if (in == null) {
                throw new IllegalStateException("recipients.sql is missing from the escalation-notify jar");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
