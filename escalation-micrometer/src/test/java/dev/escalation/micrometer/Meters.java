package dev.escalation.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;

/** Reads meters from a registry for assertions; a missing meter fails the test with its name. */
final class Meters {

    private final MeterRegistry registry;

    Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The count of the one counter with this name and these tags (key, value, key, value, ...). */
    double count(String name, String... tags) {
        return RequiredSearch.in(registry).name(name).tags(tags).counter().count();
    }

    /** The sum over every counter with this name that has these tags. */
    double sum(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    double gauge(String name) {
        return RequiredSearch.in(registry).name(name).gauge().value();
    }

    Gauge gaugeMeter(String name) {
        return RequiredSearch.in(registry).name(name).gauge();
    }
}
