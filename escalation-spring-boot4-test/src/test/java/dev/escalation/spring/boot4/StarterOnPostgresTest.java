package dev.escalation.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new Spring Boot 4 application with nothing but the starter, the PostgreSQL driver and a few
 * properties - the policy, who the department head is, and that the schema is to be made - escalates
 * a breached task on embedded PostgreSQL. (The 3.5 application is escalation-examples-spring-boot.)
 */
@SpringBootTest(
        classes = {StarterOnPostgresTest.Application.class, StarterOnPostgresTest.ManualTime.class},
        properties = {
            "escalation.jdbc.initialize-schema=always",
            "escalation.roles.department_head=dora",
            "escalation.policies[0].name=Manager Approval",
            "escalation.policies[0].stage-name=Manager Approval",
            "escalation.policies[0].sla-hours=24",
            "escalation.policies[0].escalation-to=role:department_head",
            // The test drives the engine itself, at instants of its ManualClock.
            "escalation.enabled=false"
        })
class StarterOnPostgresTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final EmbeddedPostgres POSTGRES = start();

    /** The whole application. */
    @SpringBootApplication
    static class Application {}

    @TestConfiguration
    static class ManualTime {
        @Bean
        ManualClock testClock() {
            return ManualClock.at(START);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Autowired
    ManualClock clock;

    @Autowired
    TaskStore tasks;

    @Autowired
    EscalationEngine engine;

    @Test
    void a_boot_4_application_with_only_the_starter_and_a_driver_escalates_a_breached_task() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0");
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));

        clock.advance(Duration.ofHours(25));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(tasks.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }
}
