package dev.escalation.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The approval service end to end on embedded PostgreSQL, with Boot's Flyway for its own table and
 * the starter's for the library's: approvals commit with their task's completion, a refused approval
 * rolls both back, and the run, its meters, health and the endpoint are read over HTTP.
 */
// Boot disables metrics export in tests unless asked: the test reads the Prometheus scrape.
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // The runner's first run comes at start-up; the test then runs the engine through the endpoint.
            "escalation.min-interval=1h",
            "escalation.max-interval=1h",
            "escalation.endpoint.run-now-enabled=true"
        })
class EscalationApplicationTest {

    private static final EmbeddedPostgres POSTGRES = start();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

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
    TaskStore tasks;

    @Autowired
    TestRestTemplate http;

    @Test
    void approvals_commit_with_their_task_a_refused_one_rolls_back_and_the_run_shows_in_meters_health_and_endpoint() {
        assertThat(post("/requests/PO-1?requester=alice&approver=bob")).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/requests/PO-2?requester=carol&approver=bob")).isEqualTo(HttpStatus.CREATED);

        assertThat(post("/requests/PO-1/approve?by=bob")).isEqualTo(HttpStatus.NO_CONTENT);
        // carol may not approve her own request: the check fails after complete(), and both roll back
        assertThat(post("/requests/PO-2/approve?by=carol")).isEqualTo(HttpStatus.CONFLICT);

        assertThat(http.getForObject("/requests/PO-1", String.class)).isEqualTo("APPROVED");
        assertThat(tasks.find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(http.getForObject("/requests/PO-2", String.class)).isEqualTo("OPEN");
        assertThat(tasks.find("PO-2").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);

        clock.advance(Duration.ofHours(25));
        Map<?, ?> report = http.postForObject("/actuator/escalation", null, Map.class);

        assertThat(report.get("escalations")).isEqualTo(1);
        assertThat(tasks.find("PO-2").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(http.getForObject("/actuator/escalation", Map.class))
                .containsEntry("healthy", true)
                .containsKey("lastRun");
        assertThat(http.getForObject("/actuator/health/escalation", Map.class)).containsEntry("status", "UP");
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("escalation_runs_total{", "escalation_steps_total{");
    }

    private HttpStatus post(String path) {
        return HttpStatus.valueOf(
                http.postForEntity(path, null, String.class).getStatusCode().value());
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }
}
