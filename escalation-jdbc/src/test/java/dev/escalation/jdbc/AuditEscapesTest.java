package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.AuditVerification.Problem;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No row of the audit table escapes verification: whatever chain, place or order a row was given
 * with SQL, {@code verifyAll()} walks it and reports it, naming its chain and place - also when its
 * hash was computed correctly, as anyone can from the published formula.
 */
abstract class AuditEscapesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    JdbcEscalationStore store;
    AuditForgery forgery;

    abstract TestDatabase db();

    /** The global chain: 20 entries of five escalated tasks; the chain 'tenant:acme': a task opened and completed. */
    @BeforeEach
    void writeATrail() {
        // One stripe: these tests walk the single chain 'global' (AuditStripesTest covers stripes).
        store = db().store(clock, b -> b.auditStripes(1));
        forgery = new AuditForgery(db());
        EscalationEngine engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(2))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(n -> {})
                .build();
        for (int i = 0; i < 5; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        store.tasks()
                .open(NewTask.of("ACME-1", "purchase-order", "Approval", "alice", START)
                        .withTenant("acme"));
        store.tasks().complete("ACME-1");
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(24)));
        engine.runOnce();
    }

    @Test
    void the_untouched_trail_verifies_in_every_chain() {
        assertThat(store.auditVerifier().verifyAll())
                .extracting(AuditVerification::chain, AuditVerification::intact)
                .containsExactly(tuple("global", true), tuple("tenant:acme", true));
    }

    @Test
    void a_row_in_a_chain_named_with_a_trailing_space_and_no_head_is_reported() throws SQLException {
        forgery.insert("forged", "tenant:acme ", 1, Optional.of("acme "), AuditChain.GENESIS);

        assertThat(store.auditTrail().entriesFor("PO-1"))
                .extracting(e -> e.id())
                .contains("forged");
        assertReported("tenant:acme ", 1, Problem.CHAIN_WITHOUT_HEAD, "forged");
    }

    @Test
    void a_row_in_a_chain_named_in_another_case_and_no_head_is_reported() throws SQLException {
        forgery.insert("forged", "tenant:ACME", 1, Optional.of("ACME"), AuditChain.GENESIS);

        assertReported("tenant:ACME", 1, Problem.CHAIN_WITHOUT_HEAD, "forged");
    }

    @Test
    void a_row_at_place_zero_of_a_real_chain_is_reported() throws SQLException {
        forgery.insert("forged", "global", 0, Optional.empty(), AuditChain.GENESIS);

        assertReported("global", 0, Problem.UNEXPECTED_ENTRY, "forged");
    }

    @Test
    void a_row_at_a_negative_place_of_a_real_chain_is_reported() throws SQLException {
        forgery.insert("forged", "global", -7, Optional.empty(), AuditChain.GENESIS);

        assertReported("global", -7, Problem.UNEXPECTED_ENTRY, "forged");
    }

    @Test
    void a_row_far_beyond_the_head_is_reported() throws SQLException {
        forgery.insert("forged", "global", 1_000_000, Optional.empty(), forgery.hashAt("global", 20));

        assertReported("global", 1_000_000, Problem.UNEXPECTED_ENTRY, "forged");
    }

    @Test
    void the_rows_of_a_chain_whose_head_row_was_deleted_are_reported() throws SQLException {
        db().execute("DELETE FROM " + db().table("audit_chain") + " WHERE chain = 'tenant:acme'");

        assertReported("tenant:acme", 1, Problem.CHAIN_WITHOUT_HEAD, entryAt("tenant:acme", 1));
    }

    @Test
    void a_second_row_at_a_taken_place_is_reported_once_the_unique_index_is_gone() throws SQLException {
        db().execute("DROP INDEX " + db().table("audit_chain_seq"));
        forgery.insert("forged", "global", 7, Optional.empty(), forgery.hashAt("global", 6));

        assertReported("global", 7, Problem.DUPLICATE_PLACE, null);
    }

    @Test
    void a_row_moved_to_another_tenant_with_recomputed_hashes_is_reported() throws SQLException {
        forgery.rewriteFrom("tenant:acme", 2, "tenant", "globex");

        assertReported("tenant:acme", 2, Problem.WRONG_CHAIN, entryAt("tenant:acme", 2));
    }

    @Test
    void rows_swapped_in_the_order_the_trail_is_read_are_reported() throws SQLException {
        List<List<String>> appendOrder = db().query("SELECT seq FROM " + db().table("audit")
                + " WHERE chain = 'global' AND chain_seq IN (4, 5) ORDER BY chain_seq");
        db().execute("UPDATE " + db().table("audit") + " SET seq = "
                + appendOrder.get(1).get(0) + " WHERE chain = 'global' AND chain_seq = 4");
        db().execute("UPDATE " + db().table("audit") + " SET seq = "
                + appendOrder.get(0).get(0) + " WHERE chain = 'global' AND chain_seq = 5");

        assertReported("global", 5, Problem.ORDER_CHANGED, entryAt("global", 5));
    }

    @Test
    void a_chain_without_a_head_is_reported_when_verified_by_name_or_by_tenant() throws SQLException {
        forgery.insert("forged", "tenant:acme ", 1, Optional.of("acme "), AuditChain.GENESIS);

        assertThat(store.auditVerifier().verifyChain("tenant:acme ").firstBreak())
                .hasValueSatisfying(b -> assertThat(b.problem()).isEqualTo(Problem.CHAIN_WITHOUT_HEAD));
        assertThat(store.auditVerifier().verify(Optional.of("acme ")).firstBreak())
                .hasValueSatisfying(b -> assertThat(b.entryId()).contains("forged"));
    }

    @Test
    void an_edited_hash_is_reported_at_its_entry() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET entry_hash = '" + "f".repeat(64)
                + "' WHERE chain = 'global' AND chain_seq = 8");

        assertReported("global", 8, Problem.CONTENT_CHANGED, entryAt("global", 8));
    }

    @Test
    void an_edited_link_is_reported_at_its_entry() throws SQLException {
        db().execute("UPDATE " + db().table("audit") + " SET prev_hash = '" + "e".repeat(64)
                + "' WHERE chain = 'global' AND chain_seq = 8");

        assertReported("global", 8, Problem.LINK_BROKEN, entryAt("global", 8));
    }

    @Test
    void a_tenant_edited_in_place_is_reported_as_belonging_to_another_chain() throws SQLException {
        db().execute("UPDATE " + db().table("audit")
                + " SET tenant = 'globex' WHERE chain = 'tenant:acme' AND chain_seq = 1");

        assertReported("tenant:acme", 1, Problem.WRONG_CHAIN, entryAt("tenant:acme", 1));
    }

    @Test
    void a_row_moved_into_another_chain_after_its_head_is_reported_in_both_chains() throws SQLException {
        String moved = entryAt("tenant:acme", 2);
        db().execute("UPDATE " + db().table("audit")
                + " SET chain = 'global', chain_seq = 21 WHERE chain = 'tenant:acme' AND chain_seq = 2");

        assertReported("global", 21, Problem.UNEXPECTED_ENTRY, moved);
        assertReported("tenant:acme", 2, Problem.HEAD_MISMATCH, null);
    }

    @Test
    void a_chain_longer_than_a_page_verifies_across_the_pages() throws SQLException {
        forgery.chain("tenant:bulk", Optional.of("bulk"), ChainWalk.PAGE + 500);

        AuditVerification result = store.auditVerifier().verify(Optional.of("bulk"));

        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(ChainWalk.PAGE + 500);
    }

    @Test
    void a_second_row_at_the_last_place_of_a_page_is_reported() throws SQLException {
        forgery.chain("tenant:bulk", Optional.of("bulk"), ChainWalk.PAGE + 500);
        db().execute("DROP INDEX " + db().table("audit_chain_seq"));
        forgery.insert(
                "forged", "tenant:bulk", ChainWalk.PAGE, Optional.of("bulk"), forgery.hashAt("tenant:bulk", 999));

        assertReported("tenant:bulk", ChainWalk.PAGE, Problem.DUPLICATE_PLACE, null);
    }

    private void assertReported(String chain, long seq, Problem problem, String entryId) {
        List<AuditVerification> all = store.auditVerifier().verifyAll();

        assertThat(all).filteredOn(v -> v.chain().equals(chain)).singleElement().satisfies(v -> {
            assertThat(v.intact()).isFalse();
            AuditVerification.Break found = v.firstBreak().orElseThrow();
            assertThat(found.chainSeq()).isEqualTo(seq);
            assertThat(found.problem()).isEqualTo(problem);
            if (entryId != null) {
                assertThat(found.entryId()).contains(entryId);
            }
            assertThat(found.message()).contains("'" + chain + "'");
        });
    }

    private String entryAt(String chain, long seq) throws SQLException {
        return db().query("SELECT entry_id FROM " + db().table("audit") + " WHERE chain = '" + chain
                        + "' AND chain_seq = " + seq)
                .get(0)
                .get(0);
    }

    static final class OnPostgres extends AuditEscapesTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends AuditEscapesTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
