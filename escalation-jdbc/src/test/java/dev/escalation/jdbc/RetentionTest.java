package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.Scopes;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention keeps the outbox and the audit table from growing forever: finished notifications and
 * old audit entries go in small batches, pending notifications never, and each audit chain keeps an
 * anchor so that what remains still verifies.
 */
abstract class RetentionTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final RetentionPolicy WEEK_AND_MONTH =
            RetentionPolicy.keep(Duration.ofDays(7), Duration.ofDays(30)).withBatchSize(4);

    final ManualClock clock = ManualClock.at(START);
    final SlaPolicy policy = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();
    JdbcEscalationStore store;

    abstract TestDatabase db();

    /** Ten tasks warned (one notification each, delivered) in the first days; task 0's is still pending. */
    @BeforeEach
    void fillTheTables() {
        // One stripe: these tests walk the single chain 'global' (AuditStripesTest covers stripes).
        store = db().store(clock, b -> b.auditStripes(1));
        for (int i = 0; i < 10; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        clock.set(START.plus(Duration.ofHours(22)));
        EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(n -> {
                    if (n.taskId().equals("PO-0")) {
                        throw new IllegalStateException("mailbox full");
                    }
                })
                .build()
                .runOnce();
        for (int i = 1; i < 10; i++) {
            store.tasks().complete("PO-" + i);
        }
    }

    @Test
    void finished_notifications_older_than_their_age_go_in_batches_and_pending_ones_stay() {
        clock.set(START.plus(Duration.ofDays(10)));

        RetentionReport report = store.purge(WEEK_AND_MONTH);

        assertThat(report.notificationsDeleted()).isEqualTo(9);
        assertThat(report.batches()).isGreaterThanOrEqualTo(3);
        assertThat(outboxStatuses())
                .containsOnlyKeys("PO-0/0/WARNING/1/assignee")
                .containsValue("PENDING");
        assertThat(report.auditEntriesDeleted()).isZero();
    }

    @Test
    void young_finished_notifications_stay() {
        clock.set(START.plus(Duration.ofDays(5)));

        assertThat(store.purge(WEEK_AND_MONTH).notificationsDeleted()).isZero();
        assertThat(outboxStatuses()).hasSize(10);
    }

    @Test
    void purging_finished_notifications_by_cut_off_deletes_them_all() {
        assertThat(store.purgeFinishedNotifications(START.plus(Duration.ofDays(1))))
                .isEqualTo(9);
        assertThat(outboxStatuses()).hasSize(1);
    }

    @Test
    void old_audit_entries_go_and_the_rest_of_the_chain_still_verifies_from_its_anchor() {
        clock.set(START.plus(Duration.ofDays(40)));
        store.tasks().open(NewTask.of("PO-new", "purchase-order", "Approval", "alice", clock.now()));
        int before = store.auditTrail().entries().size();

        RetentionReport report = store.purge(WEEK_AND_MONTH);

        assertThat(report.auditEntriesDeleted()).isEqualTo(before - 1);
        assertThat(store.auditTrail().entries()).extracting(AuditEntry::taskId).containsExactly("PO-new");
        AuditVerification chain = store.auditVerifier().verify(Optional.empty());
        assertThat(chain.intact()).isTrue();
        assertThat(chain.anchorSeq()).isEqualTo(before - 1);
        assertThat(chain.entriesChecked()).isEqualTo(1);
    }

    @Test
    void only_a_prefix_of_a_chain_goes_so_an_old_entry_behind_a_young_one_waits() {
        clock.set(START.plus(Duration.ofDays(40)));
        store.tasks().open(NewTask.of("PO-new", "purchase-order", "Approval", "alice", clock.now()));
        AuditEntry late = new AuditEntry(
                UUID.randomUUID().toString(),
                AuditType.TASK_FAILED,
                "PO-1",
                Optional.empty(),
                START,
                "run-9",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("error", "reported late"));
        store.repository().appendAudit(Scopes.at(clock.now()), List.of(late));

        store.purge(WEEK_AND_MONTH);

        assertThat(store.auditTrail().entries()).extracting(AuditEntry::taskId).containsExactly("PO-new", "PO-1");
        assertThat(store.auditVerifier().verify(Optional.empty()).intact()).isTrue();
    }

    @Test
    void tampering_after_a_purge_is_still_found() throws SQLException {
        clock.set(START.plus(Duration.ofDays(40)));
        store.tasks().open(NewTask.of("PO-new", "purchase-order", "Approval", "alice", clock.now()));
        store.tasks().complete("PO-new");
        store.purge(WEEK_AND_MONTH);

        db().execute("UPDATE " + db().table("audit")
                + " SET actor = 'mallory' WHERE task_id = 'PO-new' AND type = 'TASK_OPENED'");

        assertThat(store.auditVerifier().verify(Optional.empty()).firstBreak())
                .hasValueSatisfying(b -> assertThat(b.problem()).isEqualTo(AuditVerification.Problem.CONTENT_CHANGED));
    }

    @Test
    void deleted_entries_are_handed_to_the_archive_first_oldest_first() {
        List<AuditEntry> all = store.auditTrail().entries();
        clock.set(START.plus(Duration.ofDays(40)));
        InMemoryAuditSink archive = new InMemoryAuditSink();

        store.purge(WEEK_AND_MONTH, archive);

        assertThat(archive.entries()).containsExactlyElementsOf(all);
    }

    @Test
    void a_failing_archive_keeps_its_batch() {
        int before = store.auditTrail().entries().size();
        clock.set(START.plus(Duration.ofDays(40)));

        assertThatThrownBy(() -> store.purge(WEEK_AND_MONTH, entries -> {
                    throw new IllegalStateException("archive offline");
                }))
                .isInstanceOf(EscalationStoreException.class)
                .hasMessageContaining("archive offline");

        assertThat(store.auditTrail().entries()).hasSize(before);
        assertThat(store.auditVerifier().verify(Optional.empty()).intact()).isTrue();
    }

    @Test
    void a_policy_rejects_a_zero_age_or_batch() {
        assertThatThrownBy(() -> RetentionPolicy.keep(Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("finishedNotifications must be positive, but was PT0S");
        assertThatThrownBy(() -> WEEK_AND_MONTH.withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be positive, but was 0");
    }

    private Map<String, String> outboxStatuses() {
        Map<String, String> statuses = new HashMap<>();
        try {
            db().query("SELECT idempotency_key, status FROM " + db().table("outbox"))
                    .forEach(row -> statuses.put(row.get(0), row.get(1)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statuses;
    }

    static final class OnPostgres extends RetentionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends RetentionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    /** The store as on Citus (one tenant per transaction) on PostgreSQL's server: tasks without a tenant, under ''. */
    static final class OnCitusTables extends RetentionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.citusTablesOnPostgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
