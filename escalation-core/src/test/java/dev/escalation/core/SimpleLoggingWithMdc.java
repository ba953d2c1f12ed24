package dev.escalation.core;

import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple's logging with a working MDC (slf4j-simple's own MDC drops every value), so that
 * tests can see what the engine puts there, and with every logger wrapped so that {@link LogCapture}
 * sees each message at every level, whatever slf4j-simple prints. Selected by the
 * {@code slf4j.provider} system property that the surefire configuration sets.
 */
public final class SimpleLoggingWithMdc extends SimpleServiceProvider {

    private final MDCAdapter mdc = new BasicMDCAdapter();
    private ILoggerFactory capturing;

    @Override
    public void initialize() {
        super.initialize();
        ILoggerFactory simple = super.getLoggerFactory();
        capturing = name -> new LogCapture.CapturingLogger(simple.getLogger(name));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return capturing;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}
