package dev.escalation.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.preview.ReplayComparison;
import dev.escalation.core.preview.StageFigures;
import dev.escalation.core.preview.TrailFigures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own audit trail, exported as JSON lines, replayed under its policies and stricter ones. */
class DemoReplayTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** 60 tasks over 7 days: the scheduler outage of day 9 lies beyond the run. */
    private Path demoTrail(Path dir, String database) throws Exception {
        int status = Demo.run(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "--tasks",
                "60",
                "--days",
                "7",
                "--seed",
                "3",
                "--out",
                dir.toString(),
                "--jdbc-url",
                "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        assertThat(status).isZero();
        return dir.resolve("audit.jsonl");
    }

    @Test
    void replaying_the_exported_trail_under_its_own_policies_reproduces_it(@TempDir Path dir) throws Exception {
        List<ReplayComparison> comparisons = DemoReplay.run(print(), demoTrail(dir, "demo-replay-as-recorded"));

        ReplayComparison asRecorded = comparisons.get(0);
        assertThat(asRecorded.actual().notifiedSteps()).isPositive();
        assertThat(asRecorded.replayed()).isEqualTo(asRecorded.actual());
    }

    @Test
    void stricter_policies_breach_more_and_comply_less_and_the_comparison_is_printed(@TempDir Path dir)
            throws Exception {
        List<ReplayComparison> comparisons = DemoReplay.run(print(), demoTrail(dir, "demo-replay-stricter"));

        TrailFigures actual = comparisons.get(1).actual();
        TrailFigures stricter = comparisons.get(1).replayed();
        StageFigures managerBefore = actual.stages().get("Manager Approval");
        StageFigures managerAfter = stricter.stages().get("Manager Approval");
        assertThat(managerAfter.completed()).isEqualTo(managerBefore.completed());
        assertThat(managerAfter.compliance().orElseThrow())
                .isLessThan(managerBefore.compliance().orElseThrow());
        assertThat(stricter.breaches()).isGreaterThan(actual.breaches());
        assertThat(stricter.escalations()).isGreaterThan(actual.escalations());
        assertThat(stricter.stages().get("Legal Sign-off"))
                .isEqualTo(actual.stages().get("Legal Sign-off"));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Under stricter policies (Manager Approval 12 h, Finance Review 24 h):")
                .contains(String.format("%-44s %10s %10s", "breaches", actual.breaches(), stricter.breaches()));
    }

    private PrintStream print() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
