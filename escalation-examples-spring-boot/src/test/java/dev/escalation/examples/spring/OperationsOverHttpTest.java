package dev.escalation.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.console.BreachedTask;
import dev.escalation.console.ConsoleBackend;
import dev.escalation.console.ConsolePage;
import dev.escalation.console.GivenUpNotification;
import dev.escalation.console.Redelivery;
import dev.escalation.console.TimelineLine;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint's operations and the console over HTTP, on embedded PostgreSQL: the breached list, a
 * task's timeline, the redelivery of a given-up notification and the console's worklist page.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "escalation.min-interval=1h",
            "escalation.max-interval=1h",
            "escalation.endpoint.write.enabled=true"
        })
class OperationsOverHttpTest {

    private static final EmbeddedPostgres POSTGRES = start();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @TestConfiguration
    static class Operations {
        @Bean
        @Primary
        ManualClock testClock() {
            return ManualClock.at("2026-01-05T09:00:00Z");
        }

        /** PO-REDELIVER's escalation to dora fails until the test lets it through. */
        @Bean
        RecordingNotifier notifier() {
            return new RecordingNotifier()
                    .failWhen(n ->
                            n.taskId().equals("PO-REDELIVER") && n.recipient().equals("dora"));
        }

        @Bean
        ConsoleBackend consoleBackend(JdbcEscalationStore store, ManualClock clock) {
            return new BreachedOnly(store, clock);
        }
    }

    @Autowired
    ManualClock clock;

    @Autowired
    RecordingNotifier notifier;

    @Autowired
    TestRestTemplate http;

    @Test
    void the_breached_list_shows_the_breached_task() {
        breach("PO-BREACHED");

        Map<String, Object> page = get("/actuator/escalation/breached?limit=100");

        assertThat((List<?>) page.get("tasks"))
                .anySatisfy(t ->
                        assertThat(json(t)).containsEntry("id", "PO-BREACHED").containsKey("deadline"));
    }

    @Test
    void a_tasks_timeline_json_has_its_deadline() {
        Instant opened = clock.now();
        open("PO-TIMELINE");
        runNow();

        Map<String, Object> timeline = get("/actuator/escalation/tasks/PO-TIMELINE");

        assertThat(timeline)
                .containsEntry("taskId", "PO-TIMELINE")
                .containsEntry("deadline", opened.plus(Duration.ofHours(24)).toString());
    }

    @Test
    void the_timeline_of_an_unknown_task_is_not_found() {
        assertThat(http.getForEntity("/actuator/escalation/tasks/PO-404", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void a_redelivered_given_up_notification_is_delivered_once_by_the_next_run() {
        breach("PO-REDELIVER");
        int givenUp = 0;
        // 20 attempts, backing off to at most 2h (+20% jitter): 3h between runs reaches each one.
        for (int run = 0; run < 30 && givenUp == 0; run++) {
            givenUp = (Integer) runNow().get("notificationsGivenUp");
            clock.advance(Duration.ofHours(3));
        }
        assertThat(givenUp).as("notifications given up").isEqualTo(1);
        String key = notifier.attempts().stream()
                .filter(n -> n.taskId().equals("PO-REDELIVER") && n.recipient().equals("dora"))
                .findFirst()
                .orElseThrow()
                .idempotencyKey();
        notifier.recover();

        Map<String, Object> done = json(http.postForObject(
                "/actuator/escalation/redeliver",
                Map.of("requestId", "req-1", "notification", key, "operator", "olga"),
                Map.class));
        runNow();
        clock.advance(Duration.ofHours(3));
        runNow();

        assertThat(done).containsEntry("requeued", List.of(key));
        assertThat(notifier.delivered().stream().filter(n -> n.idempotencyKey().equals(key)))
                .hasSize(1);
    }

    @Test
    void redelivery_without_an_operator_is_a_bad_request() {
        ResponseEntity<String> refused = http.postForEntity(
                "/actuator/escalation/redeliver", Map.of("requestId", "req-2", "task", "PO-1"), String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(HttpStatus.BAD_REQUEST.value());
    }

    @Test
    void the_console_under_the_management_path_shows_the_breached_task() {
        breach("PO-CONSOLE");

        ResponseEntity<String> page = http.getForEntity("/actuator/escalation-console/", String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("PO-CONSOLE");
    }

    private void breach(String id) {
        open(id);
        runNow();
        clock.advance(Duration.ofHours(25));
    }

    private void open(String id) {
        assertThat(http.postForEntity("/requests/" + id + "?requester=alice&approver=bob", null, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(HttpStatus.CREATED.value());
    }

    private Map<String, Object> runNow() {
        return json(http.postForObject("/actuator/escalation", null, Map.class));
    }

    private Map<String, Object> get(String path) {
        return json(http.getForObject(path, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Object object) {
        return (Map<String, Object>) object;
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    /** A small console backend for the test: the breached tasks from the store, nothing else. */
    static final class BreachedOnly implements ConsoleBackend {
        private final JdbcEscalationStore store;
        private final ManualClock clock;

        BreachedOnly(JdbcEscalationStore store, ManualClock clock) {
            this.store = store;
            this.clock = clock;
        }

        @Override
        public ConsolePage<BreachedTask> breached(Optional<String> after, int limit) {
            Page<OpenTask> page = store.queries()
                    .openTasks(TaskQuery.asOf(clock.now())
                            .standing(SlaStanding.BREACHED)
                            .limit(limit));
            return ConsolePage.last(page.items().stream()
                    .map(OpenTask::task)
                    .map(t -> new BreachedTask(
                            t.id(),
                            t.workflowType(),
                            t.stage(),
                            t.tenant(),
                            t.assignee(),
                            t.escalation().deadline().orElseThrow(),
                            t.escalation().level()))
                    .toList());
        }

        @Override
        public List<TimelineLine> timeline(String taskId) {
            return List.of();
        }

        @Override
        public ConsolePage<GivenUpNotification> givenUp(Optional<String> after, int limit) {
            return ConsolePage.last(List.of());
        }

        @Override
        public Redelivery redeliver(String requestId, String notificationId, String operator) {
            throw new UnsupportedOperationException("this test's console is read-only");
        }

        @Override
        public ComplianceReport compliance(Instant from, Instant to) {
            return ComplianceReport.of(Collections.emptyIterator(), from, to, ReportPeriod.DAY);
        }
    }
}
