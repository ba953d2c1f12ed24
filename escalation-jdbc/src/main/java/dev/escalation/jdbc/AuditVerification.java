package dev.escalation.jdbc;

import java.util.Objects;
import java.util.Optional;

/**
 * What walking one audit hash chain found: how many entries it checked, the chain's head (publish
 * it somewhere the database's administrators cannot write, to detect a rewrite of the chain's tail:
 * {@link #head()}), and the first row whose content, place, link or order does not match, if any.
 *
 * @param chain          the chain: {@code tenant:<name>}, or for entries without a tenant {@code global:<stripe>/<stripes>} or {@code global}
 * @param entriesChecked entries read before the walk stopped (all of them when the chain is intact)
 * @param anchorSeq      the place of the last entry that retention deleted; the walk starts after it (0: none deleted)
 * @param headSeq        the place of the chain's last entry, as its head row records it
 * @param headHash       the hash of the chain's last entry, as its head row records it
 * @param firstBreak     the first mismatch; empty when the chain is intact
 */
public record AuditVerification(
        String chain, long entriesChecked, long anchorSeq, long headSeq, String headHash, Optional<Break> firstBreak) {

    /**
     * Validates the result.
     *
     * @param chain          the chain: {@code tenant:<name>}, or for entries without a tenant {@code global:<stripe>/<stripes>} or {@code global}
     * @param entriesChecked entries read before the walk stopped (all of them when the chain is intact)
     * @param anchorSeq      the place of the last entry that retention deleted; the walk starts after it (0: none deleted)
     * @param headSeq        the place of the chain's last entry, as its head row records it
     * @param headHash       the hash of the chain's last entry, as its head row records it
     * @param firstBreak     the first mismatch; empty when the chain is intact
     * @throws NullPointerException when a value is null
     */
    public AuditVerification {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(firstBreak, "firstBreak");
    }

    /**
     * Whether every entry matched its hash and its link, with no gap, no extra entry, and the head at the last entry.
     *
     * @return whether the chain is intact
     */
    public boolean intact() {
        return firstBreak.isEmpty();
    }

    /**
     * The chain's head as its head row records it, to publish when the chain is intact and to verify
     * against later ({@link AuditVerifier#verify(String, long, String)}).
     *
     * @return the place and hash of the chain's last entry
     */
    public AuditHead head() {
        return new AuditHead(chain, headSeq, headHash);
    }

    /** What does not match. */
    public enum Problem {
        /** The entry's columns no longer hash to its stored hash: it was changed after it was written. */
        CONTENT_CHANGED,
        /** The entry's previous-hash is not the hash of the entry before it: an entry before it was changed, replaced or inserted. */
        LINK_BROKEN,
        /** Places in the chain have no entry: entries were deleted (other than by retention, which moves the anchor). */
        ENTRIES_MISSING,
        /** An entry sits outside the chain's recorded span (at or before the anchor, place 0 and below included, or after the head): it was inserted. */
        UNEXPECTED_ENTRY,
        /** A second entry sits at a place that already has one (possible only once the unique index is gone): it was inserted. */
        DUPLICATE_PLACE,
        /** The entry's tenant belongs in another chain than the one it is stored in: it was moved. */
        WRONG_CHAIN,
        /** The entry's append order ({@code seq}, the order the trail is read in) is not after the entry before it: rows were reordered. */
        ORDER_CHANGED,
        /** The head row does not name the last entry: entries were deleted from the end, or the head was changed. */
        HEAD_MISMATCH,
        /** The chain has entries but no head row: they were inserted into a chain that never existed, or its head row was deleted. */
        CHAIN_WITHOUT_HEAD,
        /** The chain does not pass through a published head (another hash at its place, or the chain ends before it): it was rewritten. */
        PUBLISHED_HEAD_MISMATCH,
        /** The published head's place lies before the chain's anchor: retention deleted it (or someone moved the anchor), so it cannot be checked. */
        PUBLISHED_HEAD_DELETED
    }

    /**
     * The first mismatch.
     *
     * @param chainSeq the place in the chain where it was found
     * @param entryId  the entry there, if there is one
     * @param problem  what does not match
     * @param message  a sentence for people, naming the place, the entry and the hashes
     */
    public record Break(long chainSeq, Optional<String> entryId, Problem problem, String message) {

        /**
         * Validates the break.
         *
         * @param chainSeq the place in the chain where it was found
         * @param entryId  the entry there, if there is one
         * @param problem  what does not match
         * @param message  a sentence for people, naming the place, the entry and the hashes
         * @throws NullPointerException when a value is null
         */
        public Break {
            Objects.requireNonNull(entryId, "entryId");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
        }
    }
}
