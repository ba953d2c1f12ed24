package dev.escalation.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium driven by Selenium WebDriver (Debian packages
 * {@code chromium} and {@code chromium-driver}, which .ci/run installs). It asserts what a person
 * sees and presses the redeliver button; every wait is an explicit condition, never a sleep.
 */
class ConsoleBrowserTest {

    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private ConsoleWorld world;

    @BeforeEach
    void open() throws IOException {
        world = new ConsoleWorld();
        chromium = new HeadlessChromium();
        browser = chromium.browser;
        wait = chromium.wait;
    }

    @AfterEach
    void close() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        world.close();
    }

    @Test
    void an_operator_sees_the_breached_task_the_chart_and_its_timeline() throws IOException {
        browser.get(world.url("/console/"));

        WebElement breached = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("breached")));
        assertThat(breached.getText()).contains("PO-1", ConsoleWorld.HOSTILE_STAGE, "dora");
        // The escalation notice to the previous assignee was given up: the hostile name shows as text.
        assertThat(browser.findElement(By.id("given-up")).getText()).contains(ConsoleWorld.HOSTILE_ASSIGNEE);
        WebElement chart = browser.findElement(By.id("compliance-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.findElements(By.cssSelector("polyline.stage-line"))).hasSize(1);
        assertThat(chart.getText()).contains(ConsoleWorld.HOSTILE_STAGE);
        chromium.screenshot("console-overview.png");

        breached.findElement(By.linkText("PO-1")).click();

        WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(browser.getTitle()).isEqualTo("Timeline of task PO-1");
        assertThat(timeline.getText()).contains("TASK_OPENED", "SLA_BREACHED", "ESCALATED to dora (level 1)");
    }

    @Test
    void pressing_redeliver_calls_the_backend_once_and_the_page_shows_it() throws IOException {
        String id = world.givenUpId();
        browser.get(world.url("/console/"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='given-up']//tr[td[1][normalize-space()='" + id + "']]")));

        row.findElement(By.cssSelector("button.redeliver")).click();

        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redelivery")));
        assertThat(notice.getText()).isEqualTo("Notification " + id + " is queued again, by alice.");
        assertThat(world.backend.redeliveries).hasValue(1);
        chromium.screenshot("console-redelivered.png");
        browser.findElement(By.id("back")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("breached")));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(id);
    }

    @Test
    void without_authorisation_there_is_no_button_and_a_forged_post_is_refused() throws Exception {
        browser.get(world.url("/readonly/"));

        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("given-up")));
        assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("Read-only view.");
        assertThat(table.findElements(By.tagName("button"))).isEmpty();
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(world.url("/readonly/redeliver")))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("id=" + world.givenUpId() + "&csrf=x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(world.backend.redeliveries).hasValue(0);
    }
}
