package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The audit hash is a stored format: chains written by earlier versions must still verify, and a
 * third party may recompute it from docs/reliability.md. The first three hashes were computed by the
 * version before the hash stopped building a buffer per entry, the ones of details with 0, 1, 2, 4 and
 * 5 keys by the version before it stopped copying details into a TreeMap and formatting numbers and
 * instants through Strings (both issue #19); they must never change.
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

    @Test
    void given_no_details_and_a_millisecond_instant_then_the_hash_is_as_pinned() {
        AuditChain.Content entry = new AuditChain.Content(
                "global:0/16",
                0,
                "e-10",
                "TASK_OPENED",
                "T-10",
                Optional.empty(),
                Instant.parse("2026-03-02T10:00:00.100Z"),
                "host",
                0,
                Optional.empty(),
                Optional.of("alice"),
                Optional.empty(),
                Map.of());

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("93c9cee89937e90bb110fe2dbe0fc620ebe5fa388c24ab1277e34cb679d1f975");
    }

    @Test
    void given_one_detail_a_negative_year_and_level_and_the_largest_seq_then_the_hash_is_as_pinned() {
        // The nanoseconds are below a microsecond: stored, the instant has no fraction.
        AuditChain.Content entry = new AuditChain.Content(
                "tenant:\u00e9",
                Long.MAX_VALUE,
                "e-11",
                "ESCALATED",
                "T-11",
                Optional.of("\u00e9"),
                Instant.parse("-0042-01-01T00:00:00.000000999Z"),
                "run-1",
                -3,
                Optional.of("alice"),
                Optional.empty(),
                Optional.of("T-11/0/ESCALATE/1"),
                Map.of("level", "-3"));

        assertThat(AuditChain.hash(entry, "ba0157b68bfa1028f16366c251c6ea461fbca3a7ef0d9012fd1479432ee94aab"))
                .isEqualTo("0d82b01aa829a4724a4cc76b4718ab30c83f8907d3aeddc83dcbe8a375bb96af");
    }

    @Test
    void given_two_details_differing_in_case_a_five_digit_year_and_the_smallest_numbers_then_the_hash_is_as_pinned() {
        // Upper case sorts first (String.compareTo, as a TreeMap orders), whatever the map's order.
        Map<String, String> details = new LinkedHashMap<>();
        details.put("b", "lower");
        details.put("B", "upper");
        AuditChain.Content entry = new AuditChain.Content(
                "global",
                Long.MIN_VALUE,
                "e-12",
                "REASSIGNED",
                "T-12",
                Optional.empty(),
                Instant.parse("+10000-01-01T00:00:00.5Z"),
                "host",
                Integer.MIN_VALUE,
                Optional.of("alice"),
                Optional.of("bob"),
                Optional.empty(),
                details);

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("4793b1b79da23ff7fda4df0c6f4f6eae0671e147ac225f3ff1a13c3e0f1ff5e5");
    }

    @Test
    void given_the_four_details_of_an_opened_task_and_a_nanosecond_instant_then_the_hash_is_as_pinned() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "Manager Approval");
        details.put("workflowType", "purchase-order");
        details.put("priority", "normal");
        details.put("slaStart", "2026-02-01T09:00:00.123456Z");
        AuditChain.Content entry = new AuditChain.Content(
                "global:7/16",
                1,
                "e-13",
                "TASK_OPENED",
                "OLD-13",
                Optional.empty(),
                Instant.parse("2026-03-02T10:00:00.123456789Z"),
                "host",
                0,
                Optional.empty(),
                Optional.of("user-13"),
                Optional.empty(),
                details);

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("77fbf6ae1ded606f458c3cc5aea280e58bcc3fdd1fb515a6b76a59dbf5d1962b");
    }

    @Test
    void given_five_details_with_keys_beyond_the_basic_plane_then_they_hash_in_utf16_order_as_pinned() {
        // String.compareTo orders by UTF-16 unit: the surrogate pair of U+1D11E sorts before U+FB01.
        Map<String, String> details = new LinkedHashMap<>();
        details.put("workflowType", "purchase-order");
        details.put("\ufb01le", "ligature");
        details.put("stage", "\u20ac");
        details.put("\ud834\udd1e", "clef");
        details.put("Stage", "");
        AuditChain.Content entry = new AuditChain.Content(
                "global:15/16",
                2_147_483_648L,
                "e-14",
                "STAGE_CHANGED",
                "T-14",
                Optional.empty(),
                Instant.parse("1970-01-01T00:00:00.000001Z"),
                "host",
                Integer.MAX_VALUE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                details);

        assertThat(AuditChain.hash(entry, AuditChain.GENESIS))
                .isEqualTo("7d6f32b4d6bca82a2ad618030175980a9bdebe32f91925ff8d71fbbd345f4db2");
    }
}
