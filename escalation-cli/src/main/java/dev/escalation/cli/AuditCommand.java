package dev.escalation.cli;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit --task ID}: a task's audit trail, oldest first, as the store keeps it. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Prints a task's audit trail, oldest first: every step, failure, given-up notification and"
                + " host change, with who did it.")
final class AuditCommand extends StoreCommand {

    private static final int TYPE_WIDTH = Arrays.stream(AuditType.values())
            .mapToInt(t -> t.name().length())
            .max()
            .orElse(0);

    @Option(names = "--task", paramLabel = "ID", required = true, description = "the task's id")
    private String taskId;

    @Override
    int run(Session session) {
        List<AuditEntry> entries = session.store().auditTrail().entriesFor(taskId).stream()
                .filter(e -> session.tenant().isEmpty() || e.tenant().equals(session.tenant()))
                .toList();
        if (session.json()) {
            session.printJson(entries);
        } else {
            text(session.out(), entries);
        }
        return EscalationCli.OK;
    }

    private void text(PrintWriter out, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            out.printf("Task %s has no audit entries.%n", taskId);
            return;
        }
        out.printf(
                "Audit trail of task %s: %d %s%n", taskId, entries.size(), entries.size() == 1 ? "entry" : "entries");
        for (AuditEntry entry : entries) {
            out.println(line(entry));
        }
    }

    private static String line(AuditEntry e) {
        List<String> parts = new ArrayList<>();
        parts.add(e.occurredAt().toString());
        parts.add(String.format("%-" + TYPE_WIDTH + "s", e.type()));
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
