package dev.escalation.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.preview.ReplayComparison;
import dev.escalation.core.preview.WhatIfReplay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What-if replay from the command line: reads an audit trail exported as JSON lines (the demo's
 * {@code audit.jsonl}), replays it on the demo's schedule (a run every 15 minutes) under the demo's
 * own policies and under stricter ones, and prints each beside what the trail recorded.
 *
 * <pre>{@code
 * java -cp escalation-examples/target/... dev.escalation.examples.demo.DemoReplay demo-output/audit.jsonl
 * }</pre>
 *
 * The stricter policies halve the two purchase stages' SLAs: Manager Approval 24 h to 12 h, Finance
 * Review 48 h to 24 h (Legal Sign-off unchanged). A replay under the policies in force reproduces the
 * trail, except for the steps of the demo's scheduler outage (day 9), which the trail cannot show.
 */
public final class DemoReplay {

    private DemoReplay() {}

    /**
     * Replays the trail in the file named by the first argument.
     *
     * @param args the path of the JSON-lines audit trail
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DemoReplay AUDIT_JSONL");
            System.exit(2);
        }
        run(System.out, Path.of(args[0]));
    }

    /** The demo's policies with the purchase stages' SLAs halved. */
    static PolicyRegistry stricterPolicies() {
        return PolicyRegistry.builder()
                .register(
                        PolicyKey.stage("Manager Approval"),
                        Scenario.MANAGER_APPROVAL.toBuilder()
                                .sla(Duration.ofHours(12))
                                .build())
                .register(
                        PolicyKey.stage("purchase-order", "Finance Review"),
                        Scenario.FINANCE_REVIEW.toBuilder()
                                .sla(Duration.ofHours(24))
                                .build())
                .register(PolicyKey.stage("contract", "Legal Sign-off"), Scenario.LEGAL_SIGN_OFF)
                .build();
    }

    /** Reads the trail, replays it twice, prints both comparisons; returns them, policies in force first. */
    static List<ReplayComparison> run(PrintStream out, Path trail) throws IOException {
        List<AuditEntry> history = read(trail);
        ReplayComparison asRecorded = replay(history).replay(Scenario.policies());
        ReplayComparison stricter = replay(history).replay(stricterPolicies());
        out.printf(
                "Replay of %d audit entries from %s, a run every %d minutes%n%n",
                history.size(), trail, Simulation.TICK.toMinutes());
        out.println("Under the policies in force (reproduces the trail but for the scheduler outage):");
        out.println(asRecorded.table());
        out.println("Under stricter policies (Manager Approval 12 h, Finance Review 24 h):");
        out.println(stricter.table());
        return List.of(asRecorded, stricter);
    }

    private static WhatIfReplay replay(List<AuditEntry> history) {
        return WhatIfReplay.of(history).runEvery(Simulation.START, Simulation.TICK);
    }

    /** One entry a line, as {@link Demo} writes them with Jackson. */
    static List<AuditEntry> read(Path trail) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(trail, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(json.readValue(line, AuditEntry.class));
            }
        }
        return entries;
    }
}
