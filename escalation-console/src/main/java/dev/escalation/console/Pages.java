package dev.escalation.console;

import dev.escalation.core.report.ComplianceReport;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The console's pages as HTML text; every value from a backend or a request is escaped here. */
final class Pages {

    private static final String STYLE = "body{font-family:sans-serif;margin:1.5em;color:#222}"
            + "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:left}th{background:#f3f3f3}.notice{background:#eef7ee;border:1px solid #7b7;"
            + "padding:8px}.refused{background:#fbeeee;border-color:#c77}.planned{color:#666;font-style:italic}";

    private Pages() {}

    static String layout(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.text(title)
                + "</title><style>" + STYLE + "</style></head><body><h1>" + Html.text(title) + "</h1>" + body
                + "</body></html>";
    }

    static String overview(
            String base,
            ConsolePage<BreachedTask> breached,
            ConsolePage<GivenUpNotification> givenUp,
            ComplianceReport compliance,
            Optional<String> operator,
            Optional<String> csrfToken) {
        StringBuilder body = new StringBuilder(8192);
        body.append("<p id=\"mode\">")
                .append(operator.map(o -> "Signed in as " + Html.text(o) + ": you may redeliver notifications.")
                        .orElse("Read-only view."))
                .append("</p>");
        body.append("<form method=\"get\" action=\"")
                .append(Html.text(base))
                .append("/task\">")
                .append("<label>Task id <input name=\"id\" required></label> <button>Show timeline</button></form>");
        body.append("<h2>Breached tasks</h2>");
        if (breached.items().isEmpty()) {
            body.append("<p id=\"no-breached\">No open task is past its deadline.</p>");
        } else {
            body.append("<table id=\"breached\"><tr><th>Task</th><th>Workflow</th><th>Stage</th><th>Tenant</th>"
                    + "<th>Assignee</th><th>Deadline</th><th>Level</th></tr>");
            for (BreachedTask t : breached.items()) {
                body.append("<tr><td><a href=\"")
                        .append(Html.text(base))
                        .append("/task?id=")
                        .append(Html.param(t.taskId()))
                        .append("\">")
                        .append(Html.text(t.taskId()))
                        .append("</a></td><td>")
                        .append(Html.text(t.workflowType()))
                        .append("</td><td>")
                        .append(Html.text(t.stage()))
                        .append("</td><td>")
                        .append(Html.text(t.tenant().orElse("")))
                        .append("</td><td>")
                        .append(Html.text(t.assignee()))
                        .append("</td><td>")
                        .append(t.deadline())
                        .append("</td><td>")
                        .append(t.level())
                        .append("</td></tr>");
            }
            body.append("</table>");
        }
        breached.next()
                .ifPresent(next -> body.append("<p><a id=\"breached-next\" href=\"")
                        .append(Html.text(base))
                        .append("/?after=")
                        .append(Html.param(next))
                        .append("\">Next breached tasks</a></p>"));
        body.append("<h2>Compliance by stage, ")
                .append(compliance.from().toString(), 0, 10)
                .append(" to ")
                .append(compliance.to().minusSeconds(1).toString(), 0, 10)
                .append("</h2>")
                .append(ComplianceChart.svg(compliance));
        body.append("<h2>Given-up notifications</h2>");
        givenUp(body, base, givenUp, operator, csrfToken);
        return layout("Escalation console", body.toString());
    }

    private static void givenUp(
            StringBuilder body,
            String base,
            ConsolePage<GivenUpNotification> page,
            Optional<String> operator,
            Optional<String> csrfToken) {
        if (page.items().isEmpty()) {
            body.append("<p id=\"no-given-up\">No notification was given up.</p>");
            return;
        }
        body.append("<table id=\"given-up\"><tr><th>Notification</th><th>Task</th><th>Type</th><th>Recipient</th>"
                + "<th>Given up</th><th>Attempts</th><th>Last error</th>");
        body.append(operator.isPresent() ? "<th>Action</th></tr>" : "</tr>");
        for (GivenUpNotification n : page.items()) {
            body.append("<tr><td>")
                    .append(Html.text(n.id()))
                    .append("</td><td>")
                    .append(Html.text(n.taskId()))
                    .append("</td><td>")
                    .append(Html.text(n.type()))
                    .append("</td><td>")
                    .append(Html.text(n.recipient()))
                    .append("</td><td>")
                    .append(n.givenUpAt())
                    .append("</td><td>")
                    .append(n.attempts())
                    .append("</td><td>")
                    .append(Html.text(n.lastError().orElse("")))
                    .append("</td>");
            if (operator.isPresent() && csrfToken.isPresent()) {
                body.append("<td><form method=\"post\" action=\"")
                        .append(Html.text(base))
                        .append("/redeliver\"><input type=\"hidden\" name=\"id\" value=\"")
                        .append(Html.text(n.id()))
                        .append("\"><input type=\"hidden\" name=\"request\" value=\"")
                        // A fresh id per rendered form: the same form sent twice is one request.
                        .append(UUID.randomUUID())
                        .append("\"><input type=\"hidden\" name=\"csrf\" value=\"")
                        .append(Html.text(csrfToken.get()))
                        .append("\"><button class=\"redeliver\">Redeliver</button></form></td>");
            }
            body.append("</tr>");
        }
        body.append("</table>");
        page.next()
                .ifPresent(next -> body.append("<p><a id=\"given-up-next\" href=\"")
                        .append(Html.text(base))
                        .append("/?givenUpAfter=")
                        .append(Html.param(next))
                        .append("\">More given-up notifications</a></p>"));
    }

    static String timeline(String base, String taskId, List<TimelineLine> lines) {
        StringBuilder body = new StringBuilder(4096);
        body.append("<p><a href=\"").append(Html.text(base)).append("/\">Back to the console</a></p>");
        if (lines.isEmpty()) {
            body.append("<p id=\"no-timeline\">No audit entry or planned step for this task.</p>");
        } else {
            body.append("<ol id=\"timeline\">");
            for (TimelineLine line : lines) {
                body.append(line.planned() ? "<li class=\"planned\">" : "<li>")
                        .append(line.at())
                        .append(line.planned() ? " (planned) " : " ")
                        .append(Html.text(line.what()))
                        .append("</li>");
            }
            body.append("</ol>");
        }
        return layout("Timeline of task " + taskId, body.toString());
    }

    static String redelivery(String base, Redelivery result) {
        return layout(
                "Redelivery",
                "<p id=\"redelivery\" class=\"notice" + (result.queued() ? "" : " refused") + "\">"
                        + Html.text(result.message()) + "</p><p><a id=\"back\" href=\"" + Html.text(base)
                        + "/\">Back to the console</a></p>");
    }

    static String error(String message) {
        return layout("Escalation console", "<p class=\"notice refused\" id=\"error\">" + Html.text(message) + "</p>");
    }
}
