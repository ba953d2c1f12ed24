package dev.escalation.core;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ids the engine and the store give audit entries (issue #19): version 7 UUIDs whose time part is
 * the entry's instant, so that they sort as the trail was written and a store's index grows at its end.
 */
class EngineAuditIdsTest {

    private final EngineFixture world = new EngineFixture();

    @Test
    void every_entry_of_a_tasks_life_has_a_version_7_id_of_its_instant_and_the_ids_sort_as_written() {
        EscalationEngine engine = world.engine(SlaPolicy.builder("Manager Approval")
                        .sla(ofHours(8))
                        .warnBefore(ofHours(2))
                        .escalateTo(EscalationTarget.role("department_head"))
                        .escalateTo(EscalationTarget.role("director"), ofHours(4))
                        .acknowledgeTimeout(ofMinutes(30))
                        .build())
                .build();
        world.open("PO-1");
        world.clock.set(Instant.parse("2026-01-05T17:00:00.001Z"));
        engine.runOnce();
        world.tasks.acknowledge("PO-1", "dora");
        world.tasks.reassign("PO-1", "bob");
        world.clock.set(Instant.parse("2026-01-05T22:00:00.002Z"));
        engine.runOnce();

        List<AuditEntry> trail = world.audit.entries();

        assertThat(trail).hasSizeGreaterThanOrEqualTo(6).allSatisfy(entry -> {
            UUID id = UUID.fromString(entry.id());
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.getMostSignificantBits() >>> 16)
                    .isEqualTo(entry.occurredAt().toEpochMilli());
        });
        assertThat(trail).extracting(AuditEntry::id).isSortedAccordingTo(String::compareTo);
    }
}
