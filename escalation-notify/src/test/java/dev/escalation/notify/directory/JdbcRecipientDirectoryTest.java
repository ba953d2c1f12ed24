package dev.escalation.notify.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.calendar.BusinessCalendar;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The JDBC directory on a real PostgreSQL (embedded) and a real H2: the same behaviours on both. */
class JdbcRecipientDirectoryTest {

    private static EmbeddedPostgres postgres;

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("timezone", "Pacific/Chatham")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return postgres.getPostgresDatabase();
    }

    @Nested
    class OnPostgres extends Behaviour {
        @Override
        DataSource dataSource() throws SQLException {
            DataSource ds = postgres();
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS escalation_recipient");
                s.execute("DROP TABLE IF EXISTS app_user");
            }
            return ds;
        }
    }

    @Nested
    class OnH2 extends Behaviour {
        @Override
        DataSource dataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    abstract static class Behaviour {

        private DataSource dataSource;
        private JdbcRecipientDirectory directory;

        abstract DataSource dataSource() throws SQLException;

        @BeforeEach
        void createTable() throws SQLException {
            dataSource = dataSource();
            directory = JdbcRecipientDirectory.table(dataSource);
            directory.createTable();
        }

        @Test
        void a_stored_recipient_is_found_with_address_webhook_locale_zone_and_working_hours() throws SQLException {
            BusinessCalendar hours = BusinessCalendar.builder(ZoneId.of("Asia/Kolkata"))
                    .workingHours(DayOfWeek.MONDAY, LocalTime.of(10, 0), LocalTime.of(18, 30))
                    .holiday(LocalDate.parse("2026-12-25"), "Christmas Day")
                    .build();
            Recipient ravi = Recipient.withEmail(
                            "ravi", "ravi@example.in", Locale.forLanguageTag("en-IN"), ZoneId.of("Asia/Kolkata"))
                    .withWebhook(URI.create("https://hooks.example.com/ravi"))
                    .withWorkingHours(hours);

            directory.put(ravi);

            assertThat(directory.find("ravi")).contains(ravi);
        }

        @Test
        void put_replaces_the_recipient_with_the_same_id() throws SQLException {
            directory.put(Recipient.withEmail("lena", "old@example.com", Locale.ENGLISH, ZoneId.of("UTC")));
            Recipient moved =
                    Recipient.withEmail("lena", "lena@example.com", Locale.GERMAN, ZoneId.of("Europe/Berlin"));

            directory.put(moved);

            assertThat(directory.find("lena")).contains(moved);
        }

        @Test
        void an_unknown_user_is_not_found() {
            assertThat(directory.find("ghost")).isEmpty();
        }

        @Test
        void a_row_without_working_hours_works_monday_to_friday_nine_to_five_in_its_zone() throws SQLException {
            execute("INSERT INTO escalation_recipient (id, email, locale, time_zone)"
                    + " VALUES ('kim', 'kim@example.com', 'de-CH', 'Europe/Zurich')");

            Recipient kim = directory.find("kim").orElseThrow();

            assertThat(kim.locale()).isEqualTo(Locale.forLanguageTag("de-CH"));
            assertThat(kim.webhook()).isEmpty();
            assertThat(kim.workingHours()).isEqualTo(Recipient.officeHours(ZoneId.of("Europe/Zurich")));
        }

        @Test
        void a_host_query_over_its_own_user_table_finds_recipients() throws SQLException {
            execute("CREATE TABLE app_user (login VARCHAR(50) PRIMARY KEY, mail VARCHAR(100), lang VARCHAR(10),"
                    + " tz VARCHAR(50))");
            execute("INSERT INTO app_user VALUES ('ana', 'ana@example.es', 'es', 'Europe/Madrid')");
            RecipientDirectory users = JdbcRecipientDirectory.query(
                    dataSource, "SELECT login, mail, NULL, lang, tz, NULL FROM app_user WHERE login = ?");

            Recipient ana = users.find("ana").orElseThrow();

            assertThat(ana.email()).contains("ana@example.es");
            assertThat(ana.locale()).isEqualTo(new Locale("es"));
            assertThat(ana.zone()).isEqualTo(ZoneId.of("Europe/Madrid"));
        }

        @Test
        void a_bad_time_zone_in_a_row_is_reported_naming_the_column_the_user_and_the_value() throws SQLException {
            execute("INSERT INTO escalation_recipient (id, email, locale, time_zone)"
                    + " VALUES ('bad', 'bad@example.com', 'en', 'Mars/Olympus')");

            assertThatThrownBy(() -> directory.find("bad"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("time_zone of recipient bad")
                    .hasMessageContaining("'Mars/Olympus'");
        }

        @Test
        void bad_working_hours_json_in_a_row_is_reported_naming_the_column_and_the_user() throws SQLException {
            execute("INSERT INTO escalation_recipient (id, email, locale, time_zone, working_hours)"
                    + " VALUES ('odd', 'odd@example.com', 'en', 'UTC', '{not json')");

            assertThatThrownBy(() -> directory.find("odd"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("working_hours of recipient odd must be JSON");
        }

        @Test
        void a_host_query_needs_exactly_one_parameter() {
            assertThatThrownBy(() -> JdbcRecipientDirectory.query(dataSource, "SELECT * FROM app_user"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exactly one ?");
        }

        @Test
        void a_missing_table_is_reported_naming_the_user() throws SQLException {
            execute("DROP TABLE escalation_recipient");

            assertThatThrownBy(() -> directory.find("lena"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("recipient lena could not be read");
        }

        private void execute(String sql) throws SQLException {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    @Test
    void the_optional_fields_of_a_recipient_stay_empty_when_absent() {
        Recipient r = new Recipient(
                "x", Optional.empty(), Optional.empty(), Locale.ENGLISH, BusinessCalendar.twentyFourSeven());

        assertThat(r.email()).isEmpty();
        assertThat(r.zone()).isEqualTo(ZoneId.of("UTC"));
    }
}
