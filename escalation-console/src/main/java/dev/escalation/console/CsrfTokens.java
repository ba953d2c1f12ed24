package dev.escalation.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-forgery tokens for the console's forms: an HMAC of the operator's name under a key drawn
 * when the console is built. A page from another site cannot read the token, so a request it forges
 * cannot carry one; no session state is kept. A restart draws a new key and so ends old forms.
 */
final class CsrfTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    CsrfTokens(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    String tokenFor(String operator) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(operator.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    boolean valid(String operator, String token) {
        byte[] expected = tokenFor(operator).getBytes(StandardCharsets.US_ASCII);
        return token != null && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII));
    }
}
