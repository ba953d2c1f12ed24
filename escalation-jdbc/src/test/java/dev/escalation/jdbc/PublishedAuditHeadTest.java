package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chain's head, published somewhere the database's administrators cannot write, catches what the
 * chain alone cannot: a tail rewritten with every hash and the head recomputed, or cut off with the
 * head moved back. Verifying against it proves the published head is still a place of the chain.
 */
abstract class PublishedAuditHeadTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    JdbcEscalationStore store;
    AuditForgery forgery;
    AuditHead published;

    abstract TestDatabase db();

    /** The global chain: 20 entries of five escalated tasks; its head at place 20 is published. */
    @BeforeEach
    void writeATrailAndPublishItsHead() {
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
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(24)));
        engine.runOnce();
        published = store.auditVerifier().head("global").orElseThrow();
    }

    @Test
    void the_head_names_the_chains_last_place_and_its_hash() throws SQLException {
        assertThat(published).isEqualTo(new AuditHead("global", 20, forgery.hashAt("global", 20)));
        assertThat(store.auditVerifier().verifyChain("global").head()).isEqualTo(published);
    }

    @Test
    void a_chain_that_never_had_an_entry_has_no_head() {
        assertThat(store.auditVerifier().head("tenant:nobody")).isEmpty();
    }

    @Test
    void an_untouched_chain_passes_through_its_published_head() {
        assertThat(verifyAgainstPublished().intact()).isTrue();
    }

    @Test
    void a_published_head_still_verifies_after_more_entries_are_appended() {
        store.tasks().open(NewTask.of("PO-9", "purchase-order", "Approval", "alice", clock.now()));
        store.tasks().complete("PO-9");

        AuditVerification result = verifyAgainstPublished();

        assertThat(result.intact()).isTrue();
        assertThat(result.headSeq()).isEqualTo(22);
        assertThat(result.entriesChecked()).isEqualTo(22);
    }

    @Test
    void a_tail_rewritten_with_recomputed_hashes_verifies_alone_but_not_against_the_published_head()
            throws SQLException {
        forgery.rewriteFrom("global", 12, "to_assignee", "mallory");

        assertThat(store.auditVerifier().verifyChain("global").intact()).isTrue();
        AuditVerification result = verifyAgainstPublished();
        assertThat(result.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.problem()).isEqualTo(Problem.PUBLISHED_HEAD_MISMATCH);
            assertThat(b.chainSeq()).isEqualTo(20);
            assertThat(b.message()).contains("chain 'global' place 20", published.hash());
        });
    }

    @Test
    void a_tail_rewritten_only_after_the_published_place_is_not_seen_by_it() throws SQLException {
        AuditHead earlier = new AuditHead("global", 10, forgery.hashAt("global", 10));
        forgery.rewriteFrom("global", 12, "to_assignee", "mallory");

        assertThat(store.auditVerifier()
                        .verify("global", earlier.place(), earlier.hash())
                        .intact())
                .isTrue();
    }

    @Test
    void a_tail_cut_off_with_the_head_moved_back_fails_against_the_published_head() throws SQLException {
        db().execute("DELETE FROM " + db().table("audit") + " WHERE chain = 'global' AND chain_seq > 15");
        forgery.moveHeadTo("global", 15);

        assertThat(store.auditVerifier().verifyChain("global").intact()).isTrue();
        assertThat(verifyAgainstPublished().firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.problem()).isEqualTo(Problem.PUBLISHED_HEAD_MISMATCH);
            assertThat(b.chainSeq()).isEqualTo(20);
            assertThat(b.message()).contains("ends at place 15, before the published place 20");
        });
    }

    @Test
    void a_published_head_that_retention_deleted_cannot_be_checked_and_is_reported() throws SQLException {
        AuditHead earlier = new AuditHead("global", 10, forgery.hashAt("global", 10));
        clock.set(START.plus(Duration.ofDays(30)));
        store.tasks().open(NewTask.of("PO-9", "purchase-order", "Approval", "alice", clock.now()));
        store.purge(RetentionPolicy.keep(Duration.ofDays(7), Duration.ofDays(7)));

        assertThat(verifyAgainstPublished().intact())
                .as("the anchor keeps the last deleted hash")
                .isTrue();
        assertThat(store.auditVerifier()
                        .verify("global", earlier.place(), earlier.hash())
                        .firstBreak())
                .hasValueSatisfying(b -> {
                    assertThat(b.problem()).isEqualTo(Problem.PUBLISHED_HEAD_DELETED);
                    assertThat(b.chainSeq()).isEqualTo(10);
                    assertThat(b.message()).contains("anchor at place 20");
                });
    }

    @Test
    void an_anchor_moved_by_hand_over_a_rewritten_chain_fails_against_the_published_head() throws SQLException {
        forgery.rewriteFrom("global", 12, "to_assignee", "mallory");
        String newAnchor = forgery.hashAt("global", 20);
        db().execute("DELETE FROM " + db().table("audit") + " WHERE chain = 'global'");
        db().execute("UPDATE " + db().table("audit_chain") + " SET anchor_seq = 20, anchor_hash = '" + newAnchor
                + "' WHERE chain = 'global'");

        assertThat(store.auditVerifier().verifyChain("global").intact()).isTrue();
        assertThat(verifyAgainstPublished().firstBreak())
                .hasValueSatisfying(b -> assertThat(b.problem()).isEqualTo(Problem.PUBLISHED_HEAD_MISMATCH));
    }

    @Test
    void a_negative_published_place_is_rejected_naming_it() {
        assertThatThrownBy(() -> store.auditVerifier().verify("global", -1, published.hash()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishedPlace must be 0 or more, but was -1");
    }

    @Test
    void a_published_hash_that_is_not_64_lower_case_hex_digits_is_rejected_naming_it() {
        String upper = published.hash().toUpperCase(java.util.Locale.ROOT);

        assertThatThrownBy(() -> store.auditVerifier().verify("global", 20, upper))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishedHash must be 64 lower-case hex digits, but was '" + upper + "'");
    }

    private AuditVerification verifyAgainstPublished() {
        return store.auditVerifier().verify(published.chain(), published.place(), published.hash());
    }

    static final class OnPostgres extends PublishedAuditHeadTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends PublishedAuditHeadTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
