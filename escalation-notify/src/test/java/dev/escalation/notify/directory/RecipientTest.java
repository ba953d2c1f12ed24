package dev.escalation.notify.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RecipientTest {

    @Test
    void an_address_without_an_at_sign_is_refused_naming_the_recipient_and_the_value() {
        assertThatThrownBy(() -> Recipient.withEmail("lena", "lena.example.com", Locale.ENGLISH, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email of recipient lena")
                .hasMessageContaining("'lena.example.com'");
    }

    @Test
    void a_webhook_that_is_not_http_is_refused_naming_the_value() {
        Recipient lena = Recipient.withEmail("lena", "lena@example.com", Locale.ENGLISH, ZoneId.of("UTC"));

        assertThatThrownBy(() -> lena.withWebhook(URI.create("mailto:lena@example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "webhook of recipient lena must be an http(s) URL but was 'mailto:lena@example.com'");
    }

    @Test
    void a_blank_id_is_refused() {
        assertThatThrownBy(() -> Recipient.withEmail(" ", "a@example.com", Locale.ENGLISH, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
    }

    @Test
    void the_in_memory_directory_finds_replaces_and_removes() {
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();
        Recipient lena = Recipient.withEmail("lena", "lena@example.com", Locale.ENGLISH, ZoneId.of("UTC"));
        Recipient moved = Recipient.withEmail("lena", "lena@example.de", Locale.GERMAN, ZoneId.of("Europe/Berlin"));

        directory.put(lena).put(moved);

        assertThat(directory.find("lena")).contains(moved);
        assertThat(directory.remove("lena")).isTrue();
        assertThat(directory.remove("lena")).isFalse();
        assertThat(directory.find("lena")).isEmpty();
    }
}
