package dev.escalation.core.time;

import java.time.Instant;

/** The one place in the library that reads the wall clock. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
