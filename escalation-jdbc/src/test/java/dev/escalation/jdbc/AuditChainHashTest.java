package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The audit hash is a stored format: chains written by earlier versions must still verify, and a
 * third party may recompute it from docs/reliability.md. These hashes were computed by the version
 * before the hash stopped building a buffer per entry (issue #19); they must never change.
 */
class AuditChainHashTest {

    @Test
    void an_entry_without_optional_fields_or_details_hashes_as_it_always_has() {
        AuditChain.Content entry = new AuditChain.Content(
                "global",
                1,
                "e-1",
                "TASK_OPENED",
                "T-1",
                Optional.empty(),
                Instant.parse("2026-12-07T10:15:30.123456789Z"),
                "host",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("ba0157b68bfa1028f16366c251c6ea461fbca3a7ef0d9012fd1479432ee94aab");
    }

    @Test
    void an_entry_with_every_field_and_one_detail_hashes_as_it_always_has() {
        AuditChain.Content entry = new AuditChain.Content(
                "tenant:acme",
                42,
                "e-2",
                "ESCALATED",
                "T-2",
                Optional.of("acme"),
                Instant.parse("1969-07-20T20:17:40Z"),
                "run-7",
                2,
                Optional.of("alice"),
                Optional.of("bob"),
                Optional.of("T-2/1/ESCALATE/1"),
                Map.of("policy", "po"));

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("9f4c98f174c90cfc4c5657ce0d14551f0c5dcf53c478f60e13a49af0b14a5162");
    }

    @Test
    void details_hash_in_key_order_whatever_the_map_order_with_non_ascii_text() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("policy", "po-approval");
        details.put("deadline", "2026-12-07T10:00:00Z");
        details.put("\u00e4rger", "\u20ac \ud834\udd1e");
        AuditChain.Content entry = new AuditChain.Content(
                "global:3/16",
                9_000_000_000L,
                "e-3",
                "REMINDER_SENT",
                "T-\u00e9\t3",
                Optional.empty(),
                Instant.parse("2100-01-01T00:00:00.000001Z"),
                "",
                1,
                Optional.of(""),
                Optional.empty(),
                Optional.empty(),
                details);

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("8751058aeb462af5e76397fc8ec76eb21c825d9750036da4f4bb175aaabc105a");
    }
}
