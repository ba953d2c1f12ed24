package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.InputLimits;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What no store can keep exactly is refused before anything is stored, naming the field, the limit
 * and the length or the offending character: lone surrogates (PostgreSQL would store {@code ?}),
 * NUL, ids and names beyond {@value InputLimits#MAX_NAME_LENGTH} characters, attributes beyond their
 * sizes, instants outside the databases' range. And a run goes on for the healthy tasks of a batch
 * whose escalation target for one task is such a value.
 */
abstract class RefusingHostileInputContract extends ContractSupport {

    @Test
    void ids_with_a_lone_surrogate_are_refused_so_two_of_them_never_become_one_task() {
        refused(() -> open("PO-\uD800"), "id must not contain a lone surrogate (U+D800 at index 3)");
        refused(() -> open("PO-\uDBFF"), "id must not contain a lone surrogate (U+DBFF at index 3)");
        refused(() -> open("PO-\uDC00\uD800"), "id must not contain a lone surrogate (U+DC00 at index 3)");
        open("PO-?");

        refused(() -> store.complete("PO-\uDBFF"), "taskId must not contain a lone surrogate (U+DBFF at index 3)");
        refused(() -> store.find("PO-\uD800"), "taskId must not contain a lone surrogate (U+D800 at index 3)");

        assertThat(ids(claim(10))).containsExactly("PO-?");
    }

    @Test
    void a_lone_surrogate_is_refused_in_every_field_naming_the_field() {
        String lone = "ali\uD800ce";
        String message = " must not contain a lone surrogate (U+D800 at index 3)";
        refusedToOpen(t -> t.withTenant(lone), "tenant" + message);
        refusedToOpen(t -> t.withPriority(lone), "priority" + message);
        refusedToOpen(t -> t.withAttributes(Map.of(lone, "x")), "attribute name" + message);
        refusedToOpen(t -> t.withAttributes(Map.of("note", lone)), "attribute 'note'" + message);
        refusedToOpen(
                t -> new NewTask(
                        t.id(), lone, t.stage(), t.assignee(), t.priority(), t.tenant(), t.slaStart(), t.attributes()),
                "workflowType" + message);
        refusedToOpen(
                t -> new NewTask(
                        t.id(),
                        t.workflowType(),
                        lone,
                        t.assignee(),
                        t.priority(),
                        t.tenant(),
                        t.slaStart(),
                        t.attributes()),
                "stage" + message);
        refusedToOpen(
                t -> new NewTask(
                        t.id(),
                        t.workflowType(),
                        t.stage(),
                        lone,
                        t.priority(),
                        t.tenant(),
                        t.slaStart(),
                        t.attributes()),
                "assignee" + message);
    }

    @Test
    void a_change_with_a_lone_surrogate_is_refused_and_changes_nothing() {
        WorkflowTask task = open("PO-1");
        String lone = "ali\uDFFFce";
        String message = " must not contain a lone surrogate (U+DFFF at index 3)";

        refused(() -> store.reassign("PO-1", lone), "assignee" + message);
        refused(() -> store.changeStage("PO-1", lone, "bob", START), "stage" + message);
        refused(() -> store.changeStage("PO-1", "Finance Review", lone, START), "assignee" + message);
        refused(() -> store.changePriority("PO-1", lone), "priority" + message);

        assertThat(store.find("PO-1")).contains(task);
    }

    @Test
    void a_nul_character_is_refused_naming_the_field_and_its_index() {
        refused(() -> open("PO-\u00001"), "id must not contain the NUL character (U+0000 at index 3)");
        refusedToOpen(
                t -> t.withAttributes(Map.of("note", "a\u0000")),
                "attribute 'note' must not contain the NUL character (U+0000 at index 1)");
        WorkflowTask task = open("PO-1");

        refused(
                () -> store.reassign("PO-1", "bob\u0000"),
                "assignee must not contain the NUL character (U+0000 at index 3)");

        assertThat(store.find("PO-1")).contains(task);
    }

    @Test
    void a_task_id_of_2700_characters_is_refused_with_its_length() {
        String longId = "P".repeat(2_700);

        refused(() -> open(longId), "id must be at most 200 characters, but had 2,700");
        refused(() -> store.complete(longId), "taskId must be at most 200 characters, but had 2,700");
        refused(
                () -> open("P".repeat(InputLimits.MAX_NAME_LENGTH + 1)),
                "id must be at most 200 characters, but had 201");

        assertThat(claim(10)).isEmpty();
    }

    @Test
    void names_beyond_the_limit_are_refused_in_every_field() {
        String tooLong = "\uD83D\uDE00".repeat(101);
        String message = " must be at most 200 characters, but had 202";
        refusedToOpen(t -> t.withTenant(tooLong), "tenant" + message);
        refusedToOpen(t -> t.withPriority(tooLong), "priority" + message);
        refusedToOpen(
                t -> new NewTask(
                        t.id(),
                        t.workflowType(),
                        t.stage(),
                        tooLong,
                        t.priority(),
                        t.tenant(),
                        t.slaStart(),
                        t.attributes()),
                "assignee" + message);
        open("PO-1");

        refused(() -> store.reassign("PO-1", tooLong), "assignee" + message);
    }

    @Test
    void an_attribute_name_of_60000_characters_is_refused_with_its_length() {
        refusedToOpen(
                t -> t.withAttributes(Map.of("n".repeat(60_000), "value")),
                "attribute name must be at most 200 characters, but had 60,000");
    }

    @Test
    void an_attribute_value_beyond_its_limit_is_refused_with_its_size() {
        refusedToOpen(
                t -> t.withAttributes(Map.of("note", "\u6F22".repeat(43_691))),
                "attribute 'note' must be at most 131,072 UTF-8 bytes, but had 131,073");
    }

    @Test
    void attributes_beyond_their_total_limit_are_refused_with_their_size() {
        String value = "v".repeat(InputLimits.MAX_ATTRIBUTE_VALUE_BYTES - 1);
        Map<String, String> attributes = Map.of(
                "a", value, "b", value, "c", value, "d", value, "e", value, "f", value, "g", value, "h", value, "i",
                "!");

        refusedToOpen(
                t -> t.withAttributes(attributes),
                "attributes must be at most 1,048,576 UTF-8 bytes in names and values, but had 1,048,578");
    }

    @Test
    void an_sla_start_before_the_year_1_is_refused_naming_the_range() {
        refusedToOpen(
                t -> startingAt(t, Instant.parse("-999999999-01-01T00:00:00Z")),
                "slaStart must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, but was"
                        + " -999999999-01-01T00:00:00Z");
        refusedToOpen(
                t -> startingAt(t, InputLimits.EARLIEST_INSTANT.minusNanos(1)),
                "slaStart must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, but was"
                        + " 0000-12-31T23:59:59.999999999Z");
    }

    @Test
    void a_stage_entered_before_the_year_1_is_refused_and_changes_nothing() {
        WorkflowTask task = open("PO-1");

        refused(
                () -> store.changeStage("PO-1", "Finance Review", "bob", Instant.MIN),
                "enteredAt must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, but was "
                        + Instant.MIN);

        assertThat(store.find("PO-1")).contains(task);
    }

    @Test
    void escalation_targets_no_store_can_keep_defer_their_tasks_and_the_rest_of_the_batch_escalates() {
        Map<String, String> targetByTask = Map.of(
                "PO-1", "dora", "PO-2", "dora\u0000", "PO-3", "\uD800dora", "PO-4", "d".repeat(3_000), "PO-5", "dora");
        targetByTask.keySet().forEach(this::open);
        EscalationEngine engine = EscalationEngine.builder()
                .repository(repository)
                .policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.role("department_head"))
                        .build())
                .notifier(new RecordingNotifier())
                .targets((target, task, level) -> Optional.of(targetByTask.get(task.id())))
                .build();
        clock.set(START.plus(Duration.ofHours(24)));

        RunReport run = engine.runOnce();

        assertThat(run.escalations()).isEqualTo(2);
        assertThat(run.failures()).extracting(TaskFailure::taskId).containsExactlyInAnyOrder("PO-2", "PO-3", "PO-4");
        assertThat(store.find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(store.find("PO-5").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(store.find("PO-2").orElseThrow().assignee()).isEqualTo("alice");
    }

    private void refusedToOpen(Function<NewTask, NewTask> hostile, String message) {
        refused(() -> store.open(hostile.apply(newTask("PO-9"))), message);
        assertThat(store.find("PO-9")).isEmpty();
    }

    private static NewTask startingAt(NewTask t, Instant slaStart) {
        return new NewTask(
                t.id(), t.workflowType(), t.stage(), t.assignee(), t.priority(), t.tenant(), slaStart, t.attributes());
    }

    private static void refused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
