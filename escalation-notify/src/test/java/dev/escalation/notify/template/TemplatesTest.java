package dev.escalation.notify.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.notify.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private static final SlaPolicy POLICY = SlaPolicy.builder("Payments")
            .sla(Duration.ofHours(8))
            .escalateTo(EscalationTarget.user("dora"))
            .sensitiveAttributes("iban")
            .build();

    private static WorkflowTask task() {
        return WorkflowTask.builder("PO-7")
                .workflowType("purchase-order")
                .stage("approval")
                .assignee("alice")
                .slaStart(Instant.parse("2026-12-07T08:00:00Z"))
                .attributes(Map.of("iban", "DE89370400440532013000", "amount", "4200 EUR"))
                .build();
    }

    @Test
    void every_type_has_an_english_subject_text_and_html_that_name_the_task() {
        for (NotificationType type : NotificationType.values()) {
            RenderedMessage m = Templates.defaults()
                    .render(
                            Notifications.of(type, "dora"),
                            Channel.EMAIL,
                            Locale.ENGLISH,
                            ZoneOffset.UTC,
                            TemplateAttributes.none());

            assertThat(m.subject()).as(type + " subject").contains("PO-7");
            assertThat(m.text())
                    .as(type + " text")
                    .contains("PO-7")
                    .contains("purchase-order")
                    .doesNotContain("{");
            assertThat(m.html())
                    .as(type + " html")
                    .hasValueSatisfying(h -> assertThat(h).contains("<b>PO-7</b>"));
        }
    }

    @Test
    void a_swiss_german_recipient_falls_back_to_german_and_a_french_one_to_english() {
        RenderedMessage swiss = Templates.defaults()
                .render(
                        Notifications.of(NotificationType.WARNING, "jonas"),
                        Channel.EMAIL,
                        Locale.forLanguageTag("de-CH"),
                        ZoneId.of("Europe/Zurich"),
                        TemplateAttributes.none());
        RenderedMessage french = Templates.defaults()
                .render(
                        Notifications.of(NotificationType.WARNING, "jean"),
                        Channel.EMAIL,
                        Locale.FRENCH,
                        ZoneId.of("Europe/Paris"),
                        TemplateAttributes.none());

        assertThat(swiss.subject()).isEqualTo("Aufgabe PO-7 ist bald fällig");
        assertThat(french.subject()).isEqualTo("Task PO-7 is due soon");
    }

    @Test
    void a_channel_template_wins_over_the_types_general_one_and_chat_has_no_html() {
        Templates templates = Templates.defaults()
                .with(
                        NotificationType.REMINDER,
                        Channel.CHAT,
                        Locale.ENGLISH,
                        "text",
                        "nudge {recipient} about {taskId}");

        RenderedMessage chat = templates.render(
                Notifications.of(NotificationType.REMINDER, "alice"),
                Channel.CHAT,
                Locale.ENGLISH,
                ZoneOffset.UTC,
                TemplateAttributes.none());
        RenderedMessage email = templates.render(
                Notifications.of(NotificationType.REMINDER, "alice"),
                Channel.EMAIL,
                Locale.ENGLISH,
                ZoneOffset.UTC,
                TemplateAttributes.none());

        assertThat(chat.text()).isEqualTo("nudge alice about PO-7");
        assertThat(chat.html()).isEmpty();
        assertThat(email.text()).contains("is still waiting for you");
    }

    @Test
    void a_template_never_shows_the_value_of_an_attribute_the_policy_marks_sensitive() {
        Templates templates = Templates.defaults()
                .with(
                        NotificationType.ESCALATION,
                        null,
                        Locale.ENGLISH,
                        "text",
                        "Pay {attribute.amount} to {attribute.iban}")
                .with(
                        NotificationType.ESCALATION,
                        null,
                        Locale.ENGLISH,
                        "html",
                        "<p>Pay {attribute.amount} to {attribute.iban}</p>");

        RenderedMessage m = templates.render(
                Notifications.of(NotificationType.ESCALATION, "dora"),
                Channel.EMAIL,
                Locale.ENGLISH,
                ZoneOffset.UTC,
                TemplateAttributes.of(task(), Optional.of(POLICY)));

        assertThat(m.text()).isEqualTo("Pay 4200 EUR to [iban redacted]");
        assertThat(m.html()).hasValue("<p>Pay 4200 EUR to [iban redacted]</p>");
        assertThat(m.subject() + m.text() + m.html().orElseThrow()).doesNotContain("DE89370400440532013000");
    }

    @Test
    void without_a_known_policy_every_attribute_counts_as_sensitive() {
        TemplateAttributes attributes = TemplateAttributes.of(task(), Optional.empty());

        assertThat(attributes.get("amount")).isEqualTo("[amount redacted]");
        assertThat(attributes.get("iban")).isEqualTo("[iban redacted]");
        assertThat(attributes.get("missing")).isEmpty();
    }

    @Test
    void values_in_the_html_part_are_escaped() {
        Templates templates = Templates.defaults()
                .with(NotificationType.WARNING, Channel.EMAIL, Locale.ENGLISH, "html", "<p>{stage}</p>")
                .with(NotificationType.WARNING, Channel.EMAIL, Locale.ENGLISH, "text", "{stage}");
        var n = Notifications.of(NotificationType.WARNING, "alice");
        var hostile = new dev.escalation.core.notification.Notification(
                n.idempotencyKey(),
                n.type(),
                n.taskId(),
                n.tenant(),
                n.recipient(),
                n.workflowType(),
                "<script>alert('x')</script> & co",
                n.level(),
                n.deadline(),
                n.createdAt(),
                n.message());

        RenderedMessage m =
                templates.render(hostile, Channel.EMAIL, Locale.ENGLISH, ZoneOffset.UTC, TemplateAttributes.none());

        assertThat(m.html()).hasValue("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</p>");
        assertThat(m.text()).isEqualTo("<script>alert('x')</script> & co");
    }

    @Test
    void an_unknown_placeholder_or_an_unclosed_brace_is_refused_naming_it() {
        assertThatThrownBy(() -> MessageTemplate.of("Task {taskid} is late"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("placeholder {taskid} is unknown");
        assertThatThrownBy(() -> MessageTemplate.of("Task {taskId is late"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{ at position 5 that is not closed");
        assertThatThrownBy(() -> MessageTemplate.of("Task } late"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("} at position 5 without its {");
        assertThatThrownBy(() ->
                        Templates.defaults().with(NotificationType.WARNING, Channel.EMAIL, Locale.ENGLISH, "body", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part must be subject, text or html but was 'body'");
    }

    @Test
    void doubled_braces_are_literal_braces() {
        assertThat(MessageTemplate.of("{{ {taskId} }}").render(name -> "PO-7")).isEqualTo("{ PO-7 }");
        assertThat(MessageTemplate.of("{level} of {taskId}").placeholders()).containsExactly("level", "taskId");
    }
}
