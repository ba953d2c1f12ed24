package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.AuditVerification;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.testing.FirstStep;
import dev.escalation.jdbc.testing.SchemaUpgrade;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A version 4 database whose audit entries without a tenant all lie in the single chain
 * {@code global}, as every store wrote them before stripes: after the upgrade the store appends to
 * stripes beside it, the old chain still verifies, and tampering in the old chain or in a new stripe
 * is found in that chain alone. Stripes need no schema change: the chain column names them.
 */
abstract class StripedAuditUpgradeTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final SlaPolicy POLICY = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();

    final ManualClock clock = ManualClock.at(START);

    abstract TestDatabase db();

    @Test
    void the_old_global_chain_and_the_new_stripes_verify_side_by_side_after_the_upgrade() throws Exception {
        upgraded().toLatest(db -> {
            List<AuditVerification> all =
                    appendAfterTheUpgrade(db).auditVerifier().verifyAll();

            assertThat(all)
                    .allSatisfy(v -> assertThat(v.firstBreak()).as(v.chain()).isEmpty());
            assertThat(all)
                    .filteredOn(v -> v.chain().equals("global"))
                    .singleElement()
                    .satisfies(v -> assertThat(v.entriesChecked())
                            .as("opened before the upgrade")
                            .isEqualTo(5));
            assertThat(all)
                    .filteredOn(v -> v.chain().matches("global:\\d+/16"))
                    .as("the stripes after the upgrade")
                    .isNotEmpty();
            assertThat(all.stream().mapToLong(AuditVerification::entriesChecked).sum())
                    .as("5 tasks x 4 entries, 5 more opened after the upgrade")
                    .isEqualTo(25);
        });
    }

    @Test
    void an_entry_changed_in_the_old_global_chain_is_found_there_after_the_upgrade() throws Exception {
        upgraded().toLatest(db -> {
            appendAfterTheUpgrade(db);
            db.execute(
                    "UPDATE " + db.table("audit") + " SET actor = 'mallory' WHERE chain = 'global' AND chain_seq = 3");

            List<AuditVerification> all = striped(db).auditVerifier().verifyAll();

            assertThat(all).filteredOn(v -> !v.intact()).singleElement().satisfies(v -> {
                assertThat(v.chain()).isEqualTo("global");
                assertThat(v.firstBreak().orElseThrow().chainSeq()).isEqualTo(3);
            });
        });
    }

    @Test
    void an_entry_removed_from_a_new_stripe_is_found_there_after_the_upgrade() throws Exception {
        upgraded().toLatest(db -> {
            appendAfterTheUpgrade(db);
            String stripe = db.query("SELECT chain FROM " + db.table("audit")
                            + " WHERE chain LIKE 'global:%' GROUP BY chain HAVING COUNT(*) > 1 ORDER BY chain")
                    .get(0)
                    .get(0);
            db.execute("DELETE FROM " + db.table("audit") + " WHERE chain = '" + stripe + "' AND chain_seq = 1");

            List<AuditVerification> all = striped(db).auditVerifier().verifyAll();

            assertThat(all).filteredOn(v -> !v.intact()).singleElement().satisfies(v -> {
                assertThat(v.chain()).isEqualTo(stripe);
                assertThat(v.firstBreak().orElseThrow().problem()).isEqualTo(AuditVerification.Problem.ENTRIES_MISSING);
            });
        });
    }

    /**
     * Version 4 with five tasks opened, their entries in the chain {@code global} (one stripe: the
     * store's behaviour before stripes). Only opened: a store of a later version can still open tasks
     * on version 4's tables, as a host did.
     */
    private SchemaUpgrade upgraded() throws Exception {
        return SchemaUpgrade.from(db(), "4")
                .holding(db -> FirstStep.withLaterColumns(db, 4, () -> {
                    JdbcEscalationStore before = db.storeBuilder(db.dataSource(), clock)
                            .auditStripes(1)
                            .build();
                    for (int i = 0; i < 5; i++) {
                        before.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
                    }
                    assertThat(db.query("SELECT DISTINCT chain FROM " + db.table("audit")))
                            .containsExactly(List.of("global"));
                }));
    }

    /** After the upgrade, on today's defaults: the five tasks warned and escalated, and five tasks more opened. */
    private JdbcEscalationStore appendAfterTheUpgrade(TestDatabase db) {
        JdbcEscalationStore after = striped(db);
        clock.set(START.plus(Duration.ofHours(22)));
        engine(after).runOnce();
        clock.set(START.plus(Duration.ofHours(24)));
        engine(after).runOnce();
        for (int i = 5; i < 10; i++) {
            after.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        return after;
    }

    private JdbcEscalationStore striped(TestDatabase db) {
        return db.storeBuilder(db.dataSource(), clock).build();
    }

    private static EscalationEngine engine(JdbcEscalationStore store) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policy(POLICY)
                .notifier(n -> {})
                .countSla(false)
                .build();
    }

    static final class OnPostgres extends StripedAuditUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends StripedAuditUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
