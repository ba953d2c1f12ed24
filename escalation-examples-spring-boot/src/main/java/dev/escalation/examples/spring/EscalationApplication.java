package dev.escalation.examples.spring;

import dev.escalation.core.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small approval service on the escalation starter: requests are opened and approved over REST
 * ({@link ApprovalController}), each approval and the completion of its escalation task commit in one
 * transaction ({@link ApprovalService}), and everything else - the store on Boot's DataSource, the
 * library's Flyway migrations, the policies of application.yml, the runs, health, the
 * {@code escalation} endpoint and the meters - comes from the starter.
 */
@SpringBootApplication
public class EscalationApplication {

    public static void main(String[] args) {
        SpringApplication.run(EscalationApplication.class, args);
    }

    /** This node's clock for the store and the engine; without this bean the starter reads the database's. */
    @Bean
    Clock clock() {
        return Clock.system();
    }
}
