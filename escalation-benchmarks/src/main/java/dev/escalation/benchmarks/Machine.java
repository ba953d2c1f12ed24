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

    /**
     * Asks the operating system to write its dirty pages out (POSIX {@code sync}) and waits for it.
     * The embedded PostgreSQL runs with {@code fsync=off}: what a scenario wrote stays dirty in the page
     * cache, and a write-heavy scenario right after a gigabyte-sized one is throttled by the kernel's
     * write-back of the other's pages. Each such scenario starts on clean pages instead. Where there is no
     * {@code sync} command this does nothing.
     */
    public static void flushDirtyPages() throws InterruptedException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            // No sync command: the figures are then as they were without it.
        }
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
