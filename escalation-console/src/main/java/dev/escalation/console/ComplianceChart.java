package dev.escalation.console;

import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-stage compliance over time as an inline SVG line chart: one line per stage, the share of
 * tasks completed within their SLA each day (all workflow types and tenants of the stage together).
 * Rendered on the server; the browser needs no script.
 */
final class ComplianceChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 32;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private ComplianceChart() {}

    /** Completed and within-SLA counts of one stage on one day. */
    private static final class Day {
        long completed;
        long withinSla;
    }

    static String svg(ComplianceReport report) {
        Map<String, Map<Instant, Day>> stages = new TreeMap<>();
        for (ComplianceRow row : report.rows()) {
            if (row.completed() == 0) {
                continue;
            }
            Day day = stages.computeIfAbsent(row.stage(), s -> new TreeMap<>())
                    .computeIfAbsent(row.periodStart(), d -> new Day());
            day.completed += row.completed();
            day.withinSla += row.completedWithinSla();
        }
        long days = Math.max(1, Duration.between(report.from(), report.to()).toDays());
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg id=\"compliance-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"Share of tasks completed within their SLA per stage and day\">");
        axes(svg, report);
        int colour = 0;
        List<String> legend = new ArrayList<>();
        for (Map.Entry<String, Map<Instant, Day>> stage : stages.entrySet()) {
            String fill = COLOURS[colour++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (Map.Entry<Instant, Day> day : stage.getValue().entrySet()) {
                double share = (double) day.getValue().withinSla / day.getValue().completed;
                double x = x(report, day.getKey(), days);
                double y = y(share);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %d of %d within SLA</title></circle>",
                        x,
                        y,
                        fill,
                        Html.text(stage.getKey()),
                        day.getKey().toString().substring(0, 10),
                        day.getValue().withinSla,
                        day.getValue().completed));
            }
            svg.append("<polyline class=\"stage-line\" fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(fill)
                    .append("\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>")
                    .append(dots);
            legend.add(fill + "\u0000" + stage.getKey());
        }
        int y = TOP + 4;
        for (String entry : legend) {
            String[] parts = entry.split("\u0000", 2);
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                    WIDTH - RIGHT - 170,
                    y,
                    parts[0],
                    WIDTH - RIGHT - 155,
                    y + 9,
                    Html.text(parts[1])));
            y += 14;
        }
        if (stages.isEmpty()) {
            svg.append("<text x=\"" + (WIDTH / 2) + "\" y=\"" + (HEIGHT / 2)
                    + "\" text-anchor=\"middle\" font-size=\"13\">No task completed in this range</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, ComplianceReport report) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                LEFT,
                TOP,
                LEFT,
                bottom,
                LEFT,
                bottom,
                WIDTH - RIGHT,
                bottom));
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = y(percent / 100.0);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d %%</text>"
                            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                    LEFT - 4,
                    y + 3,
                    percent,
                    LEFT + 1,
                    y,
                    WIDTH - RIGHT,
                    y));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                LEFT,
                HEIGHT - 8,
                report.from().toString().substring(0, 10),
                WIDTH - RIGHT,
                HEIGHT - 8,
                report.to().minusSeconds(1).toString().substring(0, 10)));
    }

    private static double x(ComplianceReport report, Instant day, long days) {
        double offset = Duration.between(report.from(), day).toHours() / 24.0 + 0.5;
        return LEFT + offset / days * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double share) {
        return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM);
    }
}
