package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Entries linked as a bulk write reaches them (issue #19): the same links in whatever order they are read. */
class ChainLinksTest {

    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
    private static final List<String> CHAINS = List.of("chain-a", "chain-b", "chain-a");
    private final List<AuditEntry> entries = List.of(entry("e-1", "a"), entry("e-2", "b"), entry("e-3", "a"));

    @Test
    void each_entry_links_to_the_one_before_it_in_its_own_chain() {
        ChainLinks links = new ChainLinks(entries, CHAINS, heads());

        assertThat(links.get(0).seq()).isEqualTo(1);
        assertThat(links.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(links.get(1).chain()).isEqualTo("chain-b");
        assertThat(links.get(1).seq()).isEqualTo(1);
        assertThat(links.get(2).seq()).isEqualTo(2);
        assertThat(links.get(2).previousHash()).isEqualTo(links.get(0).hash());
        assertThat(links.get(2).hash())
                .isEqualTo(AuditChain.hash(
                        AuditRows.content(entries.get(2), "chain-a", 2),
                        links.get(0).hash()));
    }

    @Test
    void reading_the_last_entry_first_links_every_entry_as_reading_in_order_does() {
        ChainLinks inOrder = new ChainLinks(entries, CHAINS, heads());
        ChainLinks lastFirst = new ChainLinks(entries, CHAINS, heads());

        AuditRows.Chained last = lastFirst.get(2);

        assertThat(last).isEqualTo(inOrder.get(2));
        assertThat(lastFirst).containsExactlyElementsOf(List.copyOf(inOrder));
    }

    @Test
    void the_heads_afterwards_are_each_chains_last_entry_even_when_nothing_was_read() {
        ChainLinks links = new ChainLinks(entries, CHAINS, heads());

        Map<String, ChainHeads.Head> after = new HashMap<>();
        links.heads().forEach(head -> after.put(head.chain(), head));

        assertThat(after.get("chain-a").lastSeq()).isEqualTo(2);
        assertThat(after.get("chain-a").lastHash()).isEqualTo(links.get(2).hash());
        assertThat(after.get("chain-b").lastHash()).isEqualTo(links.get(1).hash());
    }

    @Test
    void entries_and_chains_of_different_lengths_are_refused() {
        assertThatThrownBy(() -> new ChainLinks(entries, List.of("chain-a"), heads()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 entries but 1 chains");
    }

    @Test
    void an_index_outside_the_entries_is_refused() {
        ChainLinks links = new ChainLinks(entries, CHAINS, heads());

        assertThatThrownBy(() -> links.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static Map<String, ChainHeads.Head> heads() {
        Map<String, ChainHeads.Head> heads = new HashMap<>();
        for (String chain : List.of("chain-a", "chain-b")) {
            heads.put(chain, new ChainHeads.Head(chain, 0, AuditChain.GENESIS, 0, AuditChain.GENESIS));
        }
        return heads;
    }

    private static AuditEntry entry(String id, String task) {
        return new AuditEntry(
                id,
                AuditType.TASK_OPENED,
                task,
                Optional.empty(),
                AT,
                "host",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
    }
}
