package dev.escalation.core.testing;

import java.util.TimeZone;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test with a JVM default time zone far from any zone under test (UTC+14, Kiritimati, or UTC-11,
 * Pago Pago, by the test class's choice), so that a computation that reads the default zone instead of the
 * calendar's gives another minute, or another day, and fails. Restores the default afterwards.
 */
public final class HostileDefaultZone implements BeforeEachCallback, AfterEachCallback {

    /** The zone furthest east of UTC. */
    public static final String EAST = "Pacific/Kiritimati";
    /** A zone far west of UTC. */
    public static final String WEST = "Pacific/Pago_Pago";

    private final String zone;
    private TimeZone before;

    /** East of UTC, the usual choice. */
    public HostileDefaultZone() {
        this(EAST);
    }

    public HostileDefaultZone(String zone) {
        this.zone = zone;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TimeZone.setDefault(before);
    }
}
