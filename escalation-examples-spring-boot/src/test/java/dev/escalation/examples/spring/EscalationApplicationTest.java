package dev.escalation.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.RunReport;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

// Boot disables metrics export in tests unless asked: the test is about exactly that export.
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "escalation.initial-delay=PT1H",
            "spring.datasource.url=jdbc:h2:mem:escalation-test;DB_CLOSE_DELAY=-1"
        })
class EscalationApplicationTest {

    @TestConfiguration
    static class ManualTime {
        @Bean
        @Primary
        ManualClock testClock() {
            return ManualClock.at("2026-01-05T09:00:00Z");
        }
    }

    @Autowired
    ManualClock clock;

    @Autowired
    JdbcEscalationStore store;

    @Autowired
    EscalationScheduler scheduler;

    @Autowired
    TestRestTemplate http;

    @Test
    void a_scheduled_run_escalates_through_boots_datasource_and_actuator_shows_the_meters() {
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.advance(Duration.ofHours(24));

        RunReport report = scheduler.run();
        String scrape = http.getForObject("/actuator/prometheus", String.class);

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(store.tasks().find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(scrape)
                .contains(
                        "escalation_runs_total{",
                        "escalation_steps_total{",
                        "escalation_last_success_timestamp_seconds");
    }
}
