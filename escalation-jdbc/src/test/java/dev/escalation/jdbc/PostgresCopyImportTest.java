package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.RecordedStatements;
import dev.escalation.jdbc.testing.TestDatabase;
import dev.escalation.jdbc.testing.UnwrapRefusingDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL an import streams its task and audit rows with {@code COPY} when the connection
 * unwraps to pgjdbc, and inserts {@code unnest} arrays through a pool that cannot unwrap; either way
 * every value comes back as it was imported (tabs, newlines, backslashes, {@code \N}, quotes, JSON,
 * any Unicode), the audit chains verify, and V5's statement-level trigger counts the rows.
 */
class PostgresCopyImportTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> HOSTILE = List.of(
            "tab\there",
            "new\nline",
            "carriage\rreturn",
            "back\\slash",
            "trailing backslash\\",
            "\\N",
            "\\.",
            "\\\\N",
            "\\t not a tab",
            "quotes \" and ' and `",
            "{\"json\": [1, \"two\", null], \"nested\": {\"a\": \"\\u0041\"}}",
            "comma, semicolon; pipe |",
            "unicode: \u00fc\u00df \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \uD83D\uDE00 \u200b zero-width",
            "control \u0001\u0007\u001b\u007f chars",
            " leading and trailing spaces ");

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    private final ManualClock clock = ManualClock.at(START);

    @Test
    void an_import_through_pgjdbc_copies_its_task_and_audit_rows_without_an_insert_statement() throws Exception {
        RecordedStatements recorded = new RecordedStatements();
        JdbcEscalationStore store = store(recorded.wrap(db.dataSource()));

        store.tasks().openAll(plain(50));

        assertThat(inserts(recorded)).isEmpty();
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("task"))).containsExactly(List.of("50"));
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("audit"))).containsExactly(List.of("50"));
    }

    @Test
    void an_import_through_a_pool_that_cannot_unwrap_inserts_unnest_arrays() throws Exception {
        RecordedStatements recorded = new RecordedStatements();
        JdbcEscalationStore store = store(recorded.wrap(new UnwrapRefusingDataSource(db.dataSource())));

        store.tasks().openAll(plain(50));

        assertThat(inserts(recorded))
                .containsExactlyInAnyOrder("INSERT INTO " + db.table("task"), "INSERT INTO " + db.table("audit"));
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("task"))).containsExactly(List.of("50"));
        assertThat(db.query("SELECT COUNT(*) FROM " + db.table("audit"))).containsExactly(List.of("50"));
    }

    @Test
    void hostile_values_come_back_as_imported_through_copy() {
        JdbcEscalationStore store = store(db.dataSource());

        importsHostileValuesIntact(store);
    }

    @Test
    void hostile_values_come_back_as_imported_through_unnest_arrays() {
        JdbcEscalationStore store = store(new UnwrapRefusingDataSource(db.dataSource()));

        importsHostileValuesIntact(store);
    }

    @Test
    void one_copy_fires_the_count_trigger_once_one_change_row_per_tenant() throws Exception {
        JdbcEscalationStore store = store(db.dataSource());
        int tasks = 2 * ArrayInserts.CHUNK + 7;

        store.tasks().openAll(plain(tasks));

        // Three tenants, one statement: three change rows holding every task (three per 10,000-row statement before).
        assertThat(db.query("SELECT COUNT(*), SUM(delta) FROM " + db.table("task_count_change")))
                .containsExactly(List.of("3", Integer.toString(tasks)));
    }

    /** Imports tasks whose every text field is hostile and reads each back as it went in. */
    private void importsHostileValuesIntact(JdbcEscalationStore store) {
        List<NewTask> hostile = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            Map<String, String> attributes = Map.of(
                    "value", value, "key " + value, "plain", "json", "{\"note\":\"" + value + "\"}", "empty", "");
            hostile.add(new NewTask(
                    "id " + i + " " + value,
                    "purchase-order",
                    "stage " + value,
                    "assignee " + value,
                    "priority " + value,
                    i % 2 == 0 ? Optional.of("tenant " + value) : Optional.empty(),
                    START.minus(Duration.ofSeconds(i + 1)).plusNanos(123_456_000L),
                    attributes));
        }

        List<WorkflowTask> imported = store.tasks().openAll(hostile);

        for (int i = 0; i < hostile.size(); i++) {
            NewTask task = hostile.get(i);
            WorkflowTask stored = store.tasks().find(task.id()).orElseThrow();
            assertThat(stored).as(task.id()).isEqualTo(imported.get(i));
            assertThat(stored.stage()).isEqualTo(task.stage());
            assertThat(stored.assignee()).isEqualTo(task.assignee());
            assertThat(stored.priority()).isEqualTo(task.priority());
            assertThat(stored.tenant()).isEqualTo(task.tenant());
            assertThat(stored.slaStart()).isEqualTo(task.slaStart());
            assertThat(stored.attributes()).isEqualTo(task.attributes());
            List<AuditEntry> entries = store.auditTrail().entriesFor(task.id());
            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(entry.type()).isEqualTo(AuditType.TASK_OPENED);
                assertThat(entry.tenant()).isEqualTo(task.tenant());
            });
        }
        assertThat(store.auditVerifier().verifyAll())
                .hasSizeGreaterThan(1)
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
    }

    private JdbcEscalationStore store(DataSource source) {
        JdbcEscalationStore store = db.storeBuilder(source, clock).build();
        store.createSchema();
        return store;
    }

    /** The task and audit inserts the store prepared, as "INSERT INTO table". */
    private Set<String> inserts(RecordedStatements recorded) {
        Set<String> tables = Set.of("INSERT INTO " + db.table("task") + " ", "INSERT INTO " + db.table("audit") + " ");
        return recorded.statements().keySet().stream()
                .flatMap(sql -> tables.stream().filter(sql::startsWith))
                .map(String::strip)
                .collect(Collectors.toSet());
    }

    /** {@code count} tasks of three tenants. */
    private List<NewTask> plain(int count) {
        List<Optional<String>> tenants = List.of(Optional.empty(), Optional.of("acme"), Optional.of("globex"));
        List<NewTask> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(new NewTask(
                    "OLD-" + i,
                    "purchase-order",
                    "Manager Approval",
                    "user-" + (i % 50),
                    "normal",
                    tenants.get(i % tenants.size()),
                    START.minus(Duration.ofSeconds(i)),
                    Map.of("amount", Integer.toString(i))));
        }
        return tasks;
    }
}
