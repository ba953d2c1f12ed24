package dev.escalation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One clock: the repository's clock times the host's changes and the engine's runs alike. */
abstract class OneClockContract extends ContractSupport {

    @Test
    void the_repository_reads_the_clock_that_times_the_hosts_changes() {
        clock.set(START.plus(Duration.ofHours(3)));

        assertThat(repository.clock().now()).isEqualTo(clock.now());
    }

    @Test
    void a_host_change_is_timed_by_that_clock() {
        clock.set(START.plus(Duration.ofHours(3)));

        open("PO-1");

        assertThat(audit.entriesOf(AuditType.TASK_OPENED))
                .singleElement()
                .extracting(AuditEntry::occurredAt)
                .isEqualTo(START.plus(Duration.ofHours(3)));
    }

    @Test
    void the_engine_reads_the_repositorys_clock() {
        EscalationEngine engine = EscalationEngine.builder()
                .repository(repository)
                .policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .build();
        clock.set(START.plus(Duration.ofHours(3)));

        assertThat(engine.runOnce().startedAt()).isEqualTo(START.plus(Duration.ofHours(3)));
    }
}
