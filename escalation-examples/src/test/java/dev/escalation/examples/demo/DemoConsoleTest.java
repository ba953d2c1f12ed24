package dev.escalation.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's --console: the operator console over the demo's database, until it is closed. */
class DemoConsoleTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    private Demo.Run demo(String... args) throws Exception {
        return Demo.start(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void with_console_the_demo_serves_the_breached_worklist_until_it_is_closed(@TempDir Path dir) throws Exception {
        Demo.Run run = demo(
                "--tasks",
                "40",
                "--days",
                "7",
                "--seed",
                "5",
                "--out",
                dir.toString(),
                "--console",
                "--console-port",
                "0");
        URI url;
        try {
            assertThat(run.status()).isZero();
            assertThat(run.console()).isPresent();
            Matcher printed =
                    Pattern.compile("Console: (http://localhost:\\d+/)").matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).as("the demo prints the console's URL").isTrue();
            url = URI.create(printed.group(1));
            assertThat(url).isEqualTo(run.console().get().url());

            HttpResponse<String> page = get(url);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<h2>Breached tasks</h2>", "<table id=\"breached\">");
        } finally {
            run.console().ifPresent(DemoConsole::close);
        }
        assertThatThrownBy(() -> get(url)).as("the console no longer answers").isInstanceOf(ConnectException.class);
    }

    @Test
    void without_console_the_demo_ends_with_its_run_and_serves_nothing(@TempDir Path dir) throws Exception {
        Demo.Run run = demo("--tasks", "20", "--days", "3", "--out", dir.toString());

        assertThat(run.status()).isZero();
        assertThat(run.console()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Console:");
    }

    @Test
    void a_console_port_out_of_range_is_a_usage_error() throws Exception {
        Demo.Run run = demo("--console", "--console-port", "70000");

        assertThat(run.status()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--console-port must be between 0 and 65535, but was 70000");
    }
}
