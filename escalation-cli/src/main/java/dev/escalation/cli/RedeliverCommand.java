package dev.escalation.cli;

import dev.escalation.core.operations.Redelivery;
import dev.escalation.core.operations.RedeliveryRequest;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code redeliver}: puts given-up notifications back in the outbox, due at once, under their own
 * idempotency keys; the next engine run delivers them. Once per request id: a retry of the same id
 * changes nothing and says so.
 */
@Command(
        name = "redeliver",
        mixinStandardHelpOptions = true,
        description = {
            "Puts given-up notifications back in the outbox with their idempotency keys; the next engine run"
                    + " delivers them. Select one notification, a task's, or those given up in a time range.",
            "Each request has an id (printed); running the same --request-id again changes nothing."
        })
final class RedeliverCommand extends StoreCommand {

    @Option(names = "--notification", paramLabel = "KEY", description = "the given-up notification's idempotency key")
    private String notification;

    @Option(names = "--task", paramLabel = "ID", description = "every given-up notification of this task")
    private String task;

    @Option(
            names = "--given-up-from",
            paramLabel = "INSTANT",
            converter = Instants.class,
            description = "every notification given up from this instant (inclusive), with --given-up-to")
    private Instant givenUpFrom;

    @Option(
            names = "--given-up-to",
            paramLabel = "INSTANT",
            converter = Instants.class,
            description = "... to this instant (exclusive)")
    private Instant givenUpTo;

    @Option(names = "--operator", paramLabel = "NAME", required = true, description = "who asks; audited")
    private String operator;

    @Option(
            names = "--request-id",
            paramLabel = "ID",
            description = "this request's id, to retry it safely (default: a new UUID, printed)")
    private String requestId;

    @Override
    void check(CommandSpec command) {
        int selections = (notification != null ? 1 : 0)
                + (task != null ? 1 : 0)
                + (givenUpFrom != null || givenUpTo != null ? 1 : 0);
        if (selections != 1) {
            throw usage(
                    command,
                    "Give exactly one of --notification=KEY, --task=ID or --given-up-from/--given-up-to, but "
                            + (selections == 0 ? "none was given" : selections + " were given"));
        }
        if ((givenUpFrom == null) != (givenUpTo == null)) {
            throw usage(command, "Missing option: --given-up-from and --given-up-to go together");
        }
        if (givenUpFrom != null && !givenUpTo.isAfter(givenUpFrom)) {
            throw usage(
                    command,
                    "Invalid value for option '--given-up-to': " + givenUpTo + " is not after --given-up-from "
                            + givenUpFrom);
        }
    }

    private static CommandLine.ParameterException usage(CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }

    @Override
    int run(Session session) {
        if (session.tenant().isPresent()) {
            // A notification's key names it in every tenant; a narrower request would need the store's help.
            throw usage(session.spec(), "redeliver selects across tenants; --tenant cannot narrow it");
        }
        String id = requestId != null ? requestId : UUID.randomUUID().toString();
        RedeliveryRequest request;
        try {
            request = request(id);
        } catch (IllegalArgumentException e) {
            throw usage(session.spec(), e.getMessage());
        }
        Redelivery done = session.store().operatorActions().redeliver(request);
        if (session.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("requestId", done.requestId());
            result.put("alreadyRequested", done.repeated());
            result.put("requeued", done.requeued());
            session.printJson(result);
        } else {
            text(session.out(), done);
        }
        return EscalationCli.OK;
    }

    private RedeliveryRequest request(String id) {
        if (notification != null) {
            return RedeliveryRequest.one(id, operator, notification);
        }
        if (task != null) {
            return RedeliveryRequest.ofTask(id, operator, task);
        }
        return RedeliveryRequest.givenUpBetween(id, operator, givenUpFrom, givenUpTo);
    }

    private static void text(PrintWriter out, Redelivery done) {
        if (done.repeated()) {
            out.printf("Request %s was already requested: nothing changed.%n", done.requestId());
            return;
        }
        if (done.requeued().isEmpty()) {
            out.printf("Request %s: no given-up notification matched; nothing to redeliver.%n", done.requestId());
            return;
        }
        int n = done.requeued().size();
        out.printf(
                "Request %s: %d %s back in the outbox, delivered by the next engine run:%n",
                done.requestId(), n, n == 1 ? "notification" : "notifications");
        done.requeued().forEach(key -> out.printf("  %s%n", key));
    }
}
