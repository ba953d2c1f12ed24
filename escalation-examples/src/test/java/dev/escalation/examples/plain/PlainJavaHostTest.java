package dev.escalation.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.RunReport;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlainJavaHostTest {

    private final ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    @Test
    void the_host_escalates_on_its_schedule_and_serves_metrics_and_the_last_report() throws Exception {
        // The scheduler's own interval is long: the test drives runs through runOnce() on a ManualClock.
        try (PlainJavaHost host = PlainJavaHost.start(
                "jdbc:h2:mem:plain-host;DB_CLOSE_DELAY=-1",
                task -> Optional.of(policy),
                TargetResolver.roles(Map.of("department_head", "dora")),
                clock,
                Duration.ofHours(1),
                0)) {
            host.store().tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", clock.now()));
            clock.advance(Duration.ofHours(24));

            RunReport report = host.runOnce();
            String metrics = get(host, "/metrics");
            RunReport served = new ObjectMapper().readValue(get(host, "/report"), RunReport.class);

            assertThat(report.escalations()).isEqualTo(1);
            assertThat(served).isEqualTo(report);
            assertThat(metrics).contains("escalation_steps_total{kind=\"escalation\",level=\"1\"} 1.0");
        }
    }

    private static String get(PlainJavaHost host, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
