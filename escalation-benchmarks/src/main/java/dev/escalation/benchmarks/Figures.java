package dev.escalation.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Formatting and the few statistics the report needs. */
public final class Figures {

    private Figures() {}

    /** A rate such as "12.3 M/s" or "6,410/s". */
    public static String rate(double perSecond) {
        if (perSecond >= 10_000_000) {
            return String.format(Locale.ROOT, "%.1f M/s", perSecond / 1e6);
        }
        if (perSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** A duration in milliseconds as "1.52 s", "431 ms" or "1.4 ms". */
    public static String millis(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    /** A ratio as "1.7x". */
    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0fx" : "%.1fx", ratio);
    }

    /** A share of a whole as "0.45". */
    public static String share(double share) {
        return String.format(Locale.ROOT, "%.2f", share);
    }

    /** The median of per-round shares with their range, e.g. "0.45 (0.41 - 0.49, 3 rounds)". */
    public static String shareAndRange(List<Double> shares) {
        if (shares.size() == 1) {
            return share(shares.get(0));
        }
        return share(median(shares)) + " (" + share(Collections.min(shares)) + " - " + share(Collections.max(shares))
                + ", " + shares.size() + " rounds)";
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** "met" or "missed", for a target column. */
    public static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The middle value, or the lower of the two middle ones: a value that was measured. */
    public static double lowerMedian(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The median with the range of the rounds, e.g. "1.52 s (1.48-1.60 s, 3 runs)". */
    public static String medianAndRange(List<Double> millis) {
        if (millis.size() == 1) {
            return millis(millis.get(0));
        }
        return millis(median(millis)) + " (" + millis(Collections.min(millis)) + " - " + millis(Collections.max(millis))
                + ", " + millis.size() + " runs)";
    }
}
