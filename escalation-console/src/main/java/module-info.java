/**
 * A small server-rendered HTML operator console a host mounts on the JDK's {@code HttpServer}: the
 * breached worklist, per-stage SLA compliance as an inline SVG chart, a task's timeline and the
 * given-up notifications with a redeliver button behind the host's authorisation check. It reads
 * and acts through one port, {@code ConsoleBackend}. Optional: core never depends on it.
 */
module dev.escalation.console {
    requires transitive dev.escalation.core;
    requires transitive jdk.httpserver;
    requires org.slf4j;

    exports dev.escalation.console;
}
