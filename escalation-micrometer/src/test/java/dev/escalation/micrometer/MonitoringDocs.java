package dev.escalation.micrometer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files in {@code docs/monitoring/}, as the build passes their folder to the tests. */
final class MonitoringDocs {

    static final String ALERTS = "escalation-alerts.yml";
    static final String ALERT_TESTS = "escalation-alerts.test.yml";
    static final String DASHBOARD = "escalation-dashboard.json";
    static final String README = "README.md";

    /** A Prometheus metric name of ours: {@code escalation_} and more, not inside a longer word such as {@code re_escalation}. */
    private static final Pattern METRIC_NAME = Pattern.compile("(?<![A-Za-z0-9_])escalation_[a-z_]+");

    private MonitoringDocs() {}

    static Path folder() {
        String folder = System.getProperty("escalation.monitoring.docs");
        if (folder == null) {
            throw new IllegalStateException(
                    "system property escalation.monitoring.docs is not set; run the tests with Maven");
        }
        return Path.of(folder);
    }

    static Path buildDir() {
        return Path.of(System.getProperty("escalation.build.dir", "target"));
    }

    static String read(String file) {
        try {
            return Files.readString(folder().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every metric name of ours that {@code text} mentions. */
    static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
