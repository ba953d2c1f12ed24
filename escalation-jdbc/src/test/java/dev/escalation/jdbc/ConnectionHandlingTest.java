package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.FaultyDataSource;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store borrows connections and gives them back as it found them: auto-commit restored, everything closed. */
abstract class ConnectionHandlingTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);

    abstract TestDatabase db();

    @ParameterizedTest(name = "auto-commit {0}")
    @ValueSource(booleans = {true, false})
    void every_connection_statement_and_result_set_is_closed_and_auto_commit_is_restored(boolean autoCommit) {
        FaultyDataSource source = new FaultyDataSource(db().dataSource()).autoCommit(autoCommit);
        JdbcEscalationStore store = db().storeBuilder(source, clock).build();
        store.createSchema();
        EscalationEngine engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .build();

        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", START));
        store.tasks().open(NewTask.of("PO-2", "purchase-order", "Approval", "alice", START));
        clock.advance(Duration.ofHours(24));
        engine.runOnce();
        store.tasks().complete("PO-1");
        assertThatThrownBy(() -> store.tasks().complete("PO-404")).isInstanceOf(TaskNotFoundException.class);
        assertThat(store.auditTrail().entriesFor("PO-2")).isNotEmpty();

        assertThat(source.resourcesOpened()).isPositive();
        assertThat(source.openResources()).isZero();
        assertThat(source.connectionsReturnedChanged()).isZero();
    }

    @Test
    void a_host_change_that_fails_validation_stores_nothing() {
        JdbcEscalationStore store = db().store(clock);
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", START));

        assertThatThrownBy(() -> store.tasks().reassign("PO-1", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("assignee");

        assertThat(store.tasks().find("PO-1").orElseThrow().version()).isEqualTo(1);
        assertThat(store.auditTrail().entriesFor("PO-1")).hasSize(1);
    }

    static final class OnPostgres extends ConnectionHandlingTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends ConnectionHandlingTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
