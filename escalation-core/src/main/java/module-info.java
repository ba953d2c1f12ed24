/**
 * The escalation engine: SLA policies and business calendars, the pure planner, the engine that
 * hosts call from their scheduler, the SPI they implement ({@code WorkflowRepository},
 * {@code Notifier}, {@code AuditSink}, {@code Clock}) and in-memory adapters. Every package is API;
 * implementation classes are package-private beside the API they serve. Depends only on the JDK,
 * SLF4J and the Jackson annotations.
 *
 * <p>The packages whose value types carry Jackson annotations are opened, so that a host's
 * {@code ObjectMapper} on the module path can reach their JSON factories and accessors.
 */
module dev.escalation.core {
    requires org.slf4j;
    requires com.fasterxml.jackson.annotation;

    exports dev.escalation.core;
    exports dev.escalation.core.audit;
    exports dev.escalation.core.calendar;
    exports dev.escalation.core.memory;
    exports dev.escalation.core.notification;
    exports dev.escalation.core.operations;
    exports dev.escalation.core.policy;
    exports dev.escalation.core.preview;
    exports dev.escalation.core.report;
    exports dev.escalation.core.sla;
    exports dev.escalation.core.spi;
    exports dev.escalation.core.task;
    exports dev.escalation.core.time;

    opens dev.escalation.core;
    opens dev.escalation.core.audit;
    opens dev.escalation.core.calendar;
    opens dev.escalation.core.notification;
    opens dev.escalation.core.policy;
    opens dev.escalation.core.preview;
}
