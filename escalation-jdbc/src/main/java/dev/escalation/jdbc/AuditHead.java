package dev.escalation.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A place in an audit hash chain and the hash of the entry there: a chain's head, to publish
 * somewhere the database's administrators cannot write, and later to verify the chain against
 * ({@link AuditVerifier#verify(String, long, String)}). Place 0 with 64 zeros is the head of a chain
 * before its first entry.
 *
 * @param chain the chain: {@code tenant:<name>}, or for entries without a tenant {@code global:<stripe>/<stripes>} or {@code global}
 * @param place the entry's place in the chain ({@code chain_seq})
 * @param hash  the entry's hash: 64 lower-case hex digits
 */
public record AuditHead(String chain, long place, String hash) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the head.
     *
     * @param chain the chain: {@code tenant:<name>}, or for entries without a tenant {@code global:<stripe>/<stripes>} or {@code global}
     * @param place the entry's place in the chain ({@code chain_seq})
     * @param hash  the entry's hash: 64 lower-case hex digits
     * @throws NullPointerException     when the chain or the hash is null
     * @throws IllegalArgumentException naming the value when the place is negative or the hash is not 64 lower-case hex digits
     */
    public AuditHead {
        Objects.requireNonNull(chain, "chain");
        requirePlace("place", place);
        requireHash("hash", hash);
    }

    static long requirePlace(String field, long place) {
        if (place < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more, but was " + place);
        }
        return place;
    }

    static String requireHash(String field, String hash) {
        Objects.requireNonNull(hash, field);
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits, but was '" + hash + "'");
        }
        return hash;
    }
}
