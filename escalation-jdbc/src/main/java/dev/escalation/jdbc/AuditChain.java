package dev.escalation.jdbc;

import dev.escalation.core.time.InstantText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit trail's hash chain: which chain an entry belongs to, and the SHA-256 that links it to
 * the entry before it. The hash covers a canonical serialization of the entry as stored (instants
 * at microseconds, details in key order), its place in the chain and the previous entry's hash,
 * so that changing, removing, inserting or reordering a row shows up when the chain is walked
 * (see {@code docs/reliability.md} for the exact byte layout, to verify without this library).
 * Entries without a tenant are spread over stripes by task, so that engines appending at once do
 * not all queue on one head.
 */
final class AuditChain {

    /** The previous hash of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** The single chain of entries without a tenant: where they all went before stripes, and with one stripe. */
    public static final String GLOBAL = "global";
    /** Stripes of the entries without a tenant by default: enough that engines rarely share a head. */
    public static final int DEFAULT_STRIPES = 16;
    /** The most stripes a store may spread the entries without a tenant over. */
    public static final int MAX_STRIPES = 4096;

    private static final Pattern STRIPE = Pattern.compile("global:(0|[1-9][0-9]{0,3})/([1-9][0-9]{0,3})");

    private static final String VERSION = "escalation-audit-v1";
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(AuditChain::sha256);
    private static final ThreadLocal<Serialized> SERIALIZED = ThreadLocal.withInitial(Serialized::new);

    private AuditChain() {}

    /**
     * The chain of an entry: one per tenant ({@code tenant:<name>}); an entry without a tenant goes to
     * the stripe of its task, {@code global:<stripe>/<stripes>}, or to {@code global} with one stripe.
     * The stripe count is part of the name, so that chains written with another count stay apart
     * and each entry's stripe can still be checked when the count changes.
     */
    public static String of(Optional<String> tenant, String taskId, int stripes) {
        if (tenant.isPresent()) {
            return "tenant:" + tenant.get();
        }
        return stripes == 1 ? GLOBAL : "global:" + stripe(taskId, stripes) + "/" + stripes;
    }

    /**
     * Whether an entry of {@code tenant} and {@code taskId} belongs in {@code chain}: its tenant's
     * chain, or for an entry without a tenant {@code global} or the stripe of its task under the
     * stripe count the chain's name records.
     */
    public static boolean holds(String chain, Optional<String> tenant, String taskId) {
        if (tenant.isPresent()) {
            return chain.equals("tenant:" + tenant.get());
        }
        if (chain.equals(GLOBAL)) {
            return true;
        }
        OptionalInt stripes = stripesOf(chain);
        return stripes.isPresent() && chain.equals(of(tenant, taskId, stripes.getAsInt()));
    }

    /** The stripe count a stripe's name ({@code global:<stripe>/<stripes>}) records; empty for other names. */
    public static OptionalInt stripesOf(String chain) {
        Matcher m = STRIPE.matcher(chain);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int stripes = Integer.parseInt(m.group(2));
        return stripes > 1 && stripes <= MAX_STRIPES ? OptionalInt.of(stripes) : OptionalInt.empty();
    }

    /**
     * The stripe of a task: the first four bytes of the SHA-256 of its id's UTF-8 bytes, read as an
     * unsigned big-endian number, modulo {@code stripes}. Deterministic across processes and
     * languages, so that all entries of one task go to one chain, in order.
     */
    static int stripe(String taskId, int stripes) {
        byte[] digest = DIGEST.get().digest(taskId.getBytes(StandardCharsets.UTF_8));
        long leading = ((digest[0] & 0xffL) << 24)
                | ((digest[1] & 0xffL) << 16)
                | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        return (int) (leading % stripes);
    }

    /** Validates a stripe count, naming the field and the value. */
    static int requireStripes(String field, int stripes) {
        if (stripes < 1 || stripes > MAX_STRIPES) {
            throw new IllegalArgumentException(
                    field + " must be between 1 and " + MAX_STRIPES + ", but was " + stripes);
        }
        return stripes;
    }

    /** What the hash covers: an audit row's columns as stored, without its own hash. */
    public record Content(
            String chain,
            long chainSeq,
            String entryId,
            String type,
            String taskId,
            Optional<String> tenant,
            Instant occurredAt,
            String actor,
            int level,
            Optional<String> fromAssignee,
            Optional<String> toAssignee,
            Optional<String> stepKey,
            Map<String, String> details) {}

    /** SHA-256, as 64 lower-case hex digits, of {@code content} linked to {@code previousHash}. */
    public static String hash(Content content, String previousHash) {
        // The fields are serialized into a buffer of this thread's and hashed at once: an import hashes a
        // million entries, and a buffer, a digest looked up by name or a digest update per field, per
        // entry, cost more than SHA-256 itself. For the same reason numbers and the instant are written
        // as ASCII straight into the buffer and the details sorted without a TreeMap: the same bytes
        // as the Strings and the TreeMap gave, without them.
        Serialized out = SERIALIZED.get().clear();
        out.field(VERSION);
        out.field(content.chain());
        out.number(content.chainSeq());
        out.field(content.entryId());
        out.field(content.type());
        out.field(content.taskId());
        out.field(content.tenant().orElse(null));
        out.instant(content.occurredAt());
        out.field(content.actor());
        out.number(content.level());
        out.field(content.fromAssignee().orElse(null));
        out.field(content.toAssignee().orElse(null));
        out.field(content.stepKey().orElse(null));
        Map<String, String> details = content.details();
        out.length(details.size());
        KeyOrder.forEach(details, out::pair);
        out.field(previousHash);
        MessageDigest digest = DIGEST.get();
        digest.update(out.bytes, 0, out.size);
        return hex(digest.digest());
    }

    private static String hex(byte[] bytes) {
        byte[] text = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            text[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes an entry's hash covers, as {@code DataOutputStream} wrote them before: each field a
     * four-byte big-endian length (-1 for an absent one) and its UTF-8 bytes, so that no two different
     * entries serialize alike. Numbers are their {@code toString()} and the instant its
     * {@code Timestamps.truncate(instant).toString()}, in ASCII.
     */
    private static final class Serialized {
        /** The longest decimal long: {@code -9223372036854775808}. */
        private static final int MAX_NUMBER_LENGTH = 20;

        private byte[] bytes = new byte[512];
        private int size;

        Serialized clear() {
            size = 0;
            return this;
        }

        void field(String value) {
            if (value == null) {
                length(-1);
                return;
            }
            // ASCII - nearly every field - is copied as is; anything else through the UTF-8 encoder,
            // whose bytes (a replaced lone surrogate included) are the field's.
            int n = value.length();
            room(4 + n);
            int start = size + 4;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    utf8(value);
                    return;
                }
                bytes[start + i] = (byte) c;
            }
            length(n);
            size += n;
        }

        private void utf8(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void pair(String key, String value) {
            field(key);
            field(value);
        }

        /** {@code Long.toString(value)}'s bytes. */
        void number(long value) {
            room(4 + MAX_NUMBER_LENGTH);
            // Digits of the value made non-positive, so that Long.MIN_VALUE needs no special case.
            long rest = value < 0 ? value : -value;
            int digits = 1;
            for (long t = rest; t <= -10; t /= 10) {
                digits++;
            }
            int n = digits + (value < 0 ? 1 : 0);
            length(n);
            if (value < 0) {
                bytes[size] = '-';
            }
            int at = size + n;
            do {
                bytes[--at] = (byte) ('0' - rest % 10);
                rest /= 10;
            } while (rest != 0);
            size += n;
        }

        /** {@code Timestamps.truncate(instant).toString()}'s bytes. */
        void instant(Instant instant) {
            room(4 + InstantText.MAX_LENGTH);
            int end = InstantText.write(Timestamps.truncate(instant), bytes, size + 4);
            length(end - size - 4);
            size = end;
        }

        void length(int length) {
            room(4);
            bytes[size++] = (byte) (length >>> 24);
            bytes[size++] = (byte) (length >>> 16);
            bytes[size++] = (byte) (length >>> 8);
            bytes[size++] = (byte) length;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
