package dev.escalation.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring Boot host of the escalation engine: Boot supplies the {@code DataSource} (H2 here, any
 * database in production) and the {@code MeterRegistry}; {@link EscalationConfiguration} wires
 * the engine; {@link EscalationScheduler} runs it; Actuator serves {@code /actuator/prometheus}.
 */
@SpringBootApplication
@EnableScheduling
public class EscalationApplication {

    public static void main(String[] args) {
        SpringApplication.run(EscalationApplication.class, args);
    }
}
