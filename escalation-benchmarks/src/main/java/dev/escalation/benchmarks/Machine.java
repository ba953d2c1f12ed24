package dev.escalation.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/** What the figures were measured on: cores, memory, JDK, and how busy the machine was. */
public final class Machine {

    private Machine() {}

    /** The one-minute load average, or -1 where the system does not tell. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** "2 cores, 23.4 GiB, OpenJDK 64-Bit Server VM 17.0.15+6 (Debian), Linux 6.1 amd64". */
    public static String describe() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        String memory = os instanceof com.sun.management.OperatingSystemMXBean sun
                ? String.format(Locale.ROOT, ", %.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024))
                : "";
        return os.getAvailableProcessors() + " cores" + memory + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.vendor") + "), "
                + os.getName() + " "
                + os.getVersion() + " " + os.getArch();
    }
}
