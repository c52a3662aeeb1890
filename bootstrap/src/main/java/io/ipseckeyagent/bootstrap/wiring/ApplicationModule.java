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
import io.ipseckeyagent.bootstrap.config.AgentMode;
import io.ipseckeyagent.domain.rotation.StartMode;
import java.time.Duration;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.vavr.control.Option;

/**
 * The core: its settings, mapped from the configuration, and the one {@link RotationService} that
 * serves all four use cases, composed by {@link AgentComposition} as the demo composes its agents.
 */
public final class ApplicationModule extends AbstractModule {

    /** The four use cases are the one core. */
    @Override
    protected void configure() {
        bind(StartAgentUseCase.class).to(RotationService.class);
        bind(StopAgentUseCase.class).to(RotationService.class);
        bind(HandleKeyFileChangeUseCase.class).to(RotationService.class);
        bind(ObserveRemoteNodeUseCase.class).to(RotationService.class);
        bind(ObserveOwnNodeUseCase.class).to(RotationService.class);
    }

    /** The configuration already checked the jitter with the same rule, so a failure here is a bug. */
    private static final Duration CILIUM_KEY_POLL_INTERVAL = Duration.ofSeconds(5);

    @Provides
    @Singleton
    AgentSettings settings(RunConfiguration configuration) {
        JitterSettings jitter = new JitterSettings(configuration.enableIpsecJitter(), configuration.ipsecKeyRotationDuration(),
                configuration.ipsecJitterMaxDuration(), configuration.ipsecJitterTargetRate(),
                JitterSettings.direct(configuration.keyFilePollInterval(), JitterSettings.DEFAULT_PUBLISH_BUDGET))
                .withSecretPropagation(configuration.secretPropagationBudget());
        boolean relay = configuration.mode() == AgentMode.RELAY;
        // Relay mode: cilium-agent polls the relayed file (5 s) and, in releases since 2026, adds its own
        // jitter (keyRotationDuration / 10); the cap reserves both, assuming the newer release.
        JitterSettings effective = relay ? jitter.relay(CILIUM_KEY_POLL_INTERVAL, true) : jitter;
        return AgentSettings.of(configuration.nodeName(), configuration.clusterName(), effective,
                        configuration.ipsecJitterPolicy(), RetryBackoff.DEFAULT)
                .map(settings -> relay ? settings.withStartMode(StartMode.RELAY) : settings)
                .toEither()
                .getOrElseThrow(errors -> new IllegalStateException("the configuration let invalid jitter through: "
                        + errors.mkString("; ")));
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
