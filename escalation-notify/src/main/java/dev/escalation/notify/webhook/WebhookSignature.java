package dev.escalation.notify.webhook;

import dev.escalation.core.Require;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, the way Stripe and GitHub sign theirs: the header
 * {@value #HEADER} is {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The timestamp
 * inside the signed text stops a captured request from being replayed later; the receiver checks
 * both. Receivers use {@link #verify}:
 *
 * <pre>{@code
 * boolean genuine = WebhookSignature.verify(secret, request.header("Escalation-Signature"), body,
 *         clock.now(), Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>A header may carry several {@code v1=} values (while a secret is rotated); one match is enough.
 */
public final class WebhookSignature {

    /** The request header that carries the signature. */
    public static final String HEADER = "Escalation-Signature";

    private WebhookSignature() {}

    /**
     * The signature header's value for a body sent at {@code timestamp}.
     *
     * @param secret the shared secret
     * @param timestamp when the request is sent; whole seconds are signed
     * @param body the request body, exactly as sent
     * @return {@code t=<unix>,v1=<hex>}
     * @throws IllegalArgumentException if the secret is blank or an argument is null
     */
    public static String sign(String secret, Instant timestamp, String body) {
        Require.text("secret", secret);
        Require.present("timestamp", timestamp);
        Require.present("body", body);
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} with {@code secret}, made no more
     * than {@code tolerance} before or after {@code now}. Compares in constant time.
     *
     * @param secret the shared secret
     * @param header the {@value #HEADER} header's value; null or malformed is not valid
     * @param body the request body, exactly as received
     * @param now the receiver's current time
     * @param tolerance how far the signed timestamp may lie from {@code now}
     * @return whether the request is genuine and fresh
     * @throws IllegalArgumentException if the secret is blank, the body, now or tolerance is null, or the tolerance is negative
     */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        Require.text("secret", secret);
        Require.present("body", body);
        Require.present("now", now);
        Require.notNegative("tolerance", tolerance);
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String element : header.split(",")) {
            String[] pair = element.trim().split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - timestamp);
        if (age > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp + "." + body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String signature : signatures) {
            // No early exit: every candidate is compared, in constant time each.
            match |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
