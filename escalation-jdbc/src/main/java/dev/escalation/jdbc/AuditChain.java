package dev.escalation.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit trail's hash chain: which chain an entry belongs to, and the SHA-256 that links it to
 * the entry before it. The hash covers a canonical serialization of the entry as stored (instants
 * at microseconds, details in key order), its place in the chain and the previous entry's hash,
 * so that changing, removing, inserting or reordering a row shows up when the chain is walked
 * (see {@code docs/reliability.md} for the exact byte layout, to verify without this library).
 *
 */
final class AuditChain {

    /** The previous hash of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** The chain of entries without a tenant. */
    public static final String GLOBAL = "global";

    private static final String VERSION = "escalation-audit-v1";
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {}

    /** The chain of an entry of {@code tenant}: one per tenant, one for entries without a tenant. */
    public static String of(Optional<String> tenant) {
        return tenant.map(t -> "tenant:" + t).orElse(GLOBAL);
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, VERSION);
            field(out, content.chain());
            field(out, Long.toString(content.chainSeq()));
            field(out, content.entryId());
            field(out, content.type());
            field(out, content.taskId());
            field(out, content.tenant().orElse(null));
            field(out, Timestamps.truncate(content.occurredAt()).toString());
            field(out, content.actor());
            field(out, Integer.toString(content.level()));
            field(out, content.fromAssignee().orElse(null));
            field(out, content.toAssignee().orElse(null));
            field(out, content.stepKey().orElse(null));
            Map<String, String> details = new TreeMap<>(content.details());
            out.writeInt(details.size());
            for (Map.Entry<String, String> e : details.entrySet()) {
                field(out, e.getKey());
                field(out, e.getValue());
            }
            field(out, previousHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HEX.formatHex(sha256().digest(bytes.toByteArray()));
    }

    /** A length-prefixed UTF-8 field, -1 for an absent one: no two different entries serialize alike. */
    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
