package dev.escalation.cli;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.Page;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code audit}: audit entries, oldest first, as the store keeps them - a task's trail, or every
 * entry of some types, a tenant or a time range - one page at a time.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Prints audit entries oldest first: every step, failure, given-up notification, operator action"
                + " and host change, with who did it; of one task, some types or a time range, one page at a time.")
final class AuditCommand extends StoreCommand {

    /** The bounds of a range open at one end: far enough for any trail, near enough for every database. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    @Option(names = "--task", paramLabel = "ID", description = "only this task's entries")
    private String taskId;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            split = ",",
            description =
                    "only entries of these types, e.g. ESCALATED,NOTIFICATION_GIVEN_UP; one of: ${COMPLETION-CANDIDATES}")
    private List<AuditType> types = List.of();

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            converter = Instants.class,
            description = "only entries at or after this instant or date, e.g. 2026-01-05")
    private Instant from;

    @Option(
            names = "--to",
            paramLabel = "INSTANT",
            converter = Instants.class,
            description = "only entries before this instant or date")
    private Instant to;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "" + AuditQuery.DEFAULT_LIMIT,
            description =
                    "at most N entries on this page, 1 to " + AuditQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE})")
    private int limit;

    @Option(
            names = "--after",
            paramLabel = "CURSOR",
            description = "the page after this cursor, as the last page printed")
    private String after;

    @Override
    void check(CommandSpec command) {
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "Invalid value for option '--limit': " + limit + " is not between 1 and " + AuditQuery.MAX_LIMIT);
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new CommandLine.ParameterException(
                    command.commandLine(), "Invalid value for option '--to': " + to + " is not after --from " + from);
        }
    }

    @Override
    int run(Session session) {
        Page<AuditEntry> page = session.store().queries().auditEntries(query(session));
        if (session.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("entries", page.items());
            json.put("next", page.next().orElse(null));
            session.printJson(json);
        } else {
            text(session.out(), page);
        }
        return EscalationCli.OK;
    }

    private AuditQuery query(Session session) {
        AuditQuery query = AuditQuery.all().limit(limit);
        if (taskId != null) {
            query = query.task(taskId);
        }
        if (!types.isEmpty()) {
            query = query.type(types.get(0), types.subList(1, types.size()).toArray(AuditType[]::new));
        }
        if (session.tenant().isPresent()) {
            query = query.tenant(session.tenant().get());
        }
        if (from != null || to != null) {
            query = query.between(from != null ? from : EARLIEST, to != null ? to : LATEST);
        }
        if (after != null) {
            query = query.after(after);
        }
        return query;
    }

    private void text(PrintWriter out, Page<AuditEntry> page) {
        List<AuditEntry> entries = page.items();
        String subject = taskId != null ? "task " + taskId : "the store";
        if (entries.isEmpty()) {
            out.printf("%s has no audit entries%s.%n", taskId != null ? "Task " + taskId : "The store", narrowed());
            return;
        }
        out.printf(
                "Audit trail of %s%s: %d %s%s%n",
                subject,
                narrowed(),
                entries.size(),
                entries.size() == 1 ? "entry" : "entries",
                page.hasNext() ? " on this page" : "");
        // Types padded to the widest printed, not the widest there is: new types must not widen every line.
        int typeWidth =
                entries.stream().mapToInt(e -> e.type().name().length()).max().orElse(0);
        for (AuditEntry entry : entries) {
            out.println((taskId == null ? entry.taskId() + "  " : "") + line(entry, typeWidth));
        }
        page.next().ifPresent(cursor -> out.printf("More: --after %s%n", cursor));
    }

    /** What the filters other than the task add to the heading, so that an empty answer is not misread. */
    private String narrowed() {
        List<String> parts = new ArrayList<>();
        if (!types.isEmpty()) {
            parts.add("of type " + types.stream().map(AuditType::name).collect(Collectors.joining(", ")));
        }
        if (from != null) {
            parts.add("from " + from);
        }
        if (to != null) {
            parts.add("before " + to);
        }
        return parts.isEmpty() ? "" : " " + String.join(" ", parts);
    }

    private static String line(AuditEntry e, int typeWidth) {
        List<String> parts = new ArrayList<>();
        parts.add(e.occurredAt().toString());
        parts.add(String.format("%-" + typeWidth + "s", e.type()));
        parts.add("level " + e.level());
        if (e.fromAssignee().isPresent() && !e.fromAssignee().equals(e.toAssignee())) {
            parts.add(e.fromAssignee().get() + " -> " + e.toAssignee().orElse("?"));
        } else {
            e.toAssignee().ifPresent(to -> parts.add("to " + to));
        }
        e.stepKey().ifPresent(key -> parts.add("step " + key));
        if (!e.details().isEmpty()) {
            parts.add(details(e.details()));
        }
        parts.add("by " + e.actor());
        return String.join("  ", parts);
    }

    private static String details(Map<String, String> details) {
        // Sorted by key: the entry's map has no order of its own, and a line must read the same every time.
        return new TreeMap<>(details)
                .entrySet().stream()
                        .map(d -> d.getKey() + "=" + d.getValue())
                        .collect(Collectors.joining(", ", "{", "}"));
    }
}
