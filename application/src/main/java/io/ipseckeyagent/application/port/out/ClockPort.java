package io.ipseckeyagent.application.port.out;

import java.time.Instant;

/** Time, as the agent sees it: the system clock in production, a virtual one in tests and simulations. */
public interface ClockPort {
    Instant now();
}
