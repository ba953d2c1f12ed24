package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks the audit table's hash chains and reports the first row of each chain whose content, place,
 * link or order does not match. Each entry's hash covers its columns, its place in its chain and the
 * hash of the entry before it, so a row changed, deleted or inserted with plain SQL breaks the chain
 * at that place. No row escapes: rows at places outside the chain's span (0 and negative places
 * included), second rows at a place, rows stored in another tenant's chain and rows of chains without
 * a head row are all reported. A chain is read on one consistent snapshot, in pages, while engines
 * keep writing; memory holds one page of rows at a time, whatever the table's size.
 *
 * <pre>{@code
 * for (AuditVerification chain : store.auditVerifier().verifyAll()) {
 *     if (!chain.intact()) {
 *         alert(chain.firstBreak().orElseThrow().message());
 *     }
 *     publish(chain.head());   // somewhere the database's administrators cannot write
 * }
 * // later: a published head must still be a place of its chain, with the same hash
 * AuditHead published = readPublished();
 * AuditVerification since = store.auditVerifier().verify(published.chain(), published.place(), published.hash());
 * }</pre>
 *
 * Entries without a tenant are spread over stripes ({@code global:<stripe>/<stripes>}, see {@link
 * JdbcEscalationStore.Builder#auditStripes(int)}), each its own chain, and the single chain {@code
 * global} holds those written before stripes (or with one stripe); {@link #verifyAll()} walks them
 * all, and checks that each entry lies in its task's stripe.
 *
 * What it cannot see alone: someone who rewrites a chain from some entry to its end, recomputing
 * every later hash and the head. Only a head published earlier catches that ({@link #verify(String,
 * long, String)}).
 */
public final class AuditVerifier {

    private final Transactions tx;
    private final AuditRows rows;
    private final ChainRows chainRows;
    private final int stripes;

    AuditVerifier(Transactions tx, AuditRows rows, ChainRows chainRows, int stripes) {
        this.tx = tx;
        this.rows = rows;
        this.chainRows = chainRows;
        this.stripes = stripes;
    }

    /**
     * Verifies the chain of {@code tenant}'s entries, or of the entries without a tenant when empty
     * and the store keeps them in one chain ({@code auditStripes(1)}: the chain {@code global}).
     *
     * @param tenant the tenant, or empty for the entries without one
     * @return the result
     * @throws IllegalArgumentException when the tenant is empty and the store spreads the entries
     *     without a tenant over several stripes: verify them with {@link #verifyAll()}
     */
    public AuditVerification verify(Optional<String> tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (tenant.isEmpty() && stripes > 1) {
            throw new IllegalArgumentException("tenant is empty, but the entries without a tenant are spread over "
                    + stripes + " chains (auditStripes " + stripes + ", and 'global' from before stripes):"
                    + " verify them with verifyAll(), or one with verifyChain(\"global:<stripe>/" + stripes + "\")");
        }
        return verifyChain(tenant.map(t -> "tenant:" + t).orElse(AuditChain.GLOBAL));
    }

    /**
     * Verifies one chain by name ({@code tenant:<name>}, {@code global:<stripe>/<stripes>} or
     * {@code global}); a chain with no entries
     * and no head is intact, a chain with entries but no head is not ({@link
     * AuditVerification.Problem#CHAIN_WITHOUT_HEAD}).
     *
     * @param chain the chain's name
     * @return the result
     */
    public AuditVerification verifyChain(String chain) {
        Objects.requireNonNull(chain, "chain");
        return tx.inSnapshot("verifying audit chain '" + chain + "'", c -> walk(c, chain, Optional.empty()));
    }

    /**
     * Verifies one chain and that a head published earlier is still one of its places: the entry at
     * {@code publishedPlace} still has {@code publishedHash}, and everything up to it and after it
     * verifies. This catches what {@link #verifyChain(String)} cannot: a chain rewritten from some
     * place up to its end with every hash and the head recomputed, when the rewrite starts at or
     * before the published place. A published place that retention has since deleted cannot be
     * checked, and is reported ({@link AuditVerification.Problem#PUBLISHED_HEAD_DELETED}).
     *
     * @param chain          the chain's name ({@code tenant:<name>}, {@code global:<stripe>/<stripes>} or {@code global})
     * @param publishedPlace the published head's place; 0 is the head of the empty chain
     * @param publishedHash  the published head's hash: 64 lower-case hex digits
     * @return the result; intact only when the chain verifies and passes through the published head
     * @throws IllegalArgumentException naming the value when the place is negative or the hash is not 64 lower-case hex digits
     */
    public AuditVerification verify(String chain, long publishedPlace, String publishedHash) {
        Objects.requireNonNull(chain, "chain");
        AuditHead published = new AuditHead(
                chain,
                AuditHead.requirePlace("publishedPlace", publishedPlace),
                AuditHead.requireHash("publishedHash", publishedHash));
        return tx.inSnapshot(
                "verifying audit chain '" + chain + "' against its published head",
                c -> walk(c, chain, Optional.of(published)));
    }

    /**
     * A chain's head as its head row records it: the place and hash of its last entry, to publish.
     * Publish a head only after verifying the chain (or publish {@link AuditVerification#head()} of an
     * intact verification, read on the same snapshot).
     *
     * @param chain the chain's name ({@code tenant:<name>}, {@code global:<stripe>/<stripes>} or {@code global})
     * @return the head, or empty when the chain has none (no entry was ever appended to it)
     */
    public Optional<AuditHead> head(String chain) {
        Objects.requireNonNull(chain, "chain");
        return tx.inTransaction("reading the head of audit chain '" + chain + "'", c -> rows.head(c, chain))
                .map(h -> new AuditHead(h.chain(), h.lastSeq(), h.lastHash()));
    }

    /**
     * Verifies every chain, and reports every chain that has entries but no head row: one result per
     * chain, ordered by chain name.
     *
     * @return one result per chain
     */
    public List<AuditVerification> verifyAll() {
        return tx.inSnapshot("verifying the audit chains", c -> {
            List<AuditVerification> results = new ArrayList<>();
            for (ChainHeads.Head head : rows.heads(c)) {
                results.add(new ChainWalk(chainRows, c, head, Optional.empty()).run());
            }
            for (ChainRows.Headless headless : chainRows.headless(c)) {
                results.add(headless(c, headless));
            }
            results.sort(Comparator.comparing(AuditVerification::chain));
            return results;
        });
    }

    private AuditVerification walk(Connection c, String chain, Optional<AuditHead> published) throws SQLException {
        Optional<ChainHeads.Head> head = rows.head(c, chain);
        if (head.isPresent()) {
            return new ChainWalk(chainRows, c, head.get(), published).run();
        }
        Optional<ChainRows.Link> first = chainRows.firstAtOrBefore(c, chain, Long.MAX_VALUE);
        if (first.isPresent()) {
            return headless(c, new ChainRows.Headless(chain, first.get().seq()));
        }
        ChainHeads.Head empty = new ChainHeads.Head(chain, 0, AuditChain.GENESIS, 0, AuditChain.GENESIS);
        return new ChainWalk(chainRows, c, empty, published).run();
    }

    private AuditVerification headless(Connection c, ChainRows.Headless chain) throws SQLException {
        Optional<String> entryId =
                chainRows.firstAtOrBefore(c, chain.chain(), chain.firstSeq()).map(ChainRows.Link::entryId);
        AuditVerification.Break problem = new AuditVerification.Break(
                chain.firstSeq(),
                entryId,
                AuditVerification.Problem.CHAIN_WITHOUT_HEAD,
                "chain '" + chain.chain() + "' has entries from place " + chain.firstSeq() + " (entry "
                        + entryId.orElse("?") + ") on, but no head row: they were inserted, or its head row"
                        + " was deleted");
        return new AuditVerification(chain.chain(), 0, 0, 0, AuditChain.GENESIS, Optional.of(problem));
    }
}
