package dev.escalation.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as a person reads them: the two largest units, "2d 3h", "1h 30m", "45s". */
final class Durations {

    private Durations() {}

    static String human(Duration duration) {
        Duration d = duration.abs();
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds > 0 ? " " + seconds + "s" : "");
        }
        return seconds + "s";
    }

    /** A skew in seconds to the millisecond: "1.250 s". */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", duration.abs().toMillis() / 1000.0);
    }
}
