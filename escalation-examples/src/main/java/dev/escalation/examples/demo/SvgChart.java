package dev.escalation.examples.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One inline SVG chart over the simulated days: a value axis with round ticks and grid lines, a
 * day axis, and a shaded band for the scheduler outage. Both charts of the report share the day
 * axis, so a spike in one lines up with its cause in the other.
 */
final class SvgChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 280;
    private static final int LEFT = 60;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 48;

    private final Instant start;
    private final int days;
    private final long top;
    private final long step;
    private final StringBuilder body = new StringBuilder();
    private final String valueTitle;

    /** A chart of {@code days} days from {@code start}, whose value axis reaches at least {@code maxValue}. */
    SvgChart(Instant start, int days, long maxValue, String valueTitle) {
        this.start = start;
        this.days = days;
        this.step = niceStep(Math.max(1, maxValue));
        this.top = Math.max(step, (maxValue + step - 1) / step * step);
        this.valueTitle = valueTitle;
    }

    double x(Instant at) {
        double fraction = (double) Duration.between(start, at).toMinutes()
                / Duration.ofDays(days).toMinutes();
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(1, fraction));
    }

    double y(long value) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (double) value / top;
    }

    Instant dayStart(long day) {
        return start.plus(Duration.ofDays(day));
    }

    /** Shades a period and names it at the top, e.g. the scheduler outage. */
    void band(Instant from, Instant to, String label) {
        if (!to.isAfter(start) || !from.isBefore(dayStart(days))) {
            return;
        }
        body.append(format(
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>",
                x(from), TOP, x(to) - x(from), HEIGHT - TOP - BOTTOM));
        body.append(format(
                "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#777\" text-anchor=\"middle\">%s</text>",
                (x(from) + x(to)) / 2, TOP - 6, label));
    }

    /**
     * A line through the values; {@code at} and {@code values} have the same length. Where two
     * samples lie more than {@code maxGap} apart (nobody measured in between), the line breaks
     * rather than inventing a straight path.
     */
    void line(Instant[] at, long[] values, String colour, Duration maxGap) {
        for (int i = 0; i < at.length; i++) {
            if (i == 0 || Duration.between(at[i - 1], at[i]).compareTo(maxGap) > 0) {
                body.append(i == 0 ? "" : "\"/>")
                        .append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke-linejoin=\"round\" stroke=\"")
                        .append(colour)
                        .append("\" points=\"");
            }
            body.append(format("%.1f,%.1f ", x(at[i]), y(values[i])));
        }
        if (at.length > 0) {
            body.append("\"/>");
        }
    }

    /** A bar segment over one day, from value {@code from} up to {@code to}. */
    void bar(long day, long from, long to, String colour) {
        double left = x(dayStart(day));
        double width = x(dayStart(day + 1)) - left;
        double gap = Math.min(4, width / 5);
        body.append(format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                left + gap / 2, y(to), width - gap, y(from) - y(to), colour));
    }

    /** A small number above a bar. */
    void barLabel(long day, long value) {
        double centre = (x(dayStart(day)) + x(dayStart(day + 1))) / 2;
        body.append(format(
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#444\" text-anchor=\"middle\">%d</text>",
                centre, y(value) - 4, value));
    }

    String render(String description) {
        StringBuilder svg = new StringBuilder();
        svg.append(format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                        + " aria-label=\"%s\" font-family=\"system-ui,sans-serif\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, description));
        for (long v = 0; v <= top; v += step) {
            svg.append(format(
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
                    LEFT, y(v), WIDTH - RIGHT, y(v), v == 0 ? "#888" : "#e3e3e3"));
            svg.append(format(
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"#555\" text-anchor=\"end\">%d</text>",
                    LEFT - 6, y(v) + 4, v));
        }
        int every = (int) Math.ceil(days / 15.0); // at most ~15 day labels, however long the simulation
        for (int d = 0; d < days; d++) {
            if (d % every == 0) {
                svg.append(format(
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#555\" text-anchor=\"middle\">%d</text>",
                        (x(dayStart(d)) + x(dayStart(d + 1))) / 2, HEIGHT - BOTTOM + 16, d + 1));
            }
        }
        svg.append(body);
        svg.append(format(
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#555\" text-anchor=\"middle\">day of the simulation</text>",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 10));
        svg.append(format(
                "<text transform=\"translate(16 %d) rotate(-90)\" font-size=\"12\" fill=\"#555\" text-anchor=\"middle\">%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2, valueTitle));
        return svg.append("</svg>").toString();
    }

    /** The smallest of 1, 2, 5 times a power of ten that divides the axis into at most five steps. */
    static long niceStep(long max) {
        double raw = max / 5.0;
        long magnitude = 1;
        while (magnitude * 10 <= raw) {
            magnitude *= 10;
        }
        for (long factor : new long[] {1, 2, 5}) {
            if (factor * magnitude >= raw) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
