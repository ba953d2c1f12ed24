package dev.escalation.core.task;

import dev.escalation.core.testing.InstantTextContract;
import java.time.Instant;

/** Core's instant text, held to {@link Instant#toString()} by the shared contract. */
class InstantTextTest extends InstantTextContract {

    @Override
    protected String format(Instant instant) {
        return InstantText.format(instant);
    }

    @Override
    protected int write(long epochSecond, int nano, byte[] into, int at) {
        return InstantText.write(epochSecond, nano, into, at);
    }
}
