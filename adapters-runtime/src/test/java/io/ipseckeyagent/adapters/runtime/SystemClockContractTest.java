package io.ipseckeyagent.adapters.runtime;

import io.ipseckeyagent.testkit.contract.ClockPortContract;
import io.ipseckeyagent.application.port.out.ClockPort;
import java.time.Duration;

/** The clock contract against the real clock: it sleeps 50 ms. */
class SystemClockContractTest extends ClockPortContract {
    private final io.ipseckeyagent.application.port.out.ClockPort clock = RuntimeAdapters.systemClock();

    @Override
    protected ClockPort clock() {
        return clock;
    }

    @Override
    protected void letTimePass(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
