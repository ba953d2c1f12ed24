package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Tasks the engine cannot handle now are skipped, counted, reported, audited and retried; the others go on. */
class EngineTaskFailureTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy managerApproval = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final PolicyRegistry registry = PolicyRegistry.builder()
            .register(PolicyKey.stage("Manager Approval"), managerApproval)
            .build();

    @Test
    void a_task_without_policy_is_skipped_counted_reported_and_audited_while_the_others_go_on() {
        EscalationEngine engine =
                world.engine(managerApproval).policies(registry).build();
        world.open("PO-1");
        world.tasks.open(NewTask.of("PO-2", "purchase-order", "Legal Review", "lena", START));
        world.at(hours(22));

        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isEqualTo(2);
        assertThat(report.warnings()).isEqualTo(1);
        assertThat(report.tasksSkipped()).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo("PO-2");
            assertThat(f.kind()).isEqualTo(TaskFailure.Kind.NO_POLICY);
            assertThat(f.message()).contains("'purchase-order'", "'Legal Review'", "'normal'");
        });
        assertThat(world.entries(AuditType.TASK_SKIPPED)).singleElement().satisfies(e -> {
            assertThat(e.taskId()).isEqualTo("PO-2");
            assertThat(e.details())
                    .containsEntry(
                            "retryAt", START.plus(hours(22)).plus(minutes(5)).toString())
                    .containsKey("reason");
        });
    }

    @Test
    void a_task_without_policy_is_checked_again_after_the_retry_delay_and_handled_once_a_policy_exists() {
        AtomicReference<Optional<SlaPolicy>> legal = new AtomicReference<>(Optional.empty());
        EscalationEngine engine = world.engine(managerApproval)
                .policies(task -> task.stage().equals("Legal Review") ? legal.get() : registry.policyFor(task))
                .retryDelay(minutes(15))
                .build();
        world.tasks.open(NewTask.of("PO-2", "purchase-order", "Legal Review", "lena", START));
        world.at(hours(22));
        engine.runOnce();

        world.at(hours(22).plus(minutes(14)));
        assertThat(engine.runOnce().tasksChecked()).isZero();
        world.at(hours(22).plus(minutes(15)));
        assertThat(engine.runOnce().tasksSkipped()).isEqualTo(1);

        legal.set(Optional.of(managerApproval));
        world.at(hours(22).plus(minutes(30)));
        RunReport report = engine.runOnce();

        assertThat(report.tasksSkipped()).isZero();
        assertThat(report.warnings()).isEqualTo(1);
        assertThat(world.entries(AuditType.TASK_SKIPPED)).hasSize(2);
    }

    @Test
    void an_unresolved_target_is_audited_reported_and_leaves_the_task_as_it_was() {
        EscalationEngine engine = world.engine(managerApproval)
                .targets(TargetResolver.usersOnly())
                .build();
        world.open("PO-1");
        world.at(hours(22));
        engine.runOnce();
        world.at(hours(24));

        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isZero();
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(TaskFailure.Kind.TARGET_UNRESOLVED);
            assertThat(f.message()).contains("level 1", "role:department_head");
        });
        assertThat(world.entries(AuditType.TARGET_UNRESOLVED))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason")).contains("role:department_head"));
        assertThat(world.task("PO-1").assignee()).isEqualTo("alice");
        assertThat(world.task("PO-1").escalation().level()).isZero();
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
    }

    @Test
    void an_unresolved_target_is_retried_on_a_later_run_and_escalates_once_it_resolves() {
        AtomicReference<Optional<String>> head = new AtomicReference<>(Optional.empty());
        EscalationEngine engine = world.engine(managerApproval)
                .targets((target, task, level) -> head.get())
                .build();
        world.open("PO-1");
        world.at(hours(24));
        engine.runOnce();

        world.at(hours(24).plus(minutes(5)));
        assertThat(engine.runOnce().failures())
                .extracting(TaskFailure::kind)
                .containsExactly(TaskFailure.Kind.TARGET_UNRESOLVED);

        head.set(Optional.of("dora"));
        world.at(hours(24).plus(minutes(10)));
        RunReport report = engine.runOnce();

        assertThat(report.failures()).isEmpty();
        assertThat(report.escalations()).isEqualTo(1);
        assertThat(world.task("PO-1").assignee()).isEqualTo("dora");
        assertThat(world.entries(AuditType.TARGET_UNRESOLVED)).hasSize(2);
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("PO-1/0/ESCALATION/1");
        assertThat(world.entries(AuditType.SLA_BREACHED)).hasSize(1);
    }

    @Test
    void a_resolver_that_throws_counts_as_unresolved_and_does_not_stop_the_run() {
        EscalationEngine engine = world.engine(managerApproval)
                .targets((target, task, level) -> {
                    if (task.id().equals("PO-1")) {
                        throw new IllegalStateException("directory down");
                    }
                    return Optional.of("dora");
                })
                .build();
        world.open("PO-1");
        world.open("PO-2");
        world.at(hours(24));

        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo("PO-1");
            assertThat(f.kind()).isEqualTo(TaskFailure.Kind.TARGET_UNRESOLVED);
            assertThat(f.message()).contains("directory down");
        });
        assertThat(world.task("PO-2").assignee()).isEqualTo("dora");
    }

    @Test
    void a_blank_user_from_the_resolver_counts_as_unresolved() {
        EscalationEngine engine = world.engine(managerApproval)
                .targets((target, task, level) -> Optional.of(" "))
                .build();
        world.open("PO-1");
        world.at(hours(24));

        RunReport report = engine.runOnce();

        assertThat(report.failures()).extracting(TaskFailure::kind).containsExactly(TaskFailure.Kind.TARGET_UNRESOLVED);
        assertThat(world.task("PO-1").assignee()).isEqualTo("alice");
    }

    @Test
    void a_policy_resolver_that_throws_fails_only_that_task() {
        EscalationEngine engine = world.engine(managerApproval)
                .policies(task -> {
                    if (task.id().equals("PO-1")) {
                        throw new IllegalArgumentException("corrupt policy row");
                    }
                    return Optional.of(managerApproval);
                })
                .build();
        world.open("PO-1");
        world.open("PO-2");
        world.at(hours(22));

        RunReport report = engine.runOnce();

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(TaskFailure.Kind.EVALUATION_FAILED);
            assertThat(f.message()).contains("corrupt policy row");
        });
        assertThat(world.entries(AuditType.TASK_FAILED))
                .extracting(e -> e.taskId())
                .containsExactly("PO-1");
        assertThat(world.task("PO-1").escalation().nextCheckAt())
                .contains(START.plus(hours(22)).plus(minutes(5)));
    }
}
