package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.Scopes;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A row that makes no valid task or notification is skipped, counted and audited; the run goes on. */
abstract class UnreadableRowsTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final RecordingNotifier notifier = new RecordingNotifier();
    JdbcEscalationStore store;
    EscalationEngine engine;

    abstract TestDatabase db();

    @BeforeEach
    void setUp() {
        store = db().storeBuilder(db().dataSource(), clock)
                .unreadableRowRetry(Duration.ofHours(1))
                .build();
        store.createSchema();
        engine = EscalationEngine.builder()
                .repository(store.repository())
                .notifier(notifier)
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(dev.escalation.core.policy.EscalationTarget.user("dora"))
                        .build())
                .build();
    }

    @Test
    void a_task_row_with_an_unknown_status_is_skipped_counted_and_audited_while_the_others_run() throws SQLException {
        open("PO-good");
        open("PO-bad");
        db().execute("UPDATE " + db().table("task") + " SET status = 'ARCHIVED' WHERE id = 'PO-bad'");

        RunReport report = engine.runOnce();

        assertThat(report.tasksChecked()).isEqualTo(1);
        assertThat(store.unreadableRowsSkipped()).isEqualTo(1);
        assertThat(skipped("PO-bad")).singleElement().satisfies(e -> {
            assertThat(e.details().get("reason")).contains("unreadable row").contains("ARCHIVED");
            assertThat(e.details())
                    .containsEntry("retryAt", START.plus(Duration.ofHours(1)).toString());
        });
    }

    @Test
    void a_task_row_with_unparseable_attributes_is_skipped_and_audited() throws SQLException {
        open("PO-bad");
        db().execute("UPDATE " + db().table("task") + " SET attributes = '{not json' WHERE id = 'PO-bad'");

        engine.runOnce();

        assertThat(skipped("PO-bad"))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason")).contains("attributes must be a JSON object"));
    }

    @Test
    void unreadable_attributes_are_reported_without_quoting_them_since_they_may_be_sensitive() throws SQLException {
        open("PO-bad");
        db().execute("UPDATE " + db().table("task")
                + " SET attributes = '{\"salary\": \"98765-EUR\"' WHERE id = 'PO-bad'");

        engine.runOnce();

        assertThat(skipped("PO-bad"))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason"))
                        .contains("attributes must be a JSON object of strings, but was not (22 characters)")
                        .doesNotContain("98765"));
    }

    @Test
    void an_unreadable_task_row_waits_for_the_retry_delay_before_it_is_read_again() throws SQLException {
        open("PO-bad");
        db().execute("UPDATE " + db().table("task") + " SET holds = '[{\"from\":\"yesterday\"}]' WHERE id = 'PO-bad'");
        engine.runOnce();

        clock.advance(Duration.ofMinutes(59));
        engine.runOnce();
        assertThat(skipped("PO-bad")).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();
        assertThat(skipped("PO-bad")).hasSize(2);
        assertThat(store.unreadableRowsSkipped()).isEqualTo(2);
    }

    @Test
    void a_claim_fills_the_places_of_unreadable_rows_with_readable_ones() throws SQLException {
        open("PO-bad");
        clock.advance(Duration.ofSeconds(1));
        open("PO-good");
        db().execute("UPDATE " + db().table("task") + " SET escalation_level = -1 WHERE id = 'PO-bad'");

        var claimed = store.repository().claimDue(Scopes.run("runner", clock.now(), Duration.ofSeconds(60)), 1);

        assertThat(claimed).extracting(t -> t.id()).containsExactly("PO-good");
    }

    @Test
    void an_outbox_row_whose_payload_is_no_notification_is_given_up_and_audited() throws SQLException {
        open("PO-1");
        clock.advance(Duration.ofHours(22));
        engine.runOnce();
        db().execute("UPDATE " + db().table("outbox")
                + " SET status = 'PENDING', payload = '{\"type\":\"SMOKE_SIGNAL\"}'");
        notifier.clear();

        engine.runOnce();

        assertThat(notifier.delivered()).isEmpty();
        assertThat(store.unreadableRowsSkipped()).isEqualTo(1);
        assertThat(store.auditTrail().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.taskId()).isEqualTo("PO-1");
                    assertThat(e.details().get("error")).contains("unreadable outbox row");
                });
        clock.advance(Duration.ofDays(1));
        assertThat(store.repository().claimNotifications(Scopes.at(clock.now()), 10))
                .isEmpty();
    }

    @Test
    void the_entries_of_unreadable_rows_have_version_7_ids_of_their_instant_as_the_engines_entries_do()
            throws SQLException {
        open("PO-1");
        open("PO-bad");
        clock.advance(Duration.ofHours(22));
        engine.runOnce();
        db().execute("UPDATE " + db().table("outbox")
                + " SET status = 'PENDING', payload = '{\"type\":\"SMOKE_SIGNAL\"}'");
        db().execute("UPDATE " + db().table("task") + " SET status = 'ARCHIVED' WHERE id = 'PO-bad'");
        clock.advance(Duration.ofHours(3));

        engine.runOnce();

        List<AuditEntry> unreadable = store.auditTrail().entries().stream()
                .filter(e -> e.type() == AuditType.TASK_SKIPPED || e.type() == AuditType.NOTIFICATION_GIVEN_UP)
                .toList();
        assertThat(unreadable).extracting(AuditEntry::type).contains(AuditType.TASK_SKIPPED);
        assertThat(unreadable).extracting(AuditEntry::type).contains(AuditType.NOTIFICATION_GIVEN_UP);
        assertThat(unreadable).allSatisfy(e -> {
            UUID id = UUID.fromString(e.id());
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.getMostSignificantBits() >>> 16)
                    .isEqualTo(e.occurredAt().toEpochMilli());
        });
    }

    private void open(String id) {
        store.tasks().open(NewTask.of(id, "purchase-order", "Approval", "alice", clock.now()));
    }

    private List<AuditEntry> skipped(String id) {
        return store.auditTrail().entriesFor(id).stream()
                .filter(e -> e.type() == AuditType.TASK_SKIPPED)
                .toList();
    }

    static final class OnPostgres extends UnreadableRowsTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends UnreadableRowsTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    /** The store as on Citus (one tenant per transaction) on PostgreSQL's server: tasks without a tenant, under ''. */
    static final class OnCitusTables extends UnreadableRowsTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.citusTablesOnPostgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
