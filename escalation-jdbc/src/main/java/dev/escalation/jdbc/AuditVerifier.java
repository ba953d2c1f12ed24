package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks the audit table's hash chains and reports the first entry whose content or link does not
 * match. Each entry's hash covers its columns, its place in its chain and the hash of the entry
 * before it, so a row changed, deleted or inserted with plain SQL breaks the chain at that place.
 * A chain is read on one consistent snapshot, in pages, while engines keep writing.
 *
 * <pre>{@code
 * AuditVerification global = store.auditVerifier().verify(Optional.empty());
 * if (!global.intact()) {
 *     alert(global.firstBreak().orElseThrow().message());
 * }
 * publish(global.headSeq(), global.headHash());   // somewhere the database's administrators cannot write
 * }</pre>
 *
 * What it cannot see: someone who rewrites a chain from some entry to its end, recomputing every
 * later hash and the head. Compare the head with one published earlier to catch that.
 */
public final class AuditVerifier {

    private static final int PAGE = 1_000;

    private final Transactions tx;
    private final AuditRows rows;

    AuditVerifier(Transactions tx, AuditRows rows) {
        this.tx = tx;
        this.rows = rows;
    }

    /**
     * Verifies the chain of {@code tenant}'s entries, or of the entries without a tenant when empty.
     *
     * @param tenant the tenant, or empty for the entries without one
     * @return the result
     */
    public AuditVerification verify(Optional<String> tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return verifyChain(AuditChain.of(tenant));
    }

    /**
     * Verifies one chain by name ({@code tenant:<name>} or {@code global}); a chain with no entries yet is intact.
     *
     * @param chain the chain's name
     * @return the result
     */
    public AuditVerification verifyChain(String chain) {
        Objects.requireNonNull(chain, "chain");
        return tx.inSnapshot("verifying audit chain '" + chain + "'", c -> {
            ChainHeads.Head head = rows.head(c, chain)
                    .orElse(new ChainHeads.Head(chain, 0, AuditChain.GENESIS, 0, AuditChain.GENESIS));
            return walk(c, head);
        });
    }

    /**
     * Verifies every chain, in chain order.
     *
     * @return one result per chain
     */
    public List<AuditVerification> verifyAll() {
        return tx.inSnapshot("verifying the audit chains", c -> {
            List<AuditVerification> results = new ArrayList<>();
            for (ChainHeads.Head head : rows.heads(c)) {
                results.add(walk(c, head));
            }
            return results;
        });
    }

    private AuditVerification walk(Connection c, ChainHeads.Head head) throws SQLException {
        long expected = head.anchorSeq() + 1;
        String previous = head.anchorHash();
        long checked = 0;
        List<AuditRows.Link> page = rows.chainPage(c, head.chain(), 0, PAGE);
        while (!page.isEmpty()) {
            for (AuditRows.Link link : page) {
                Optional<AuditVerification.Break> problem = check(head, link, expected, previous);
                if (problem.isPresent()) {
                    return result(head, checked, problem);
                }
                checked++;
                expected++;
                previous = link.hash();
            }
            page = rows.chainPage(c, head.chain(), page.get(page.size() - 1).seq(), PAGE);
        }
        if (expected - 1 != head.lastSeq() || !previous.equals(head.lastHash())) {
            return result(
                    head,
                    checked,
                    Optional.of(new AuditVerification.Break(
                            expected,
                            Optional.empty(),
                            AuditVerification.Problem.HEAD_MISMATCH,
                            "chain '" + head.chain() + "' ends at place " + (expected - 1)
                                    + " with hash " + previous + ", but its head names place " + head.lastSeq()
                                    + " with hash " + head.lastHash()
                                    + ": entries were deleted from its end, or the head was changed")));
        }
        return result(head, checked, Optional.empty());
    }

    private static Optional<AuditVerification.Break> check(
            ChainHeads.Head head, AuditRows.Link link, long expected, String previous) {
        String where = "chain '" + head.chain() + "' place " + link.seq() + " (entry " + link.entryId() + ")";
        if (link.seq() < expected || link.seq() > head.lastSeq()) {
            return broken(
                    link,
                    AuditVerification.Problem.UNEXPECTED_ENTRY,
                    where + " lies outside the chain's span " + (head.anchorSeq() + 1) + ".." + head.lastSeq()
                            + ": it was inserted");
        }
        if (link.seq() > expected) {
            return Optional.of(new AuditVerification.Break(
                    expected,
                    Optional.empty(),
                    AuditVerification.Problem.ENTRIES_MISSING,
                    "chain '" + head.chain() + "' has no entries at places " + expected + ".." + (link.seq() - 1)
                            + ": they were deleted"));
        }
        if (!link.previousHash().equals(previous)) {
            return broken(
                    link,
                    AuditVerification.Problem.LINK_BROKEN,
                    where + " links to " + link.previousHash() + ", but the entry before it hashes to " + previous);
        }
        if (link.content().isEmpty()) {
            return broken(
                    link, AuditVerification.Problem.CONTENT_CHANGED, where + " cannot be read: " + link.unreadable());
        }
        String actual = AuditChain.hash(link.content().get(), link.previousHash());
        if (!actual.equals(link.hash())) {
            return broken(
                    link,
                    AuditVerification.Problem.CONTENT_CHANGED,
                    where + " hashes to " + actual + ", but its stored hash is " + link.hash()
                            + ": it was changed after it was written");
        }
        return Optional.empty();
    }

    private static Optional<AuditVerification.Break> broken(
            AuditRows.Link link, AuditVerification.Problem problem, String message) {
        return Optional.of(new AuditVerification.Break(link.seq(), Optional.of(link.entryId()), problem, message));
    }

    private static AuditVerification result(
            ChainHeads.Head head, long checked, Optional<AuditVerification.Break> problem) {
        return new AuditVerification(head.chain(), checked, head.anchorSeq(), head.lastSeq(), head.lastHash(), problem);
    }
}
