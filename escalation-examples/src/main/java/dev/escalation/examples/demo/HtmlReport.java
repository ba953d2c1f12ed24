package dev.escalation.examples.demo;

import dev.escalation.core.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * A self-contained HTML page: inline SVG charts, no scripts, no external files, so it opens
 * anywhere and can be attached to a ticket.
 */
final class HtmlReport {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int PAD = 40;

    private HtmlReport() {
    }

    static String render(DemoOptions options, Simulation.Result result, List<StageSummary> stages) {
        StringBuilder html = new StringBuilder(32_000);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Escalation demo report</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append(".legend span{margin-right:1.5em}</style></head><body>")
                .append("<h1>Escalation demo</h1><p>")
                .append(options.tasks()).append(" tasks over ").append(options.days()).append(" simulated days, seed ")
                .append(options.seed()).append(", ").append(result.runs().size()).append(" engine runs every 15 minutes.</p>");
        html.append("<h2>Open, near-breach and breached tasks</h2>").append(lines(result.samples()))
                .append("<p class=\"legend\"><span style=\"color:#3366cc\">&#9632; open</span>")
                .append("<span style=\"color:#e6a100\">&#9632; near breach</span><span style=\"color:#cc3333\">&#9632; breached</span></p>");
        html.append("<h2>Escalations per day</h2>").append(bars(result));
        html.append("<h2>Outcome per stage</h2><table><tr><th>stage</th><th>tasks</th><th>met SLA</th><th>warned</th>")
                .append("<th>level 1</th><th>level 2+</th><th>re-escalated</th><th>breached</th><th>still open</th></tr>");
        for (StageSummary s : stages) {
            html.append("<tr><td>").append(escape(s.stage())).append("</td><td>").append(s.tasks()).append("</td><td>")
                    .append(s.metSla()).append("</td><td>").append(s.warned()).append("</td><td>").append(s.escalatedLevel1())
                    .append("</td><td>").append(s.escalatedLevel2Plus()).append("</td><td>").append(s.reEscalated())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f%%", s.breachedPercent())).append("</td><td>")
                    .append(s.stillOpen()).append("</td></tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String lines(List<Simulation.Sample> samples) {
        long max = Math.max(1, samples.stream().mapToLong(Simulation.Sample::open).max().orElse(1));
        StringBuilder svg = svgStart(max);
        polyline(svg, samples, Simulation.Sample::open, max, "#3366cc");
        polyline(svg, samples, Simulation.Sample::nearBreach, max, "#e6a100");
        polyline(svg, samples, Simulation.Sample::breached, max, "#cc3333");
        return svg.append("</svg>").toString();
    }

    private static void polyline(StringBuilder svg, List<Simulation.Sample> samples, ToLongFunction<Simulation.Sample> value,
            long max, String colour) {
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
        for (int i = 0; i < samples.size(); i++) {
            double x = PAD + (WIDTH - 2.0 * PAD) * i / Math.max(1, samples.size() - 1);
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * value.applyAsLong(samples.get(i)) / max;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("\"/>");
    }

    private static String bars(Simulation.Result result) {
        TreeMap<Long, Long> perDay = new TreeMap<>();
        Instant start = Simulation.START;
        for (RunReport run : result.runs()) {
            long day = Duration.between(start, run.startedAt()).toDays();
            perDay.merge(day, (long) run.escalations() + run.reEscalations(), Long::sum);
        }
        long max = Math.max(1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
        StringBuilder svg = svgStart(max);
        double slot = (WIDTH - 2.0 * PAD) / Math.max(1, perDay.size());
        perDay.forEach((day, count) -> {
            double h = (HEIGHT - 2.0 * PAD) * count / max;
            double x = PAD + slot * day;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#cc3333\"/>",
                    x + 2, HEIGHT - PAD - h, slot - 4, h));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">d%d</text>",
                    x + slot / 2, HEIGHT - PAD + 14, day + 1));
        });
        return svg.append("</svg>").toString();
    }

    private static StringBuilder svgStart(long max) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\">")
                .append("<line x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD).append("\" x2=\"").append(WIDTH - PAD)
                .append("\" y2=\"").append(HEIGHT - PAD).append("\" stroke=\"#999\"/>")
                .append("<line x1=\"").append(PAD).append("\" y1=\"").append(PAD).append("\" x2=\"").append(PAD).append("\" y2=\"")
                .append(HEIGHT - PAD).append("\" stroke=\"#999\"/>")
                .append("<text x=\"4\" y=\"").append(PAD + 4).append("\" font-size=\"11\">").append(max).append("</text>")
                .append("<text x=\"4\" y=\"").append(HEIGHT - PAD).append("\" font-size=\"11\">0</text>");
        return svg;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
