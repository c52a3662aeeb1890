package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.bootstrap.runtime.SerialScheduler;
import io.ipseckeyagent.bootstrap.runtime.SystemClock;
import io.ipseckeyagent.bootstrap.runtime.ThreadLocalRandomSource;
import org.slf4j.LoggerFactory;

/** Time, randomness and the agent's one thread: the system clock, real randomness, a serial scheduler. */
public final class RuntimeModule extends AbstractModule {

    /** The agent's thread; the lifecycle shuts it down last. */
    @Provides
    @Singleton
    SerialScheduler serialScheduler() {
        return new SerialScheduler("ipsec-key-agent", bug -> LoggerFactory.getLogger(SerialScheduler.class).atError()
                .setMessage("A task of the agent failed; this is a bug, the agent goes on").setCause(bug).log());
    }

    @Provides
    SchedulerPort scheduler(SerialScheduler scheduler) {
        return scheduler;
    }

    @Provides
    @Singleton
    ClockPort clock() {
        return new SystemClock();
    }

    @Provides
    @Singleton
    RandomSourcePort random() {
        return new ThreadLocalRandomSource();
    }
}
