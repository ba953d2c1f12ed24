package dev.escalation.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real browser on the real backend, {@link OperationsConsoleBackend}, over the
 * in-memory repository: what an operator sees of a breached task and its timeline, and a given-up
 * notification redelivered by pressing the button, then delivered by the engine's next run.
 */
class OperationsConsoleBrowserTest {

    private OperationsWorld world;
    private HeadlessChromium chromium;

    @BeforeEach
    void open() throws IOException {
        world = new OperationsWorld();
        chromium = new HeadlessChromium();
    }

    @AfterEach
    void close() throws IOException {
        chromium.close();
        world.close();
    }

    @Test
    void the_breached_task_is_listed_and_its_timeline_shows_past_and_planned_steps() throws IOException {
        chromium.browser.get(world.url("/console/"));

        WebElement breached = chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("breached")));
        assertThat(breached.getText()).contains("PO-7", "Approval", "dora");
        breached.findElement(By.linkText("PO-7")).click();

        WebElement timeline = chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(timeline.findElements(By.cssSelector("li:not(.planned)")))
                .extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains("TASK_OPENED"))
                .anySatisfy(line -> assertThat(line).contains("ESCALATED"));
        // dora is re-escalated every day: the planner's next step, a day after the first escalation.
        assertThat(timeline.findElements(By.cssSelector("li.planned")))
                .extracting(WebElement::getText)
                .isNotEmpty()
                .first()
                .asString()
                .startsWith("2026-03-04T09:00:00Z (planned)");
        chromium.screenshot("operations-timeline.png");
    }

    @Test
    void pressing_redeliver_queues_the_notification_once_and_the_next_run_delivers_it() throws Exception {
        String key = firstGivenUpKey();
        chromium.browser.get(world.url("/console/"));
        WebElement row = chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='given-up']//tr[td[1][normalize-space()='" + key + "']]")));

        row.findElement(By.cssSelector("button.redeliver")).click();

        WebElement notice = chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redelivery")));
        assertThat(notice.getText()).isEqualTo("Notification " + key + " is queued again, by alice.");
        chromium.screenshot("operations-redelivered.png");
        assertThat(redeliveryAudits())
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("alice"))
                .satisfies(e -> assertThat(e.details()).containsEntry("operator", "alice"));
        world.mailDown.set(false);
        world.engine.runOnce();
        world.engine.runOnce();
        assertThat(world.delivered()).containsExactly(key);
    }

    @Test
    void the_same_form_sent_twice_redelivers_once() throws Exception {
        String key = firstGivenUpKey();
        chromium.browser.get(world.url("/console/"));
        WebElement row = chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='given-up']//tr[td[1][normalize-space()='" + key + "']]")));
        String form = "id=" + encode(key) + "&request=" + encode(hidden(row, "request")) + "&csrf="
                + encode(hidden(row, "csrf"));
        row.findElement(By.cssSelector("button.redeliver")).click();
        chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redelivery")));

        // The second press of the same form, as a double click or a resent form would send it.
        HttpResponse<String> again = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(world.url("/console/redeliver")))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Origin", world.url(""))
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("This form was sent before");
        assertThat(redeliveryAudits()).hasSize(1);
        world.mailDown.set(false);
        world.engine.runOnce();
        assertThat(world.delivered()).containsExactly(key);
    }

    private String firstGivenUpKey() {
        return new OperationsConsoleBackend(
                        world.engine,
                        world.repository,
                        world.repository,
                        AuditEntrySource.of(() -> world.repository.auditTrail().entries()))
                .givenUp(Optional.empty(), 10)
                .items()
                .get(0)
                .id();
    }

    private List<AuditEntry> redeliveryAudits() {
        return world.repository.auditTrail().entries().stream()
                .filter(e -> e.type() == AuditType.NOTIFICATION_REDELIVERY_REQUESTED)
                .toList();
    }

    private static String hidden(WebElement row, String name) {
        return row.findElement(By.cssSelector("input[name='" + name + "']")).getAttribute("value");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
