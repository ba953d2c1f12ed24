package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL an import goes in as set-based statements of {@link ArrayInserts#CHUNK} rows (task
 * rows and audit rows alike): an import of more than two statements' worth stores every task, audits
 * each in chains that verify, is counted exactly by the maintained SLA counts (V5's statement-level
 * trigger) and is refused as a whole when one id of its last statement is stored already.
 */
class PostgresBulkImportTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final int MORE_THAN_TWO_STATEMENTS = 2 * ArrayInserts.CHUNK + 7;
    private static final List<Optional<String>> TENANTS =
            List.of(Optional.empty(), Optional.of("acme"), Optional.of("globex"));

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    private final ManualClock clock = ManualClock.at(START);

    @Test
    void an_import_of_more_than_two_statements_stores_every_task_and_audits_each_in_chains_that_verify()
            throws Exception {
        JdbcEscalationStore store = db.store(clock, b -> b.auditStripes(4));

        store.tasks().openAll(imported(MORE_THAN_TWO_STATEMENTS));

        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("task")))
                .containsExactly(List.of(Integer.toString(MORE_THAN_TWO_STATEMENTS)));
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("audit") + " WHERE type = 'TASK_OPENED'"))
                .containsExactly(List.of(Integer.toString(MORE_THAN_TWO_STATEMENTS)));
        List<AuditVerification> chains = store.auditVerifier().verifyAll();
        assertThat(chains)
                .hasSizeGreaterThan(2)
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
        assertThat(store.tasks().find("OLD-" + (MORE_THAN_TWO_STATEMENTS - 1))).isPresent();
    }

    @Test
    void the_maintained_sla_counts_equal_the_imported_tasks_right_after_an_import() {
        JdbcEscalationStore store = db.store(clock, b -> b.slaCountsMaxAge(Duration.ZERO));
        // The first count folds the empty table, so the import reaches the counts through its change rows.
        assertThat(store.repository().slaCounts(scope(Set.of()))).contains(new SlaCounts(0, 0, 0, 0));
        clock.advance(Duration.ofMinutes(1));

        store.tasks().openAll(imported(MORE_THAN_TWO_STATEMENTS));

        long acme = (MORE_THAN_TWO_STATEMENTS + 1) / 3;
        assertThat(store.repository().slaCounts(scope(Set.of())))
                .contains(new SlaCounts(MORE_THAN_TWO_STATEMENTS, 0, 0, 0));
        assertThat(store.repository().slaCounts(scope(Set.of("acme")))).contains(new SlaCounts(acme, 0, 0, 0));
    }

    @Test
    void an_id_stored_already_in_the_import_s_last_statement_refuses_the_whole_import() throws Exception {
        JdbcEscalationStore store = db.store(clock);
        String last = "OLD-" + (MORE_THAN_TWO_STATEMENTS - 1);
        store.tasks().open(NewTask.of(last, "purchase-order", "Manager Approval", "alice", START));

        assertThatThrownBy(() -> store.tasks().openAll(imported(MORE_THAN_TWO_STATEMENTS)))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("'" + last + "'");
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("task"))).containsExactly(List.of("1"));
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("audit"))).containsExactly(List.of("1"));
    }

    @Test
    void imported_tasks_fall_due_a_thousand_a_second_across_statements() throws Exception {
        JdbcEscalationStore store = db.store(clock);

        store.tasks().openAll(imported(MORE_THAN_TWO_STATEMENTS));

        int seconds = MORE_THAN_TWO_STATEMENTS / TaskImports.CHECKS_PER_SECOND;
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("task") + " WHERE next_check_at = '"
                        + START.plusSeconds(seconds) + "'"))
                .containsExactly(List.of(Integer.toString(MORE_THAN_TWO_STATEMENTS % TaskImports.CHECKS_PER_SECOND)));
        assertThat(db.query("SELECT COUNT(DISTINCT next_check_at) FROM " + db.table("task")))
                .containsExactly(List.of(Integer.toString(seconds + 1)));
    }

    private RunScope scope(Set<String> tenants) {
        return new RunScope("counter", clock.now(), clock.now().plusSeconds(60), tenants);
    }

    /** {@code count} tasks of three tenants, opened in an old system over the last 30 days. */
    private List<NewTask> imported(int count) {
        List<NewTask> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(new NewTask(
                    "OLD-" + i,
                    "purchase-order",
                    "Manager Approval",
                    "user-" + (i % 50),
                    "normal",
                    TENANTS.get(i % TENANTS.size()),
                    clock.now().minus(Duration.ofSeconds(i % (30 * 86_400))),
                    Map.of("amount", Integer.toString(i))));
        }
        return tasks;
    }
}
