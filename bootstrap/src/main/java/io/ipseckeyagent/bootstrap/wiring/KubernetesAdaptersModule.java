package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.AdoptionWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClientSettings;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClusterWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.NodeWatch;
import io.ipseckeyagent.application.port.in.ObserveOwnNodeUseCase;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.function.Consumer;
import io.ipseckeyagent.application.service.AgentComposition;
import io.ipseckeyagent.bootstrap.config.AgentMode;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.plugin.RelayLink;
import io.ipseckeyagent.pluginhost.AgentPluginContext;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeSet;

/**
 * The API server: one client ({@code --kubeconfig}, else fabric8's auto-configuration) and the one
 * CiliumNode watch {@code --mode} needs. Publish mode watches every CiliumNode (the core's cluster
 * view); relay mode watches only its own (adoption), counts nodes on demand instead of keeping a
 * view, and never builds the all-nodes watch. The plugins share the client (and, in relay mode, the
 * {@link RelayLink}).
 */
public final class KubernetesAdaptersModule extends AbstractModule {
    private final AgentMode mode;

    public KubernetesAdaptersModule(AgentMode mode) {
        this.mode = mode;
    }

    @Override
    protected void configure() {
        switch (mode) {
            case PUBLISH -> install(new PublishMode());
            case RELAY -> install(new RelayMode());
        }
    }

    /** A kubeconfig that cannot be used is a configuration error naming {@code --kubeconfig}. */
    @Provides
    @Singleton
    KubernetesClient client(RunConfiguration configuration) {
        ClientSettings settings = configuration.plugins().kubeconfig().fold(ClientSettings::defaults, ClientSettings.defaults()::withKubeconfig);
        return KubernetesAdapters.client(settings).getOrElseThrow(problem -> configuration.plugins().kubeconfig().isDefined()
                ? StartupFailure.invalidConfiguration(problem)
                : StartupFailure.cannotStart(problem));
    }

    private static final class PublishMode extends AbstractModule {
        @Override
        protected void configure() {
            bind(ClusterViewPort.class).to(ClusterWatch.class);
        }

        /** Not started here: the lifecycle starts it, after the metrics server and before the key file watch; it feeds the core once built. */
        @Provides
        @Singleton
        ClusterWatch clusterWatch(KubernetesClient client, Provider<ObserveRemoteNodeUseCase> core,
                Provider<ObserveOwnNodeUseCase> ownNode, RunConfiguration configuration,
                AgentEventsPort events, ClockPort clock, SchedulerPort scheduler) {
            // What the API server holds for this node goes to the core, which repairs a drift.
            Consumer<Option<Spi>> ownNodeKey = AgentComposition.ownNodeOf(ownNode::get)::ownNodeKeyObserved;
            return KubernetesAdapters.observer(client, AgentComposition.remoteNodesOf(core::get), configuration.core().nodeName(),
                    new KubernetesAdapters.ViewReporting(ownNodeKey, events, clock, scheduler,
                            configuration.clusterViewStaleAfter()));
        }

        @Provides
        @Singleton
        NodeWatch watch(ClusterWatch watch) {
            return KubernetesAdapters.nodeWatch(watch);
        }

        @Provides
        @Singleton
        AgentPluginContext context(RunConfiguration configuration, ClockPort clock, RandomSourcePort random, KubernetesClient client) {
            return new AgentPluginContext(configuration.plugins(), configuration.settings(), clock, random,
                    HashMap.of(KubernetesClient.class, client));
        }
    }

    private static final class RelayMode extends AbstractModule {
        /** Not started here: the lifecycle starts it, like the publish-mode watch. */
        @Provides
        @Singleton
        AdoptionWatch adoptionWatch(KubernetesClient client, RunConfiguration configuration) {
            return KubernetesAdapters.adoptionWatch(client, configuration.core().nodeName());
        }

        @Provides
        @Singleton
        NodeWatch watch(AdoptionWatch watch, RunConfiguration configuration, AgentEventsPort events, ClockPort clock) {
            return KubernetesAdapters.nodeWatch(watch, configuration.core().nodeName(), events, clock);
        }

        /** The count the {@code auto} jitter maximum needs: one {@code limit=1} list per question, no cache. */
        @Provides
        @Singleton
        ClusterSizePort clusterSize(KubernetesClient client) {
            return KubernetesAdapters.clusterSize(client);
        }

        /** No view of other nodes is kept; {@code rank}, the one policy that needs one, is refused by the configuration. */
        @Provides
        @Singleton
        ClusterViewPort ownNodeOnly(RunConfiguration configuration) {
            return () -> TreeSet.of(configuration.core().nodeName());
        }

        @Provides
        @Singleton
        AgentPluginContext context(RunConfiguration configuration, ClockPort clock, RandomSourcePort random, KubernetesClient client,
                AdoptionWatch adoption, SchedulerPort scheduler) {
            return new AgentPluginContext(configuration.plugins(), configuration.settings(), clock, random,
                    HashMap.of(KubernetesClient.class, client, RelayLink.class, new RelayLink(configuration.relayKeyFile(), adoption, scheduler)));
        }
    }
}
