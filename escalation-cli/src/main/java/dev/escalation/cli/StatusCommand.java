package dev.escalation.cli;

import dev.escalation.core.operations.PolicyPause;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.WorkflowRepository;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: the active tasks by SLA status, the outbox, when the next step falls due and how
 * far this machine's clock is from the database's - what the store can tell without a run.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Counts the active tasks by SLA status (fine, near breach, breached, on hold) and the"
                + " outbox's pending and given-up notifications, and says when the next step falls due.")
final class StatusCommand extends StoreCommand {

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            description = "count as of this instant, e.g. 2026-01-19T09:00:00Z (default: the database's clock)")
    private Instant at;

    @Override
    int run(Session session) {
        WorkflowRepository repository = session.store().repository();
        // The store's clock is this machine's; reading it measures the skew against the database's.
        Instant machineNow = repository.clock().now();
        Optional<Duration> skew = session.store().clockSkew();
        Instant asOf = at != null ? at : skew.map(machineNow::minus).orElse(machineNow);
        RunScope scope = new RunScope(
                "escalation-cli-status",
                asOf,
                asOf,
                session.tenant().map(Set::of).orElse(Set.of()));
        SlaCounts tasks = repository
                .slaCounts(scope)
                .orElseThrow(() -> new IllegalStateException("the JDBC store always counts its tasks"));
        OutboxCounts outbox = OutboxCounts.read(session.database(), session.store(), session.tenant());
        Optional<Instant> nextDue = repository.nextDueAt(scope);
        List<PolicyPause> paused = session.store().operatorActions().pausedPolicies();
        if (session.json()) {
            Map<String, Object> status = json(session, asOf, tasks, outbox, nextDue, skew);
            status.put(
                    "pausedPolicies", paused.stream().map(StatusCommand::json).toList());
            session.printJson(status);
        } else {
            text(session.out(), session, asOf, tasks, outbox, nextDue, skew);
            paused(session.out(), paused);
        }
        return EscalationCli.OK;
    }

    private static long fine(SlaCounts tasks) {
        return tasks.open() - tasks.onHold() - tasks.nearBreach() - tasks.breached();
    }

    private static void text(
            PrintWriter out,
            Session session,
            Instant asOf,
            SlaCounts tasks,
            OutboxCounts outbox,
            Optional<Instant> nextDue,
            Optional<Duration> skew) {
        out.printf(
                "SLA status at %s, %s%n",
                asOf, session.tenant().map(t -> "tenant " + t).orElse("all tenants"));
        out.printf("Tasks open or on hold %8d%n", tasks.open());
        out.printf("  fine                %8d%n", fine(tasks));
        out.printf("  near breach         %8d%n", tasks.nearBreach());
        out.printf("  breached            %8d%n", tasks.breached());
        out.printf("  on hold             %8d%n", tasks.onHold());
        out.printf("Notifications pending %8d (%d failed at least once)%n", outbox.pending(), outbox.retrying());
        out.printf("  given up            %8d%n", outbox.givenUp());
        out.printf(
                "Next due              %s%n",
                nextDue.map(n -> n + " (" + relative(asOf, n) + ")").orElse("nothing scheduled"));
        out.printf("Clock skew            %s%n", skew.map(StatusCommand::skew).orElse("not measured"));
    }

    private static void paused(PrintWriter out, List<PolicyPause> paused) {
        out.printf("Policies paused       %8d%n", paused.size());
        for (PolicyPause pause : paused) {
            out.printf("  %s  by %s at %s%n", pause.policyName(), pause.operator(), pause.pausedAt());
        }
    }

    private static Map<String, Object> json(PolicyPause pause) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policy", pause.policyName());
        json.put("operator", pause.operator());
        json.put("pausedAt", pause.pausedAt().toString());
        return json;
    }

    private static String relative(Instant asOf, Instant next) {
        Duration until = Duration.between(asOf, next);
        return until.isNegative() || until.isZero()
                ? "due now, " + Durations.human(until) + " ago: no engine has run since"
                : "in " + Durations.human(until);
    }

    private static String skew(Duration skew) {
        if (skew.isZero()) {
            return "none: this machine's clock agrees with the database's";
        }
        return "this machine's clock is " + Durations.seconds(skew) + (skew.isNegative() ? " behind" : " ahead of")
                + " the database's";
    }

    private static Map<String, Object> json(
            Session session,
            Instant asOf,
            SlaCounts tasks,
            OutboxCounts outbox,
            Optional<Instant> nextDue,
            Optional<Duration> skew) {
        Map<String, Object> taskCounts = new LinkedHashMap<>();
        taskCounts.put("active", tasks.open());
        taskCounts.put("fine", fine(tasks));
        taskCounts.put("nearBreach", tasks.nearBreach());
        taskCounts.put("breached", tasks.breached());
        taskCounts.put("onHold", tasks.onHold());
        Map<String, Object> notifications = new LinkedHashMap<>();
        notifications.put("pending", outbox.pending());
        notifications.put("retrying", outbox.retrying());
        notifications.put("givenUp", outbox.givenUp());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("at", asOf.toString());
        status.put("tenant", session.tenant().orElse(null));
        status.put("tasks", taskCounts);
        status.put("notifications", notifications);
        status.put("nextDueAt", nextDue.map(Instant::toString).orElse(null));
        status.put("clockSkewMillis", skew.map(Duration::toMillis).orElse(null));
        return status;
    }
}
