package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** With Flyway on the class path, the library's migrations run under their own history table. */
class FlywaySchemaTest {

    @Test
    void migrates_the_library_schema_under_its_own_history_table_on_postgresql() {
        String schema = Databases.newSchema();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withBean(DataSource.class, () -> Databases.postgres(schema))
                .withBean(Clock.class, () -> ManualClock.at(Instant.parse("2026-01-05T09:00:00Z")))
                .withPropertyValues("escalation.enabled=false", "escalation.jdbc.schema=" + schema)
                .run(context -> {
                    assertThat(context.getBean(EscalationSchemaInitializer.class)
                                    .outcome())
                            // every shipped version: V1 to V8, V10 and V11 (V9 is Citus's own)
                            .isEqualTo("flyway: 10 migrations applied");
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject(
                                    "SELECT count(*) FROM " + schema + ".escalation_schema_history WHERE success",
                                    Integer.class))
                            .isEqualTo(11); // the baseline at 0, V1 to V8, V10 and V11
                    assertThat(jdbc.queryForObject(
                                    "SELECT count(*) FROM " + schema + ".escalation_task", Integer.class))
                            .isZero();
                });
    }
}
