package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClientSettings;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClusterWatch;
import io.ipseckeyagent.application.port.in.ObserveOwnNodeUseCase;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.function.Consumer;
import io.ipseckeyagent.application.service.AgentComposition;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;

/**
 * The API server: one client ({@code --kubeconfig}, else fabric8's auto-configuration) and the
 * CiliumNode watch, which is the core's cluster view. The {@code cilium-node} publisher plugin
 * shares the client.
 */
public final class KubernetesAdaptersModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ClusterViewPort.class).to(ClusterWatch.class);
    }

    /** A kubeconfig that cannot be used is a configuration error naming {@code --kubeconfig}. */
    @Provides
    @Singleton
    KubernetesClient client(RunConfiguration configuration) {
        ClientSettings settings = configuration.kubeconfig().fold(ClientSettings::defaults, ClientSettings.defaults()::withKubeconfig);
        return KubernetesAdapters.client(settings).getOrElseThrow(problem -> configuration.kubeconfig().isDefined()
                ? StartupFailure.invalidConfiguration(problem)
                : StartupFailure.cannotStart(problem));
    }

    /** Not started here: the lifecycle starts it, after the metrics server and before the key file watch; it feeds the core once built. */
    @Provides
    @Singleton
    ClusterWatch clusterWatch(KubernetesClient client, Provider<ObserveRemoteNodeUseCase> core,
            Provider<ObserveOwnNodeUseCase> ownNode, RunConfiguration configuration,
            AgentEventsPort events, ClockPort clock, SchedulerPort scheduler) {
        // What the API server holds for this node goes to the core, which repairs a drift.
        Consumer<Option<Spi>> ownNodeKey = AgentComposition.ownNodeOf(ownNode::get)::ownNodeKeyObserved;
        return KubernetesAdapters.observer(client, AgentComposition.remoteNodesOf(core::get), configuration.nodeName(),
                new KubernetesAdapters.ViewReporting(ownNodeKey, events, clock, scheduler,
                        KubernetesAdapters.ViewReporting.DEFAULT_STALE_AFTER));
    }
}
