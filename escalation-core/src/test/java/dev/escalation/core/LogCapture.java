package dev.escalation.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Collects every log message, at every level and with its stack trace, while a capture is open:
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     engine.runOnce();
 *     assertThat(logs.text()).doesNotContain("secret");
 * }
 * }</pre>
 * Works through {@link SimpleLoggingWithMdc}, the provider of core's tests. One capture at a time.
 */
public final class LogCapture implements AutoCloseable {

    private static LogCapture active;
    private final StringBuilder text = new StringBuilder();

    private LogCapture() {}

    public static synchronized LogCapture start() {
        if (active != null) {
            throw new IllegalStateException("a log capture is open already");
        }
        active = new LogCapture();
        return active;
    }

    /** Everything logged since {@link #start()}: one line per message, stack traces in full. */
    public synchronized String text() {
        return text.toString();
    }

    @Override
    public void close() {
        synchronized (LogCapture.class) {
            active = null;
        }
    }

    private static void record(Level level, String logger, String message, Throwable failure) {
        LogCapture capture;
        synchronized (LogCapture.class) {
            capture = active;
        }
        if (capture == null) {
            return;
        }
        StringWriter trace = new StringWriter();
        if (failure != null) {
            failure.printStackTrace(new PrintWriter(trace));
        }
        synchronized (capture) {
            capture.text
                    .append(level)
                    .append(' ')
                    .append(logger)
                    .append(": ")
                    .append(message)
                    .append('\n')
                    .append(trace);
        }
    }

    /** A logger that records every call and passes those its delegate has enabled on to it. */
    static final class CapturingLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;
        private final transient Logger delegate;

        CapturingLogger(Logger delegate) {
            this.delegate = delegate;
            this.name = delegate.getName();
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable failure) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            record(level, name, message, failure);
            if (delegate.isEnabledForLevel(level)) {
                delegate.atLevel(level).setCause(failure).log(message);
            }
        }
    }
}
