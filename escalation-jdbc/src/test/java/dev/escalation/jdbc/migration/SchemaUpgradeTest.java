package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.testing.FirstStep;
import dev.escalation.jdbc.testing.SchemaUpgrade;
import dev.escalation.jdbc.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each shipped schema version keeps a host's data through the migration to the latest one
 * (docs/jdbc.md, "Changing the schema"). A change that adds {@code V<n>} adds a test here that
 * starts from {@code V<n-1>} holding data.
 */
abstract class SchemaUpgradeTest {

    final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");

    abstract TestDatabase db();

    @Test
    void a_database_on_version_1_keeps_its_task_audit_trail_and_outbox_through_the_migration_to_the_latest()
            throws Exception {
        // Version 1 is what today's store writes, so the store fills it: a task, a hash-chained audit
        // trail with its chain head, and a delivered notification in the outbox.
        SchemaUpgrade.from(db(), "1")
                .holding(db -> FirstStep.take(FirstStep.store(db, clock), clock))
                .toLatest(db -> {
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    assertThat(store.tasks().find(FirstStep.TASK_ID))
                            .hasValueSatisfying(
                                    t -> assertThat(t.escalation().warnedAt()).isPresent());
                    assertThat(store.auditTrail().entriesFor(FirstStep.TASK_ID))
                            .extracting(AuditEntry::type)
                            .containsExactly(AuditType.TASK_OPENED, AuditType.WARNING_SENT);
                    assertThat(store.auditVerifier().verifyAll())
                            .isNotEmpty()
                            .allSatisfy(chain -> assertThat(chain.intact()).isTrue());
                    assertThat(db.query("SELECT status FROM " + db.table("outbox")))
                            .containsExactly(List.of("DELIVERED"));
                });
    }

    /** The version V4 follows; on this branch V1 (the lead renumbers at merge: then the version before V4's). */
    private static final String BEFORE_OPERATOR_ACTIONS = "1";

    @Test
    void a_database_before_the_operator_actions_keeps_its_outbox_and_can_pause_policies_and_redeliver_after_it()
            throws Exception {
        SchemaUpgrade.from(db(), BEFORE_OPERATOR_ACTIONS)
                .holding(db -> {
                    FirstStep.take(FirstStep.store(db, clock), clock);
                    // A notification given up before the upgrade, as that version's store leaves it.
                    db.execute("UPDATE " + db.table("outbox") + " SET status = 'GIVEN_UP', attempts = 6");
                })
                .toLatest(db -> {
                    assertThat(db.query("SELECT status, redelivery FROM " + db.table("outbox")))
                            .containsExactly(Arrays.asList("GIVEN_UP", null));
                    JdbcEscalationStore store = FirstStep.store(db, clock);
                    assertThat(store.operatorActions().pausePolicy("Manager Approval", "olga"))
                            .isTrue();
                    assertThat(store.operatorActions()
                                    .redeliver(RedeliveryRequest.ofTask("request-1", "olga", FirstStep.TASK_ID))
                                    .requeued())
                            .hasSize(1);
                    assertThat(db.query("SELECT status, redelivery FROM " + db.table("outbox")))
                            .containsExactly(List.of("PENDING", "request-1"));
                });
    }

    static final class OnPostgres extends SchemaUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends SchemaUpgradeTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
