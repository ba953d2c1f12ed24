package dev.escalation.jdbc.testing;

import dev.escalation.core.spi.RunScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Run scopes for tests that call the repository directly, as a run of the engine would. */
public final class Scopes {

    private Scopes() {}

    /** A run of "runner" at {@code now} whose claims last {@code lease}, seeing every tenant. */
    public static RunScope run(String runner, Instant now, Duration lease) {
        return new RunScope(runner, now, now.plus(lease), Set.of());
    }

    /** A run of "runner" at {@code now} whose claims end at once, seeing every tenant. */
    public static RunScope at(Instant now) {
        return run("runner", now, Duration.ZERO);
    }
}
