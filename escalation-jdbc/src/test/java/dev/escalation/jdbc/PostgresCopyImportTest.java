package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.RecordedStatements;
import dev.escalation.jdbc.testing.TestDatabase;
import dev.escalation.jdbc.testing.UnwrapRefusingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On PostgreSQL an import streams its task and audit rows with {@code COPY} when the connection
 * unwraps to pgjdbc, and inserts {@code unnest} arrays through a pool that cannot unwrap; either way
 * every value comes back as it was imported (tabs, newlines, backslashes, {@code \N}, quotes, JSON,
 * any Unicode), the audit chains verify, and V5's statement-level trigger counts the rows. The
 * {@code COPY} is in the binary format: each column is compared with what the {@code unnest} arrays
 * (text parsed by the server) store for the same import.
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

    /** A second schema on the same server, imported into through the unnest arrays, to compare with {@link #db}. */
    @RegisterExtension
    final TestDatabase arraysDb = TestDatabase.postgres();

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

    @ParameterizedTest(name = "now {0}")
    @ValueSource(
            strings = {
                "2026-01-05T09:00:00.123456789Z",
                "1999-12-31T23:59:59.999999999Z",
                "1969-07-20T20:17:40.000000500Z",
                "0001-01-02T03:04:05.678901234Z",
                "9000-12-31T23:59:59.999999999Z"
            })
    void copy_stores_every_task_and_audit_column_as_the_unnest_arrays_store_it(String now) throws Exception {
        ManualClock at = ManualClock.at(Instant.parse(now));
        JdbcEscalationStore copied = db.storeBuilder(db.dataSource(), at).build();
        copied.createSchema();
        JdbcEscalationStore arrays = arraysDb.storeBuilder(new UnwrapRefusingDataSource(arraysDb.dataSource()), at)
                .build();
        arrays.createSchema();
        List<NewTask> tasks = hostileTasks(at.now());

        copied.tasks().openAll(tasks);
        arrays.tasks().openAll(tasks);

        assertThat(db.query(taskRows(db))).hasSize(tasks.size()).isEqualTo(arraysDb.query(taskRows(arraysDb)));
        assertThat(db.query(auditRows(db))).hasSize(tasks.size()).isEqualTo(arraysDb.query(auditRows(arraysDb)));
    }

    @Test
    void an_id_stored_already_fails_the_copy_midway_and_rolls_the_whole_import_back() throws Exception {
        JdbcEscalationStore store = store(db.dataSource());
        // ~250 bytes a row: the duplicate is sent pieces after the copy began inserting.
        int tasks = 3_000;
        String stored = "OLD-" + (tasks - 2);
        store.tasks().open(NewTask.of(stored, "purchase-order", "Manager Approval", "alice", START));
        List<List<String>> before = db.query(tableCounts());

        assertThatThrownBy(() -> store.tasks().openAll(plain(tasks)))
                .isInstanceOf(DuplicateTaskException.class)
                .hasMessageContaining("'" + stored + "'");

        assertThat(db.query(tableCounts())).isEqualTo(before).containsExactly(List.of("1", "1", "1", "1"));
        store.tasks().openAll(plain(tasks - 2));
        assertThat(store.auditVerifier().verifyAll())
                .allSatisfy(
                        chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
    }

    @Test
    void text_holding_nul_fails_the_copy_as_postgresql_refuses_nul_in_text() throws Exception {
        store(db.dataSource());
        String table = db.table("nul_probe");
        db.execute("CREATE TABLE " + table + " (v TEXT)");
        CopyInserts<String> copy = new CopyInserts<>(table, List.of(ArrayInserts.Column.text("v", v -> v)));

        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> copy.insert(c, List.of("before", "a\u0000b")))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState())
                                    .as("character_not_in_repertoire")
                                    .isEqualTo("22021"));
        }
        assertThat(db.query("SELECT COUNT(*) FROM " + table)).containsExactly(List.of("0"));
    }

    /**
     * Tasks whose every text field is hostile (and an attribute value empty), every other one without
     * a tenant, SLA starts before {@code now} with nanoseconds.
     */
    private static List<NewTask> hostileTasks(Instant now) {
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            Map<String, String> attributes = Map.of(
                    "value", value, "key " + value, "plain", "json", "{\"note\":\"" + value + "\"}", "empty", "");
            tasks.add(new NewTask(
                    "id " + i + " " + value,
                    "purchase-order",
                    "stage " + value,
                    "assignee " + value,
                    "priority " + value,
                    i % 2 == 0 ? Optional.of("tenant " + value) : Optional.empty(),
                    now.minus(Duration.ofSeconds(i + 1)).plusNanos(123_456_789L),
                    attributes));
        }
        return tasks;
    }

    /** Every column of every task row, the instants as exact microseconds too (not only as text in the session's zone). */
    private static String taskRows(TestDatabase in) {
        return "SELECT t.*, (EXTRACT(EPOCH FROM sla_start) * 1000000)::int8, (EXTRACT(EPOCH FROM next_check_at)"
                + " * 1000000)::int8, (EXTRACT(EPOCH FROM created_at) * 1000000)::int8 FROM " + in.table("task")
                + " t ORDER BY id";
    }

    /** Every column of every audit row but its random id, the hashes over it and the insertion sequence. */
    private static String auditRows(TestDatabase in) {
        return "SELECT type, task_id, tenant, occurred_at, (EXTRACT(EPOCH FROM occurred_at) * 1000000)::int8, actor,"
                + " escalation_level, from_assignee, to_assignee, step_key, details, chain, chain_seq FROM "
                + in.table("audit") + " ORDER BY task_id";
    }

    /** Tasks, audit rows, chain heads and count changes: what an import adds to. */
    private String tableCounts() {
        return "SELECT (SELECT COUNT(*) FROM " + db.table("task") + "), (SELECT COUNT(*) FROM " + db.table("audit")
                + "), (SELECT COUNT(*) FROM " + db.table("audit_chain") + "), (SELECT COUNT(*) FROM "
                + db.table("task_count_change") + ")";
    }

    /** Imports tasks whose every text field is hostile and reads each back as it went in. */
    private void importsHostileValuesIntact(JdbcEscalationStore store) {
        List<NewTask> hostile = hostileTasks(START);

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
