package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.in.ObserveOwnNodeUseCase;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.in.StartAgentUseCase;
import io.ipseckeyagent.application.port.in.StopAgentUseCase;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.application.service.AgentComposition;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;

/**
 * The core: its settings, mapped from the configuration, and the one {@link RotationService} that
 * serves all four use cases, composed by {@link AgentComposition} as the demo composes its agents.
 */
public final class ApplicationModule extends AbstractModule {

    /** Every use case is the one core. */
    @Override
    protected void configure() {
        bind(StartAgentUseCase.class).to(RotationService.class);
        bind(StopAgentUseCase.class).to(RotationService.class);
        bind(HandleKeyFileChangeUseCase.class).to(RotationService.class);
        bind(ObserveRemoteNodeUseCase.class).to(RotationService.class);
        bind(ObserveOwnNodeUseCase.class).to(RotationService.class);
    }

    /** Resolved and checked with the configuration, relay mode's reserve included. */
    @Provides
    @Singleton
    AgentSettings settings(RunConfiguration configuration) {
        return configuration.core();
    }

    @Provides
    @Singleton
    RotationService rotationService(AgentSettings settings, KeyFileSourcePort keyFile, DatapathPort datapath,
            NodeKeyPublisherPort publisher, ClusterViewPort clusterView, ClockPort clock, SchedulerPort scheduler,
            RandomSourcePort random, AgentEventsPort events) {
        return AgentComposition.rotationService(settings,
                new AgentComposition.OutPorts(keyFile, datapath, publisher, clusterView, clock, scheduler, random, events));
    }
}
