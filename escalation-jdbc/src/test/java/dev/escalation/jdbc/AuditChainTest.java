package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.AuditVerification.Problem;
import dev.escalation.jdbc.testing.Scopes;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit table is a hash chain per tenant: rows changed, deleted or inserted with plain SQL are
 * found by the verifier at the first place where they break the chain.
 */
abstract class AuditChainTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final SlaPolicy policy = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();
    JdbcEscalationStore store;

    abstract TestDatabase db();

    /** Five tasks opened, warned and escalated: 5 opened + 5 warnings + 5 escalations + 5 breaches = 20 entries. */
    @BeforeEach
    void writeATrail() {
        // One stripe: these tests walk the single chain 'global' (AuditStripesTest covers stripes).
        store = db().store(clock, b -> b.auditStripes(1));
        EscalationEngine engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(n -> {})
                .build();
        for (int i = 0; i < 5; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(24)));
        engine.runOnce();
    }

    @Test
    void an_untouched_trail_verifies_and_names_its_head() {
        AuditVerification result = verifier().verify(Optional.empty());

        assertThat(result.intact()).isTrue();
        assertThat(result.chain()).isEqualTo("global");
        assertThat(result.entriesChecked()).isEqualTo(20);
        assertThat(result.headSeq()).isEqualTo(20);
        assertThat(result.headHash()).hasSize(64).isEqualTo(column("entry_hash", 20));
    }

    @Test
    void each_entry_links_to_the_hash_of_the_entry_before_it() throws SQLException {
        for (int seq = 2; seq <= 20; seq++) {
            assertThat(column("prev_hash", seq)).as("place %d", seq).isEqualTo(column("entry_hash", seq - 1));
        }
        assertThat(column("prev_hash", 1)).isEqualTo("0".repeat(64));
    }

    @Test
    void a_changed_assignee_is_reported_at_its_entry() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET to_assignee = 'mallory' WHERE chain_seq = 12");

        assertBrokenAt(12, Problem.CONTENT_CHANGED, "was changed after it was written");
    }

    @Test
    void changed_details_are_reported_at_their_entry() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET details = '{\"policy\":\"lenient\"}' WHERE chain_seq = 7");

        assertBrokenAt(7, Problem.CONTENT_CHANGED, "hashes to");
    }

    @Test
    void a_changed_instant_is_reported_at_its_entry() throws SQLException {
        db().execute("UPDATE " + db().table("audit")
                + " SET occurred_at = occurred_at + INTERVAL '1' HOUR WHERE chain_seq = 3");

        assertBrokenAt(3, Problem.CONTENT_CHANGED, "entry ");
    }

    @Test
    void an_entry_changed_together_with_its_own_hash_breaks_the_link_of_the_next() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET to_assignee = 'mallory', entry_hash = '" + "f".repeat(64)
                + "' WHERE chain_seq = 12");

        AuditVerification result = verifier().verify(Optional.empty());

        assertThat(result.firstBreak())
                .hasValueSatisfying(b -> assertThat(b.chainSeq()).isEqualTo(12));
        db().execute("UPDATE " + db().table("audit") + " SET to_assignee = NULL WHERE chain_seq = 12");
        assertBrokenAt(12, Problem.CONTENT_CHANGED, "hashes to");
    }

    @Test
    void a_deleted_entry_in_the_middle_is_reported_as_missing() throws SQLException {
        db().execute("DELETE FROM " + db().table("audit") + " WHERE chain_seq = 9");

        assertBrokenAt(9, Problem.ENTRIES_MISSING, "places 9..9");
    }

    @Test
    void a_deleted_last_entry_is_reported_against_the_head() throws SQLException {
        db().execute("DELETE FROM " + db().table("audit") + " WHERE chain_seq = 20");

        assertBrokenAt(20, Problem.HEAD_MISMATCH, "its head names place 20");
    }

    @Test
    void a_deleted_entry_whose_successors_were_renumbered_breaks_the_link() throws SQLException {
        db().execute("DELETE FROM " + db().table("audit") + " WHERE chain_seq = 9");
        db().execute("UPDATE " + db().table("audit") + " SET chain_seq = chain_seq - 1 WHERE chain_seq > 9");

        assertBrokenAt(9, Problem.LINK_BROKEN, "links to");
    }

    @Test
    void an_inserted_entry_after_the_last_is_reported_even_with_a_correct_link() throws SQLException {
        String last = column("entry_hash", 20);
        insertForged(21, last, "f".repeat(64));

        assertBrokenAt(21, Problem.UNEXPECTED_ENTRY, "outside the chain's span 1..20");
    }

    @Test
    void an_inserted_entry_in_the_middle_breaks_the_chain_where_it_was_put() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET chain_seq = chain_seq + 100 WHERE chain_seq > 10");
        db().execute("UPDATE " + db().table("audit") + " SET chain_seq = chain_seq - 99 WHERE chain_seq > 100");
        insertForged(11, column("entry_hash", 10), "e".repeat(64));

        assertBrokenAt(11, Problem.CONTENT_CHANGED, "entry forged");
    }

    @Test
    void two_entries_swapped_break_the_link_at_the_first_of_them() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET chain_seq = 1000 WHERE chain_seq = 5");
        db().execute("UPDATE " + db().table("audit") + " SET chain_seq = 5 WHERE chain_seq = 6");
        db().execute("UPDATE " + db().table("audit") + " SET chain_seq = 6 WHERE chain_seq = 1000");

        assertBrokenAt(5, Problem.LINK_BROKEN, "links to");
    }

    @Test
    void each_tenant_has_a_chain_of_its_own_that_verifies_alone() throws SQLException {
        store.tasks()
                .open(NewTask.of("ACME-1", "purchase-order", "Approval", "alice", clock.now())
                        .withTenant("acme"));
        store.tasks()
                .open(NewTask.of("GLOBEX-1", "purchase-order", "Approval", "alice", clock.now())
                        .withTenant("globex"));
        store.tasks().complete("ACME-1");
        db().execute("UPDATE " + db().table("audit") + " SET actor = 'mallory' WHERE task_id = 'GLOBEX-1'");

        List<AuditVerification> all = verifier().verifyAll();

        assertThat(all).extracting(AuditVerification::chain).containsExactly("global", "tenant:acme", "tenant:globex");
        assertThat(all).extracting(AuditVerification::intact).containsExactly(true, true, false);
        assertThat(verifier().verify(Optional.of("acme")).entriesChecked()).isEqualTo(2);
        assertThat(verifier()
                        .verify(Optional.of("globex"))
                        .firstBreak()
                        .orElseThrow()
                        .problem())
                .isEqualTo(Problem.CONTENT_CHANGED);
    }

    @Test
    void an_entry_offered_again_is_stored_once_and_the_chain_stays_intact() {
        AuditEntry failure = new AuditEntry(
                UUID.randomUUID().toString(),
                AuditType.TASK_FAILED,
                "PO-1",
                Optional.empty(),
                clock.now(),
                "run-1",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("error", "boom"));

        store.repository().appendAudit(Scopes.at(clock.now()), List.of(failure));
        store.repository().appendAudit(Scopes.at(clock.now()), List.of(failure, failure));

        assertThat(store.auditTrail().entriesOf(AuditType.TASK_FAILED)).containsExactly(failure);
        assertThat(verifier().verify(Optional.empty())).satisfies(r -> {
            assertThat(r.intact()).isTrue();
            assertThat(r.headSeq()).isEqualTo(21);
        });
    }

    private AuditVerifier verifier() {
        return store.auditVerifier();
    }

    private void assertBrokenAt(long seq, Problem problem, String messagePart) {
        AuditVerification result = verifier().verify(Optional.empty());
        assertThat(result.intact()).isFalse();
        assertThat(result.entriesChecked()).isEqualTo(seq - 1);
        assertThat(result.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.chainSeq()).isEqualTo(seq);
            assertThat(b.problem()).isEqualTo(problem);
            assertThat(b.message()).contains(messagePart);
        });
    }

    private void insertForged(long seq, String previousHash, String hash) throws SQLException {
        db().execute("INSERT INTO " + db().table("audit")
                + " (entry_id, type, task_id, occurred_at, actor, escalation_level, details,"
                + " chain, chain_seq, prev_hash, entry_hash) VALUES ('forged', 'TASK_COMPLETED', 'PO-1', TIMESTAMP WITH TIME ZONE"
                + " '2026-01-06 09:00:00+00', 'host', 0, '{}', 'global', " + seq + ", '" + previousHash + "', '" + hash
                + "')");
    }

    private String column(String column, long seq) {
        try {
            List<List<String>> rows = db().query("SELECT " + column + " FROM " + db().table("audit")
                    + " WHERE chain = 'global' AND chain_seq = " + seq);
            assertThat(rows).as("an entry at place %d", seq).hasSize(1);
            return rows.get(0).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class OnPostgres extends AuditChainTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends AuditChainTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
