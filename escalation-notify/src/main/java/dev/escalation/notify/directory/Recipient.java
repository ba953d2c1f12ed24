package dev.escalation.notify.directory;

import dev.escalation.core.Require;
import dev.escalation.core.calendar.BusinessCalendar;
import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the channels need to know about one user: where to reach them, in which language, and when
 * they work. The working hours are a {@link BusinessCalendar} in the recipient's own time zone.
 *
 * @param id the user id, as in {@code Notification.recipient()}
 * @param email the e-mail address, if the user has one
 * @param webhook the user's own webhook (a Slack or Teams incoming webhook, say), if any
 * @param locale the language of the user's messages
 * @param workingHours when the user works, in the user's time zone
 */
public record Recipient(
        String id, Optional<String> email, Optional<URI> webhook, Locale locale, BusinessCalendar workingHours) {

    /**
     * Validates the recipient.
     *
     * @param id the user id, as in {@code Notification.recipient()}
     * @param email the e-mail address, if the user has one
     * @param webhook the user's own webhook (a Slack or Teams incoming webhook, say), if any
     * @param locale the language of the user's messages
     * @param workingHours when the user works, in the user's time zone
     * @throws IllegalArgumentException naming the field when a value is missing, the id is blank, the
     *     address has no {@code @}, or the webhook is not http(s)
     */
    public Recipient {
        Require.text("id", id);
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(webhook, "webhook");
        Require.present("locale", locale);
        Require.present("workingHours", workingHours);
        email.ifPresent(address -> {
            if (address.isBlank() || address.indexOf('@') < 1 || address.endsWith("@")) {
                throw new IllegalArgumentException("email of recipient " + id
                        + " must be an address like name@example.com but was '" + address + "'");
            }
        });
        webhook.ifPresent(uri -> {
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException(
                        "webhook of recipient " + id + " must be an http(s) URL but was '" + uri + "'");
            }
        });
    }

    /**
     * A recipient with an e-mail address who works Monday to Friday, 09:00 to 17:00 in {@code zone}.
     *
     * @param id the user id
     * @param email the e-mail address
     * @param locale the language of the user's messages
     * @param zone the user's time zone
     * @return the recipient
     * @throws IllegalArgumentException naming the field when a value is missing or invalid
     */
    public static Recipient withEmail(String id, String email, Locale locale, ZoneId zone) {
        return new Recipient(
                id, Optional.of(Require.text("email", email)), Optional.empty(), locale, officeHours(zone));
    }

    /**
     * Monday to Friday, 09:00 to 17:00 in {@code zone}: the working hours of a recipient that names none.
     *
     * @param zone the recipient's time zone
     * @return the calendar
     */
    public static BusinessCalendar officeHours(ZoneId zone) {
        return BusinessCalendar.builder(Require.present("zone", zone))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
    }

    /**
     * The recipient's time zone: that of the working hours.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return workingHours.zone();
    }

    /**
     * This recipient with another webhook.
     *
     * @param url the webhook
     * @return a copy with the webhook
     */
    public Recipient withWebhook(URI url) {
        return new Recipient(id, email, Optional.of(Require.present("webhook", url)), locale, workingHours);
    }

    /**
     * This recipient with other working hours; their zone becomes the recipient's zone.
     *
     * @param hours the working hours
     * @return a copy with the working hours
     */
    public Recipient withWorkingHours(BusinessCalendar hours) {
        return new Recipient(id, email, webhook, locale, hours);
    }
}
