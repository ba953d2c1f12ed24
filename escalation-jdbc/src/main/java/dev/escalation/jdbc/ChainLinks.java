package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Audit entries linked into their chains - each given its place and its hash - as they are read, in
 * order. A bulk write streams its rows to the database ({@code COPY}) while the database stores the rows
 * before them; linking each row only when the stream reaches it hides the hashing (a SHA-256 an entry,
 * about a tenth of an import's time) behind the database's work, where linking all first kept the
 * database idle meanwhile. Every link is computed once, in order, however the list is read.
 */
final class ChainLinks extends AbstractList<AuditRows.Chained> implements RandomAccess {

    private final List<AuditEntry> entries;
    private final List<String> chains;
    private final Map<String, ChainHeads.Head> heads;
    private final AuditRows.Chained[] linked;
    private int count;

    /**
     * @param entries the entries in chain order
     * @param chains  the chain of each entry, in the same order
     * @param locked  the locked heads of every chain the entries go to, by chain; advanced as entries are linked
     */
    ChainLinks(List<AuditEntry> entries, List<String> chains, Map<String, ChainHeads.Head> locked) {
        if (entries.size() != chains.size()) {
            throw new IllegalArgumentException(
                    entries.size() + " entries but " + chains.size() + " chains: one chain an entry");
        }
        this.entries = List.copyOf(entries);
        this.chains = List.copyOf(chains);
        this.heads = locked;
        this.linked = new AuditRows.Chained[this.entries.size()];
    }

    @Override
    public AuditRows.Chained get(int index) {
        if (index < 0 || index >= linked.length) {
            throw new IndexOutOfBoundsException("no entry " + index + " among " + linked.length);
        }
        while (count <= index) {
            AuditEntry e = entries.get(count);
            ChainHeads.Head head = heads.get(chains.get(count));
            long seq = head.lastSeq() + 1;
            String hash = AuditChain.hash(AuditRows.content(e, head.chain(), seq), head.lastHash());
            linked[count++] = new AuditRows.Chained(e, head.chain(), seq, head.lastHash(), hash);
            heads.put(head.chain(), head.advancedTo(seq, hash));
        }
        return linked[index];
    }

    @Override
    public int size() {
        return linked.length;
    }

    /** The heads after the last entry, every entry linked. */
    Collection<ChainHeads.Head> heads() {
        if (linked.length > 0) {
            get(linked.length - 1);
        }
        return heads.values();
    }
}
