package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.operations.TaskTimeline;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint's task operations and operator actions, each on its switch, against H2. */
class EscalationEndpointOperationsTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final RecordingNotifier notifier = new RecordingNotifier();

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(EscalationAutoConfiguration.class, EscalationActuatorAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(Flyway.class))
            .withBean(DataSource.class, Databases::h2)
            .withBean(Clock.class, () -> clock)
            .withBean(Notifier.class, () -> notifier)
            .withPropertyValues(
                    "escalation.enabled=false",
                    "management.endpoints.web.exposure.include=*",
                    "escalation.policies[0].name=Manager Approval",
                    "escalation.policies[0].stage-name=Manager Approval",
                    "escalation.policies[0].sla-hours=24",
                    "escalation.policies[0].escalation-to=role:department_head",
                    "escalation.roles.department_head=dora");

    @Test
    void the_breached_list_shows_tasks_past_their_deadline_only() {
        runner.run(context -> {
            open(context, "PO-1", START);
            clock.advance(Duration.ofHours(20));
            open(context, "PO-2", clock.now());
            context.getBean(EscalationEngine.class).runOnce();
            clock.advance(Duration.ofHours(5));

            Map<String, Object> page = context.getBean(EscalationEndpoint.class).list("breached", null, null);

            assertThat(ids(page)).containsExactly("PO-1");
            assertThat(page).doesNotContainKey("next");
        });
    }

    @Test
    void the_breached_list_pages_with_the_cursor_it_returns() {
        runner.run(context -> {
            open(context, "PO-1", START);
            open(context, "PO-2", START);
            context.getBean(EscalationEngine.class).runOnce();
            clock.advance(Duration.ofHours(25));
            EscalationEndpoint endpoint = context.getBean(EscalationEndpoint.class);

            Map<String, Object> first = endpoint.list("breached", null, 1);
            Map<String, Object> second = endpoint.list("breached", (String) first.get("next"), 1);

            assertThat(ids(first)).hasSize(1);
            assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
        });
    }

    @Test
    void a_limit_out_of_range_is_a_bad_request_naming_the_field() {
        runner.run(context -> assertThatThrownBy(
                        () -> context.getBean(EscalationEndpoint.class).list("breached", null, 0))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("limit")
                .hasMessageContaining("0"));
    }

    @Test
    void another_list_is_not_found() {
        runner.run(
                context -> assertThat(context.getBean(EscalationEndpoint.class).list("fine", null, null))
                        .isNull());
    }

    @Test
    void a_tasks_timeline_has_its_deadline() {
        runner.run(context -> {
            open(context, "PO-1", START);

            TaskTimeline timeline = context.getBean(EscalationEndpoint.class).timeline("tasks", "PO-1");

            assertThat(timeline.deadline()).contains(START.plus(Duration.ofHours(24)));
        });
    }

    @Test
    void the_timeline_of_an_unknown_task_is_not_found() {
        runner.run(
                context -> assertThat(context.getBean(EscalationEndpoint.class).timeline("tasks", "PO-404"))
                        .isNull());
    }

    @Test
    void there_are_no_write_operations_unless_enabled() {
        runner.run(context ->
                assertThat(context.getBean(EscalationEndpoint.class)).isNotInstanceOf(EscalationWriteEndpoint.class));
    }

    @Test
    void write_enabled_adds_the_operator_actions_without_run_now_on_a_node_that_does_not_run() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true")
                .run(context -> assertThat(context.getBean(EscalationEndpoint.class))
                        .isInstanceOf(EscalationWriteEndpoint.class)
                        .isNotInstanceOf(EscalationRunNowEndpoint.class));
    }

    @Test
    void write_enabled_adds_run_now_on_a_node_that_runs_the_engine() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true", "escalation.enabled=true")
                .run(context -> assertThat(context.getBean(EscalationEndpoint.class))
                        .isInstanceOf(EscalationRunNowEndpoint.class));
    }

    @Test
    void the_older_run_now_switch_enables_the_operator_actions_too() {
        runner.withPropertyValues("escalation.endpoint.run-now-enabled=true")
                .run(context -> assertThat(context.getBean(EscalationEndpoint.class))
                        .isInstanceOf(EscalationWriteEndpoint.class));
    }

    @Test
    void a_redelivered_given_up_notification_is_delivered_once_by_the_next_run() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true").run(context -> {
            String key = givenUpEscalation(context);
            EscalationWriteEndpoint endpoint = context.getBean(EscalationWriteEndpoint.class);

            Map<String, Object> done = endpoint.redeliver("redeliver", "req-1", key, null, "olga", null);
            Map<String, Object> again = endpoint.redeliver("redeliver", "req-1", key, null, "olga", null);
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            engine.runOnce();
            clock.advance(Duration.ofHours(3));
            engine.runOnce();

            assertThat(done).containsEntry("repeated", false).containsEntry("requeued", List.of(key));
            assertThat(again).containsEntry("repeated", true);
            assertThat(notifier.delivered().stream()
                            .filter(n -> n.idempotencyKey().equals(key)))
                    .hasSize(1);
        });
    }

    @Test
    void redelivering_the_notifications_of_a_task_requeues_its_given_up_ones() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true").run(context -> {
            String key = givenUpEscalation(context);

            Map<String, Object> done = context.getBean(EscalationWriteEndpoint.class)
                    .redeliver("redeliver", "req-1", null, "PO-1", "olga", null);

            assertThat(done).containsEntry("requeued", List.of(key));
        });
    }

    @Test
    void redelivery_takes_the_operator_from_the_authenticated_principal() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true").run(context -> {
            String key = givenUpEscalation(context);
            Principal olga = () -> "olga";

            Map<String, Object> done = context.getBean(EscalationWriteEndpoint.class)
                    .redeliver("redeliver", "req-1", key, null, null, olga);

            assertThat(done).containsEntry("requeued", List.of(key));
        });
    }

    @Test
    void redelivery_without_a_principal_or_an_operator_is_a_bad_request() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true")
                .run(context -> assertThatThrownBy(() -> context.getBean(EscalationWriteEndpoint.class)
                                .redeliver("redeliver", "req-1", "some-key", null, null, null))
                        .isInstanceOf(InvalidEndpointRequestException.class)
                        .hasMessageContaining("operator"));
    }

    @Test
    void redelivery_needs_exactly_one_of_notification_or_task() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true")
                .run(context -> assertThatThrownBy(() -> context.getBean(EscalationWriteEndpoint.class)
                                .redeliver("redeliver", "req-1", "some-key", "PO-1", "olga", null))
                        .isInstanceOf(InvalidEndpointRequestException.class)
                        .hasMessageContaining("notification=some-key")
                        .hasMessageContaining("task=PO-1"));
    }

    @Test
    void a_paused_policy_takes_no_step_until_resumed() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true").run(context -> {
            EscalationWriteEndpoint endpoint = context.getBean(EscalationWriteEndpoint.class);
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            open(context, "PO-1", START);
            engine.runOnce();
            clock.advance(Duration.ofHours(25));

            Map<String, Object> paused = endpoint.policy("policies", "Manager Approval", "pause", "olga", null);
            RunReport whilePaused = engine.runOnce();
            clock.advance(Duration.ofMinutes(1));
            endpoint.policy("policies", "Manager Approval", "resume", "olga", null);
            // a resumed policy's tasks are checked again from the next due time on, as after a late run
            clock.advance(Duration.ofMinutes(10));
            RunReport resumed = engine.runOnce();

            assertThat(paused).containsEntry("changed", true).containsEntry("paused", true);
            assertThat(whilePaused.escalations()).isZero();
            assertThat(resumed.escalations()).isEqualTo(1);
        });
    }

    @Test
    void a_policy_action_other_than_pause_or_resume_is_a_bad_request() {
        runner.withPropertyValues("escalation.endpoint.write.enabled=true")
                .run(context -> assertThatThrownBy(() -> context.getBean(EscalationWriteEndpoint.class)
                                .policy("policies", "Manager Approval", "delete", "olga", null))
                        .isInstanceOf(InvalidEndpointRequestException.class)
                        .hasMessageContaining("delete"));
    }

    private void open(AssertableApplicationContext context, String id, Instant slaStart) {
        context.getBean(TaskStore.class).open(NewTask.of(id, "purchase-order", "Manager Approval", "alice", slaStart));
    }

    /** PO-1's escalation fails every attempt until the outbox gives it up; then the notifier recovers. */
    private String givenUpEscalation(AssertableApplicationContext context) {
        open(context, "PO-1", START);
        clock.advance(Duration.ofHours(25));
        notifier.failWhen(n -> n.recipient().equals("dora"));
        EscalationEngine engine = context.getBean(EscalationEngine.class);
        int givenUp = 0;
        // 20 attempts, backing off to at most 2h (+20% jitter): 3h between runs reaches each one.
        for (int run = 0; run < 30 && givenUp == 0; run++) {
            givenUp = engine.runOnce().notificationsGivenUp();
            clock.advance(Duration.ofHours(3));
        }
        assertThat(givenUp).as("notifications given up").isEqualTo(1);
        notifier.recover();
        return notifier.attempts().stream()
                .filter(n -> n.recipient().equals("dora"))
                .findFirst()
                .orElseThrow()
                .idempotencyKey();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("tasks"))
                .stream().map(t -> (String) t.get("id")).toList();
    }
}
