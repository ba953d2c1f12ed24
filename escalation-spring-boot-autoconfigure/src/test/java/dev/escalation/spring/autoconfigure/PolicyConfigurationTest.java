package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Policies and calendars from application properties and JSON resources, validated at start-up. */
class PolicyConfigurationTest {

    static final Instant START = Instant.parse("2026-12-21T09:00:00Z");

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(Flyway.class))
            .withBean(DataSource.class, Databases::h2)
            .withBean(Clock.class, () -> ManualClock.at(START))
            .withPropertyValues("escalation.enabled=false");

    @Test
    void reads_policies_from_properties_in_kebab_case_with_numbers_given_as_text() {
        runner.withPropertyValues(
                        "escalation.policies[0].stage-name=Manager Approval",
                        "escalation.policies[0].sla-hours=36",
                        "escalation.policies[0].warn-at=0.5",
                        "escalation.policies[0].levels[0].target=role:lead",
                        "escalation.policies[0].levels[0].after=PT0S",
                        "escalation.policies[0].levels[1].target=role:head",
                        "escalation.policies[0].levels[1].after=PT4H")
                .run(context -> {
                    PolicyRegistry policies = (PolicyRegistry) context.getBean(PolicyResolver.class);
                    assertThat(policies.entries()).singleElement().satisfies(entry -> {
                        assertThat(entry.policy().sla()).isEqualTo(Duration.ofHours(36));
                        assertThat(entry.policy().levels()).hasSize(2);
                    });
                });
    }

    @Test
    void reads_policies_from_json_resources_with_holiday_files() {
        runner.withPropertyValues("escalation.policy-locations=classpath:escalation/policies.json")
                .run(context -> {
                    PolicyRegistry policies = (PolicyRegistry) context.getBean(PolicyResolver.class);
                    assertThat(policies.entries())
                            .extracting(e -> e.policy().sla())
                            .containsExactlyInAnyOrder(Duration.ofHours(48), Duration.ofDays(3));
                    BusinessCalendar legal = policies.entries().stream()
                            .filter(e -> e.policy().sla().equals(Duration.ofDays(3)))
                            .findFirst()
                            .orElseThrow()
                            .policy()
                            .calendar();
                    assertThat(legal.isWorkingTime(Instant.parse("2026-12-18T09:00:00Z")))
                            .isTrue();
                    assertThat(legal.isWorkingTime(Instant.parse("2026-12-25T09:00:00Z")))
                            .isFalse();
                });
    }

    @Test
    void a_bad_policy_in_properties_stops_the_start_naming_the_property_the_json_path_and_the_value() {
        runner.withPropertyValues(
                        "escalation.policies[0].stage-name=Manager Approval",
                        "escalation.policies[0].sla-hours=-5",
                        "escalation.policies[0].escalation-to=role:head")
                .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                        .hasMessageContaining("escalation.policies[0]")
                        .hasMessageContaining("$.sla_hours")
                        .hasMessageContaining("-5"));
    }

    @Test
    void a_bad_policy_file_stops_the_start_naming_the_file() {
        runner.withPropertyValues("escalation.policy-locations=classpath:escalation/bad-policy.json")
                .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                        .hasMessageContaining("bad-policy.json")
                        .hasMessageContaining("$.sla_hours"));
    }

    @Test
    void a_missing_policy_file_stops_the_start_naming_the_location() {
        runner.withPropertyValues("escalation.policy-locations=classpath:escalation/absent.json")
                .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                        .hasMessageContaining("escalation.policy-locations")
                        .hasMessageContaining("classpath:escalation/absent.json"));
    }

    @Test
    void the_failure_analyzer_names_the_problem_and_the_place_to_correct_it() {
        InvalidEscalationConfigurationException bad = new InvalidEscalationConfigurationException(
                "escalation.policies[0]", "$.sla_hours: must be positive, but was -5", null);

        FailureAnalysis analysis = new EscalationConfigurationFailureAnalyzer().analyze(new IllegalStateException(bad));

        assertThat(analysis.getDescription()).contains("escalation.policies[0]: $.sla_hours: must be positive");
        assertThat(analysis.getAction()).contains("escalation.policies[0]");
    }

    /** The configuration error behind a failed start. */
    private static InvalidEscalationConfigurationException startupFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidEscalationConfigurationException bad) {
                return bad;
            }
        }
        throw new AssertionError("the start did not fail on the configuration", failure);
    }
}
