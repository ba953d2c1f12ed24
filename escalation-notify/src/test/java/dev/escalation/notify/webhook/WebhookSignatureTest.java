package dev.escalation.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_0123456789abcdef";
    private static final Instant SENT = Instant.parse("2026-12-07T16:05:00Z");
    private static final String BODY = "{\"taskId\":\"PO-7\",\"level\":1}";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void the_header_is_the_timestamp_and_the_hex_hmac_of_timestamp_dot_body() {
        // Reference value: printf '%s' '1796659500.{"taskId":"PO-7","level":1}' | openssl dgst -sha256 -hmac
        // whsec_0123456789abcdef
        assertThat(WebhookSignature.sign(SECRET, SENT, BODY))
                .isEqualTo("t=1796659500,v1=2d06a3dc57ff3c764e568eb182af6da6f619f3c647aa71109c597ef90aa7f102");
    }

    @Test
    void a_fresh_signature_of_the_same_body_verifies() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plusSeconds(30), TOLERANCE))
                .isTrue();
    }

    @Test
    void a_tampered_body_fails_verification() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("\"level\":1", "\"level\":9"), SENT, TOLERANCE))
                .isFalse();
    }

    @Test
    void a_tampered_timestamp_fails_verification() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY).replace("t=1796659500", "t=1796659560");

        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT, TOLERANCE))
                .isFalse();
    }

    @Test
    void another_secret_fails_verification() {
        String header = WebhookSignature.sign("whsec_someone_else_entirely", SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT, TOLERANCE))
                .isFalse();
    }

    @Test
    void a_replay_outside_the_tolerance_fails_verification_in_either_direction() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, SENT.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, SENT.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(TOLERANCE), TOLERANCE))
                .isTrue();
    }

    @Test
    void one_matching_signature_among_several_is_enough_while_a_secret_is_rotated() {
        String signed = WebhookSignature.sign(SECRET, SENT, BODY);
        String header = "t=1796659500,v1=00ff," + signed.substring(signed.indexOf("v1="));

        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT, TOLERANCE))
                .isTrue();
    }

    @Test
    void a_missing_or_malformed_header_fails_verification() {
        assertThat(WebhookSignature.verify(SECRET, null, BODY, SENT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "", BODY, SENT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY, SENT, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=1796659500", BODY, SENT, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=yesterday,v1=abc", BODY, SENT, TOLERANCE))
                .isFalse();
    }

    @Test
    void a_blank_secret_is_refused_naming_the_field() {
        assertThatThrownBy(() -> WebhookSignature.sign(" ", SENT, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret");
    }
}
