package dev.escalation.core;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple's logging with a working MDC (slf4j-simple's own MDC drops every value), so that
 * tests can see what the engine puts there. Selected by the {@code slf4j.provider} system property
 * that the surefire configuration sets.
 */
public final class SimpleLoggingWithMdc extends SimpleServiceProvider {

    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}
