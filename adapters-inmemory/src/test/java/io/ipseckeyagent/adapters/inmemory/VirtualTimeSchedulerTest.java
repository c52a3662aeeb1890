package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.testkit.contract.SchedulerPortContract;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.time.Instant;

class VirtualTimeSchedulerTest extends SchedulerPortContract {
    private final VirtualTime time = new VirtualTime();

    @Override
    protected SchedulerPort scheduler() {
        return time;
    }

    @Override
    protected long nowNanos() {
        return Duration.between(Instant.EPOCH, time.now()).toNanos();
    }

    @Override
    protected void letTimePass(Duration duration) {
        time.advance(duration);
    }
}
