package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters.OwnedScheduler;
import org.slf4j.LoggerFactory;

/** Time, randomness and the agent's one thread: the system clock, real randomness, a serial scheduler. */
public final class RuntimeModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(SchedulerPort.class).to(OwnedScheduler.class);
    }

    /** The agent's thread; the lifecycle shuts it down last. */
    @Provides
    @Singleton
    OwnedScheduler serialScheduler() {
        return RuntimeAdapters.serialScheduler("ipsec-key-agent", bug -> LoggerFactory.getLogger(RuntimeModule.class).atError()
                .setMessage("A task of the agent failed; this is a bug, the agent goes on").setCause(bug).log());
    }

    @Provides
    @Singleton
    ClockPort clock() {
        return RuntimeAdapters.systemClock();
    }

    @Provides
    @Singleton
    RandomSourcePort random() {
        return RuntimeAdapters.threadLocalRandom();
    }
}
