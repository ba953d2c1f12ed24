package dev.escalation.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scrapes a Prometheus registry after real engine runs and holds the alert rules, the dashboard
 * and the docs to it: every metric name they use must be in the scrape, so they cannot drift
 * from the code.
 */
class PrometheusScrapeTest {

    private static String scrape;
    private static Set<String> scrapedNames;

    @BeforeAll
    static void runTheEngineThroughEveryKindOfEventAndScrape() throws IOException {
        EngineFixture fixture = new EngineFixture();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EscalationEngine.Builder builder = fixture.engine();
        EscalationMetrics.attach(
                builder,
                registry,
                EscalationMetricsOptions.builder().tagByStage(true).build());
        EscalationEngine engine = builder.build();
        fixture.open("PO-1", "Manager Approval");
        fixture.open("PO-2", "Finance Approval");
        fixture.open("X-1", EngineFixture.UNGOVERNED, "Review");
        fixture.notifier.failWhen(n -> n.taskId().equals("PO-2"));

        for (double hour : new double[] {0, 22, 22.5, 33}) { // warnings, a give-up, then a late run that skips steps
            fixture.atHour(hour);
            engine.runOnce();
        }

        scrape = registry.scrape();
        scrapedNames = sampleAndFamilyNames(scrape);
        Files.createDirectories(MonitoringDocs.buildDir());
        Files.writeString(MonitoringDocs.buildDir().resolve("escalation-scrape.txt"), scrape);
    }

    @Test
    void every_metric_in_the_alert_rules_is_in_the_scrape() {
        Set<String> used = MonitoringDocs.metricNames(MonitoringDocs.read(MonitoringDocs.ALERTS));

        assertThat(used).isNotEmpty();
        assertThat(scrapedNames).containsAll(used);
    }

    @Test
    void every_metric_in_the_alert_rule_tests_is_in_the_scrape() {
        Set<String> used = MonitoringDocs.metricNames(MonitoringDocs.read(MonitoringDocs.ALERT_TESTS));

        assertThat(used).isNotEmpty();
        assertThat(scrapedNames).containsAll(used);
    }

    @Test
    void every_metric_in_the_dashboard_is_in_the_scrape() {
        Set<String> used = MonitoringDocs.metricNames(MonitoringDocs.read(MonitoringDocs.DASHBOARD));

        assertThat(used).isNotEmpty();
        assertThat(scrapedNames).containsAll(used);
    }

    @Test
    void every_metric_in_the_monitoring_docs_is_in_the_scrape() {
        Set<String> used = MonitoringDocs.metricNames(MonitoringDocs.read(MonitoringDocs.README));

        assertThat(used).isNotEmpty();
        assertThat(scrapedNames).containsAll(used);
    }

    @Test
    void every_metric_family_in_the_scrape_is_documented() {
        Set<String> documented = MonitoringDocs.metricNames(MonitoringDocs.read(MonitoringDocs.README));

        assertThat(documented).containsAll(familyNames(scrape));
    }

    @Test
    void the_run_duration_is_a_histogram_in_seconds_and_the_last_success_a_timestamp_in_seconds() {
        assertThat(scrape)
                .contains("# TYPE escalation_run_duration_seconds histogram")
                .contains("# TYPE escalation_last_success_timestamp_seconds gauge")
                .contains("# TYPE escalation_runs_total counter");
    }

    @Test
    void every_metric_family_has_a_help_text() {
        for (String family : familyNames(scrape)) {
            assertThat(scrape).containsPattern("# HELP " + family + " \\S");
        }
    }

    @Test
    void the_dashboard_shows_the_required_panels_each_with_a_query() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MonitoringDocs.read(MonitoringDocs.DASHBOARD));
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                titles.add(panel.path("title").asText());
                assertThat(panel.path("targets"))
                        .as("queries of panel %s", panel.path("title"))
                        .isNotEmpty();
            }
        }

        assertThat(titles)
                .contains(
                        "SLA compliance",
                        "Escalations by level",
                        "Run duration percentiles",
                        "Open tasks",
                        "Near breach",
                        "Breached",
                        "Run failures",
                        "Task failures by kind",
                        "Notifications by outcome");
    }

    /**
     * Writes every dashboard query, with Grafana's variables filled in, as a Prometheus rules file,
     * so that {@code .ci/run} can have {@code promtool check rules} parse each query.
     */
    @Test
    void the_dashboard_queries_are_written_out_for_promtool() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MonitoringDocs.read(MonitoringDocs.DASHBOARD));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr")
                        .asText()
                        .replace("$__rate_interval", "5m")
                        .replace("$__interval", "1m")
                        .replace("$__range", "1h")
                        .replace("$job", "escalation")
                        .replace("$instance", "host:8080");
                assertThat(expr)
                        .as("query of panel %s", panel.path("title"))
                        .isNotBlank()
                        .doesNotContain("$");
                rules.append("      - record: dashboard:query_")
                        .append(++n)
                        .append('\n')
                        .append("        expr: ")
                        .append(new ObjectMapper().writeValueAsString(expr))
                        .append('\n');
            }
        }
        Path file = MonitoringDocs.buildDir().resolve("dashboard-queries.rules.yml");
        Files.writeString(file, rules);

        assertThat(n).isGreaterThanOrEqualTo(9);
    }

    private static Set<String> sampleAndFamilyNames(String exposition) {
        Set<String> names = new TreeSet<>(familyNames(exposition));
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> familyNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            }
        }
        return names;
    }
}
