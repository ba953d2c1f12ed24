package dev.escalation.jdbc;

import java.util.Objects;
import java.util.Optional;

/**
 * What walking one audit hash chain found: how many entries it checked, the chain's head (publish
 * its hash somewhere the database's administrators cannot write, to detect a rewrite of the whole
 * chain), and the first entry whose content or link does not match, if any.
 *
 * @param chain          the chain: {@code tenant:<name>}, or {@code global} for entries without a tenant
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
     * @param chain          the chain: {@code tenant:<name>}, or {@code global} for entries without a tenant
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

    /** What does not match. */
    public enum Problem {
        /** The entry's columns no longer hash to its stored hash: it was changed after it was written. */
        CONTENT_CHANGED,
        /** The entry's previous-hash is not the hash of the entry before it: an entry before it was changed, replaced or inserted. */
        LINK_BROKEN,
        /** Places in the chain have no entry: entries were deleted (other than by retention, which moves the anchor). */
        ENTRIES_MISSING,
        /** An entry sits outside the chain's recorded span (before the anchor or after the head): it was inserted. */
        UNEXPECTED_ENTRY,
        /** The head row does not name the last entry: entries were deleted from the end, or the head was changed. */
        HEAD_MISMATCH
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
