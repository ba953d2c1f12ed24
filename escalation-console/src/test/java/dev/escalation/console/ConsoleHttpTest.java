package dev.escalation.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.report.ComplianceReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console over HTTP without a browser: escaping, refusals, forged requests and errors. */
class ConsoleHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleWorld world;

    @BeforeEach
    void start() throws Exception {
        world = new ConsoleWorld();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(world.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(world.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(get("/console/").body());
        assertThat(m.find()).as("the authorised page carries a token").isTrue();
        return m.group(1);
    }

    @Test
    void hostile_stage_assignee_and_error_text_are_shown_as_text_never_as_markup() throws Exception {
        String page = get("/console/").body();

        assertThat(page).doesNotContain("<script>", "<img src=x", "<b>now</b>");
        assertThat(page).contains("&lt;script&gt;alert(&#39;stage&#39;)&lt;/script&gt;Approval");
        assertThat(page).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void every_page_forbids_scripts_and_framing() throws Exception {
        HttpResponse<String> response = get("/console/");

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    }

    @Test
    void the_read_only_console_offers_no_redeliver_button() throws Exception {
        String page = get("/readonly/").body();

        assertThat(page).contains("Read-only view.").doesNotContain("Redeliver</button>", "name=\"csrf\"");
    }

    @Test
    void a_post_to_the_read_only_console_is_refused_and_the_backend_not_called() throws Exception {
        HttpResponse<String> response =
                post("/readonly/redeliver", "id=" + world.givenUpId() + "&csrf=" + token(), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(world.backend.redeliveries).hasValue(0);
    }

    @Test
    void a_post_without_the_form_token_is_refused_and_the_backend_not_called() throws Exception {
        HttpResponse<String> response = post("/console/redeliver", "id=" + world.givenUpId(), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("not sent by this console");
        assertThat(world.backend.redeliveries).hasValue(0);
    }

    @Test
    void a_post_with_a_made_up_token_is_refused() throws Exception {
        HttpResponse<String> response = post("/console/redeliver", "id=" + world.givenUpId() + "&csrf=AAAA", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(world.backend.redeliveries).hasValue(0);
    }

    @Test
    void a_post_from_another_site_is_refused_even_with_a_token() throws Exception {
        HttpResponse<String> response =
                post("/console/redeliver", "id=" + world.givenUpId() + "&csrf=" + token(), "https://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(world.backend.redeliveries).hasValue(0);
    }

    @Test
    void a_post_from_an_opaque_origin_is_refused_even_with_a_token() throws Exception {
        HttpResponse<String> response =
                post("/console/redeliver", "id=" + world.givenUpId() + "&csrf=" + token(), "null");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(world.backend.redeliveries).hasValue(0);
    }

    @Test
    void an_authorised_post_with_its_token_redelivers_once_and_says_so() throws Exception {
        String id = world.givenUpId();

        HttpResponse<String> response = post("/console/redeliver", "id=" + id + "&request=r-1&csrf=" + token(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("is queued again, by alice.");
        assertThat(world.backend.redeliveries).hasValue(1);
        assertThat(world.backend.operators).containsExactly("alice");
    }

    @Test
    void an_authorised_post_without_a_request_id_is_refused_without_calling_the_backend() throws Exception {
        HttpResponse<String> response =
                post("/console/redeliver", "id=" + world.givenUpId() + "&csrf=" + token(), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no valid request id");
        assertThat(world.backend.redeliveries).hasValue(0);
    }

    @Test
    void every_redeliver_form_carries_its_own_request_id() throws Exception {
        List<String> first = requestIds(get("/console/").body());
        List<String> ids = new ArrayList<>(first);
        ids.addAll(requestIds(get("/console/").body()));

        // One form per given-up notification, each rendering anew: every form is a request of its own.
        assertThat(first).isNotEmpty();
        assertThat(ids).hasSize(2 * first.size()).doesNotHaveDuplicates();
    }

    private static List<String> requestIds(String page) {
        Matcher m = Pattern.compile("name=\"request\" value=\"([^\"]+)\"").matcher(page);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void a_get_of_the_action_is_not_allowed() throws Exception {
        assertThat(get("/console/redeliver").statusCode()).isEqualTo(405);
    }

    @Test
    void an_unknown_page_is_not_found() throws Exception {
        assertThat(get("/console/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void the_timeline_of_an_unknown_task_says_there_is_nothing() throws Exception {
        assertThat(get("/console/task?id=%3Cb%3EPO-9").body())
                .contains("No audit entry or planned step for this task.")
                .contains("&lt;b&gt;PO-9")
                .doesNotContain("<b>PO-9");
    }

    @Test
    void a_failing_backend_gives_an_error_page_without_its_message() throws Exception {
        ConsoleBackend failing = new InMemoryConsoleBackend(world.repository, world.clock) {
            @Override
            public ComplianceReport compliance(java.time.Instant from, java.time.Instant to) {
                throw new IllegalStateException("secret connection string");
            }
        };
        world.server.createContext(
                "/failing", EscalationConsole.builder(failing).build());

        HttpResponse<String> response = get("/failing/");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void breached_tasks_past_a_page_are_reached_by_the_next_link() throws Exception {
        world.server.createContext(
                "/paged",
                EscalationConsole.builder(world.backend)
                        .clock(world.clock)
                        .pageSize(1)
                        .build());

        String first = get("/paged/").body();
        Matcher next = Pattern.compile("id=\"breached-next\" href=\"([^\"]+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        String second = get(next.group(1).replace("&amp;", "&")).body();

        assertThat(first).contains("task?id=PO-1\"").doesNotContain("task?id=PO-3\"");
        assertThat(second).contains("task?id=PO-3\"").doesNotContain("task?id=PO-1\"");
    }

    @Test
    void a_page_size_outside_its_bounds_is_refused_naming_the_value() {
        assertThatThrownBy(() -> EscalationConsole.builder(world.backend).pageSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be between 1 and 1000, but was 0");
        assertThatThrownBy(() -> EscalationConsole.builder(world.backend).complianceDays(367))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("complianceDays must be between 1 and 366, but was 367");
    }

    @Test
    void a_page_of_items_keeps_its_cursor() {
        assertThat(ConsolePage.last(List.of("a")).next()).isEmpty();
        assertThat(new ConsolePage<>(List.of("a"), Optional.of("a")).next()).contains("a");
    }
}
