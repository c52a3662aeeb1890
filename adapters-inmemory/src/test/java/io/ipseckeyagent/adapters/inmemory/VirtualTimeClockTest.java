package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.testkit.contract.ClockPortContract;
import io.ipseckeyagent.application.port.out.ClockPort;
import java.time.Duration;

class VirtualTimeClockTest extends ClockPortContract {
    private final VirtualTime time = new VirtualTime();

    @Override
    protected ClockPort clock() {
        return time;
    }

    @Override
    protected void letTimePass(Duration duration) {
        time.advance(duration);
    }
}
