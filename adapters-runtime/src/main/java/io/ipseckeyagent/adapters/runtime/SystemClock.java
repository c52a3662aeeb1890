package io.ipseckeyagent.adapters.runtime;

import io.ipseckeyagent.application.port.out.ClockPort;
import java.time.Clock;
import java.time.Instant;

/** The real clock. */
final class SystemClock implements ClockPort {
    private final Clock clock = Clock.systemUTC();

    @Override
    public Instant now() {
        return clock.instant();
    }
}
