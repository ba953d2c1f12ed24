package dev.escalation.jdbc;

import dev.escalation.jdbc.AuditVerification.Break;
import dev.escalation.jdbc.AuditVerification.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One walk over one chain that has a head, from its first place to its head, stopping at the first
 * mismatch in place order. Every row of the chain is read: rows at or before the anchor (place 0 and
 * negative places included) and after the head are looked for with one query each, and the places
 * between are read in ranges of {@link #PAGE} places, so that a second row at a place always falls
 * into the same range as the first (a range returns at most {@code PAGE + 1} rows: when a range of
 * {@code PAGE} places has more, two of the rows read share a place). Optionally checks that a
 * published head is a place of the chain with the published hash.
 */
final class ChainWalk {

    static final int PAGE = 1_000;

    private final ChainRows rows;
    private final Connection c;
    private final ChainHeads.Head head;
    private final Optional<AuditHead> published;
    private long checked;
    private long expected;
    private String previous;
    private long previousOrder = Long.MIN_VALUE;

    ChainWalk(ChainRows rows, Connection c, ChainHeads.Head head, Optional<AuditHead> published) {
        this.rows = rows;
        this.c = c;
        this.head = head;
        this.published = published;
        this.expected = head.anchorSeq() + 1;
        this.previous = head.anchorHash();
    }

    AuditVerification run() throws SQLException {
        Optional<Break> problem = walk();
        return new AuditVerification(head.chain(), checked, head.anchorSeq(), head.lastSeq(), head.lastHash(), problem);
    }

    private Optional<Break> walk() throws SQLException {
        Optional<ChainRows.Link> early = rows.firstAtOrBefore(c, head.chain(), head.anchorSeq());
        if (early.isPresent()) {
            return broken(
                    early.get(),
                    Problem.UNEXPECTED_ENTRY,
                    where(early.get()) + " lies outside the chain's span " + span() + ", before its first place"
                            + ": it was inserted");
        }
        Optional<Break> publishedGone = publishedAtOrBeforeAnchor();
        if (publishedGone.isPresent()) {
            return publishedGone;
        }
        for (long from = expected; from <= head.lastSeq(); ) {
            long to = head.lastSeq() - from < PAGE - 1 ? head.lastSeq() : from + PAGE - 1;
            Optional<Break> problem = walk(rows.range(c, head.chain(), from, to, PAGE + 1));
            if (problem.isPresent()) {
                return problem;
            }
            if (expected <= to) {
                Optional<Break> missing = missingBefore(rows.firstAfter(c, head.chain(), expected - 1));
                if (missing.isPresent()) {
                    return missing;
                }
                break;
            }
            if (to == head.lastSeq()) {
                break;
            }
            from = to + 1;
        }
        return atTheEnd();
    }

    private Optional<Break> walk(List<ChainRows.Link> page) {
        for (ChainRows.Link link : page) {
            Optional<Break> problem = check(link);
            if (problem.isPresent()) {
                return problem;
            }
            checked++;
            expected++;
            previous = link.hash();
            previousOrder = link.order();
        }
        return Optional.empty();
    }

    /** Places from {@code expected} have no row up to the next row of the chain, if it lies within the head. */
    private Optional<Break> missingBefore(Optional<ChainRows.Link> next) {
        if (next.isEmpty() || next.get().seq() > head.lastSeq()) {
            return Optional.empty();
        }
        return Optional.of(missing(next.get().seq()));
    }

    private Optional<Break> atTheEnd() throws SQLException {
        if (expected - 1 != head.lastSeq() || !previous.equals(head.lastHash())) {
            return Optional.of(new Break(
                    expected,
                    Optional.empty(),
                    Problem.HEAD_MISMATCH,
                    "chain '" + head.chain() + "' ends at place " + (expected - 1) + " with hash " + previous
                            + ", but its head names place " + head.lastSeq() + " with hash " + head.lastHash()
                            + ": entries were deleted from its end, or the head was changed"));
        }
        Optional<ChainRows.Link> late = rows.firstAfter(c, head.chain(), Math.max(head.lastSeq(), head.anchorSeq()));
        if (late.isPresent()) {
            return broken(
                    late.get(),
                    Problem.UNEXPECTED_ENTRY,
                    where(late.get()) + " lies outside the chain's span " + span() + ": it was inserted");
        }
        if (published.isPresent() && published.get().place() > head.lastSeq()) {
            return Optional.of(new Break(
                    published.get().place(),
                    Optional.empty(),
                    Problem.PUBLISHED_HEAD_MISMATCH,
                    "chain '" + head.chain() + "' ends at place " + head.lastSeq() + ", before the published place "
                            + published.get().place() + ": its tail was cut off or rewritten, and its head moved"));
        }
        return Optional.empty();
    }

    private Optional<Break> publishedAtOrBeforeAnchor() {
        if (published.isEmpty() || published.get().place() > head.anchorSeq()) {
            return Optional.empty();
        }
        AuditHead p = published.get();
        if (p.place() < head.anchorSeq()) {
            return Optional.of(new Break(
                    p.place(),
                    Optional.empty(),
                    Problem.PUBLISHED_HEAD_DELETED,
                    "chain '" + head.chain() + "' starts after its anchor at place " + head.anchorSeq()
                            + ", so the published place " + p.place() + " cannot be checked: retention (or someone)"
                            + " deleted it; verify against a head published after place " + head.anchorSeq()));
        }
        if (!p.hash().equals(head.anchorHash())) {
            return Optional.of(new Break(
                    p.place(),
                    Optional.empty(),
                    Problem.PUBLISHED_HEAD_MISMATCH,
                    "chain '" + head.chain() + "' is anchored at place " + p.place() + " with hash " + head.anchorHash()
                            + ", but the published hash there is " + p.hash() + ": the chain was rewritten"));
        }
        return Optional.empty();
    }

    private Optional<Break> check(ChainRows.Link link) {
        if (link.seq() < expected) {
            return broken(
                    link, Problem.DUPLICATE_PLACE, where(link) + " is a second entry at that place: it was inserted");
        }
        if (link.seq() > expected) {
            return Optional.of(missing(link.seq()));
        }
        if (!link.previousHash().equals(previous)) {
            return broken(
                    link,
                    Problem.LINK_BROKEN,
                    where(link) + " links to " + link.previousHash() + ", but the entry before it hashes to "
                            + previous);
        }
        if (link.content().isEmpty()) {
            return broken(link, Problem.CONTENT_CHANGED, where(link) + " cannot be read: " + link.unreadable());
        }
        AuditChain.Content content = link.content().get();
        if (!link.chain().equals(head.chain()) || !AuditChain.holds(head.chain(), content.tenant(), content.taskId())) {
            return broken(
                    link,
                    Problem.WRONG_CHAIN,
                    where(link) + " is stored in chain '" + link.chain() + "' with tenant "
                            + content.tenant().map(t -> "'" + t + "'").orElse("none") + " and task '"
                            + content.taskId() + "', whose entries belong in "
                            + content.tenant()
                                    .map(t -> "chain 'tenant:" + t + "'")
                                    .orElse("'global' or their task's stripe (" + stripeOf(content.taskId()) + ")")
                            + ": it was moved");
        }
        String actual = AuditChain.hash(content, link.previousHash());
        if (!actual.equals(link.hash())) {
            return broken(
                    link,
                    Problem.CONTENT_CHANGED,
                    where(link) + " hashes to " + actual + ", but its stored hash is " + link.hash()
                            + ": it was changed after it was written");
        }
        if (link.order() <= previousOrder) {
            return broken(
                    link,
                    Problem.ORDER_CHANGED,
                    where(link) + " has append order (seq) " + link.order() + ", not after " + previousOrder
                            + " of the entry before it: rows were reordered in the trail as it is read");
        }
        if (published.isPresent()
                && published.get().place() == link.seq()
                && !published.get().hash().equals(link.hash())) {
            return broken(
                    link,
                    Problem.PUBLISHED_HEAD_MISMATCH,
                    where(link) + " hashes to " + link.hash() + ", but the published hash there is "
                            + published.get().hash() + ": the chain was rewritten from this place or earlier");
        }
        return Optional.empty();
    }

    /** The task's stripe under the stripe count this chain's name records, for the message. */
    private String stripeOf(String taskId) {
        return AuditChain.stripesOf(head.chain()).stream()
                .mapToObj(n -> "'" + AuditChain.of(Optional.empty(), taskId, n) + "'")
                .findFirst()
                .orElse("global:<stripe>/<stripes>");
    }

    private Break missing(long next) {
        return new Break(
                expected,
                Optional.empty(),
                Problem.ENTRIES_MISSING,
                "chain '" + head.chain() + "' has no entries at places " + expected + ".." + (next - 1)
                        + ": they were deleted");
    }

    private String span() {
        return (head.anchorSeq() + 1) + ".." + head.lastSeq();
    }

    private String where(ChainRows.Link link) {
        return "chain '" + head.chain() + "' place " + link.seq() + " (entry " + link.entryId() + ")";
    }

    private static Optional<Break> broken(ChainRows.Link link, Problem problem, String message) {
        return Optional.of(new Break(link.seq(), Optional.of(link.entryId()), problem, message));
    }
}
