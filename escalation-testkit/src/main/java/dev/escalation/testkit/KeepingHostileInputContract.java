package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.InputLimits;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whatever the {@link InputLimits} let through is stored and read back exactly: quotes, SQL, control
 * characters, emoji and every Unicode plane, bidirectional and combining marks, the longest names,
 * the largest attribute values, the earliest instant - in every field of a task and of every change.
 */
abstract class KeepingHostileInputContract extends ContractSupport {

    @Test
    void every_field_of_a_task_keeps_hostile_text_exactly() {
        for (String text : HostileText.NAMES) {
            NewTask hostile = new NewTask(
                    text, text, text, text, text, Optional.of(text), START, Map.of(text, text, "copy", text));

            WorkflowTask opened = store.open(hostile);

            assertThat(List.of(
                            opened.id(), opened.workflowType(), opened.stage(), opened.assignee(), opened.priority()))
                    .as("opened %s", text)
                    .containsOnly(text);
            assertThat(opened.tenant()).contains(text);
            assertThat(opened.attributes()).isEqualTo(Map.of(text, text, "copy", text));
            assertThat(store.find(text)).as("read back %s", text).contains(opened);
        }
    }

    @Test
    void claimed_tasks_carry_their_hostile_text_exactly() {
        for (String text : HostileText.NAMES) {
            store.open(new NewTask(
                    text, "purchase-order", text, text, "normal", Optional.of(text), START, Map.of(text, text)));
        }

        List<WorkflowTask> claimed = claim(HostileText.NAMES.size() + 1);

        assertThat(ids(claimed)).containsExactlyInAnyOrderElementsOf(HostileText.NAMES);
        for (WorkflowTask task : claimed) {
            assertThat(List.of(task.stage(), task.assignee(), task.tenant().orElseThrow()))
                    .containsOnly(task.id());
            assertThat(task.attributes()).isEqualTo(Map.of(task.id(), task.id()));
        }
    }

    @Test
    void the_audit_trail_keeps_hostile_text_exactly() {
        for (String text : HostileText.NAMES) {
            store.open(new NewTask(text, "purchase-order", text, text, "normal", Optional.of(text), START, Map.of()));
        }

        for (String text : HostileText.NAMES) {
            AuditEntry opened = audit.entriesFor(text).get(0);
            assertThat(opened.type()).isEqualTo(AuditType.TASK_OPENED);
            assertThat(opened.taskId()).isEqualTo(text);
            assertThat(opened.tenant()).contains(text);
            assertThat(opened.toAssignee()).contains(text);
            assertThat(opened.details()).containsEntry("stage", text);
        }
    }

    @Test
    void every_change_keeps_hostile_text_exactly() {
        for (String text : HostileText.NAMES) {
            open(text);

            store.changePriority(text, text);
            store.reassign(text, text);
            WorkflowTask moved = store.changeStage(text, text, text, START);

            assertThat(List.of(moved.stage(), moved.assignee(), moved.priority()))
                    .containsOnly(text);
            assertThat(store.find(text)).contains(moved);
            assertThat(store.complete(text).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(audit.entriesFor(text).get(2).fromAssignee()).contains("alice");
        }
    }

    @Test
    void ids_that_differ_only_beyond_the_basic_plane_or_in_normalisation_stay_distinct_tasks() {
        List<String> lookalikes =
                List.of("PO-\uD83D\uDE00", "PO-\uD83D\uDE01", "PO-\u00E9", "PO-e\u0301", "PO-E\u0301");
        lookalikes.forEach(this::open);

        store.complete("PO-\uD83D\uDE01");
        store.cancel("PO-e\u0301");

        assertThat(store.find("PO-\uD83D\uDE00").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
        assertThat(store.find("PO-\uD83D\uDE01").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.find("PO-\u00E9").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
        assertThat(store.find("PO-e\u0301").orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(store.find("PO-E\u0301").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void attribute_values_up_to_the_limit_are_read_back_exactly() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("note of 100 KB", HostileText.ofUtf8Bytes(100_000));
        attributes.put("largest", HostileText.ofUtf8Bytes(InputLimits.MAX_ATTRIBUTE_VALUE_BYTES));
        attributes.put("empty", "");
        attributes.put("", "an empty name");

        WorkflowTask opened = store.open(newTask("PO-1").withAttributes(attributes));

        assertThat(opened.attributes()).isEqualTo(attributes);
        assertThat(store.find("PO-1")).contains(opened);
    }

    @Test
    void attributes_up_to_their_total_limit_are_read_back_exactly() {
        Map<String, String> attributes = new LinkedHashMap<>();
        int each = InputLimits.MAX_ATTRIBUTE_VALUE_BYTES - 2;
        for (int i = 0; i < InputLimits.MAX_ATTRIBUTES_BYTES / InputLimits.MAX_ATTRIBUTE_VALUE_BYTES; i++) {
            attributes.put("a" + i, HostileText.ofUtf8Bytes(each));
        }

        WorkflowTask opened = store.open(newTask("PO-1").withAttributes(attributes));

        assertThat(store.find("PO-1")).contains(opened);
        assertThat(store.find("PO-1").orElseThrow().attributes()).isEqualTo(attributes);
    }

    @Test
    void the_earliest_instant_is_read_back_exactly() {
        WorkflowTask opened = store.open(startingAt("PO-1", InputLimits.EARLIEST_INSTANT));
        store.open(newTask("PO-2"));
        WorkflowTask moved = store.changeStage("PO-2", "Finance Review", "bob", InputLimits.EARLIEST_INSTANT);

        assertThat(store.find("PO-1").orElseThrow().slaStart()).isEqualTo(InputLimits.EARLIEST_INSTANT);
        assertThat(store.find("PO-1")).contains(opened);
        assertThat(store.find("PO-2")).contains(moved);
        assertThat(moved.slaStart()).isEqualTo(InputLimits.EARLIEST_INSTANT);
    }

    @Test
    void instants_finer_than_a_microsecond_are_kept_to_the_microsecond_by_every_store() {
        Instant nanos = START.minusSeconds(60).plusNanos(123_456_789);

        WorkflowTask opened = store.open(startingAt("PO-1", nanos));

        assertThat(opened.slaStart()).isEqualTo(START.minusSeconds(60).plusNanos(123_456_000));
        assertThat(store.find("PO-1")).contains(opened);
    }

    private static NewTask startingAt(String id, Instant slaStart) {
        return NewTask.of(id, "purchase-order", "Manager Approval", "alice", slaStart);
    }
}
