package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.adapters.observability.ObservabilityAdapters;
import io.ipseckeyagent.application.service.AgentComposition;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;

/** Logs, metrics and health, all fed by the core's events (relay mode: adoption reported as such); the lifecycle serves them on {@code --prometheus-serve-addr}. */
public final class ObservabilityModule extends AbstractModule {

    @Provides
    @Singleton
    ObservabilityAdapters observability() {
        return ObservabilityAdapters.create().withJvmMetrics();
    }

    @Provides
    AgentEventsPort events(ObservabilityAdapters observability, RunConfiguration configuration) {
        return switch (configuration.mode()) {
            case PUBLISH -> observability.events();
            case RELAY -> AgentComposition.relayEvents(observability.events());
        };
    }
}
