package io.ipseckeyagent.application.service;

import io.ipseckeyagent.application.port.in.ObserveOwnNodeUseCase;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one composition of the core from its adapters: the agent's Guice wiring and the demo's
 * in-process agents both build their {@link RotationService} here, so they cannot drift apart.
 *
 * <p>The order both run it in: build the cluster watch with {@link #remoteNodesOf} (the core reads
 * its view, the watch feeds the core), then the core with {@link #rotationService}; start the
 * cluster watch and the key file watch before the core's {@code start}, so that no change falls
 * between the first load and the watch; stop the core first (it cancels a pending jitter wait),
 * then the watches, then the scheduler's thread.
 */
public final class AgentComposition {
    private AgentComposition() {}

    /** Every out port of the core, each from its adapter. */
    public record OutPorts(KeyFileSourcePort keyFile, DatapathPort datapath, NodeKeyPublisherPort publisher,
            ClusterViewPort clusterView, ClockPort clock, SchedulerPort scheduler, RandomSourcePort random,
            AgentEventsPort events) {
        public OutPorts {
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(datapath, "datapath");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(clusterView, "clusterView");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(events, "events");
        }
    }

    /** The core, serving all four use cases. */
    public static RotationService rotationService(AgentSettings settings, OutPorts ports) {
        return new RotationService(Objects.requireNonNull(settings, "settings"), ports.keyFile(), ports.datapath(),
                ports.publisher(), ports.clusterView(), ports.clock(), ports.scheduler(), ports.random(), ports.events());
    }

    /**
     * Relay mode's events: the core's "published" means, with the confirming publisher, that
     * cilium-agent adopted the relayed key, so it reaches {@code events} as
     * {@link AgentEvent.KeyAdoptionConfirmed}; everything else passes unchanged.
     */
    public static AgentEventsPort relayEvents(AgentEventsPort events) {
        Objects.requireNonNull(events, "events");
        return event -> events.emit(event instanceof AgentEvent.KeyPublished(var at, var node, var spi, var since, var attempts)
                ? new AgentEvent.KeyAdoptionConfirmed(at, node, spi, since, attempts)
                : event);
    }

    /**
     * What the cluster watch feeds, before the core exists: each call asks {@code core} for the core
     * then. The watch reports its first node only once started, which is after the core is built.
     */
    public static ObserveRemoteNodeUseCase remoteNodesOf(Supplier<? extends ObserveRemoteNodeUseCase> core) {
        Objects.requireNonNull(core, "core");
        return new ObserveRemoteNodeUseCase() {
            @Override
            public void remoteNodeKeyChanged(NodeName node, Option<Spi> spi) {
                core.get().remoteNodeKeyChanged(node, spi);
            }

            @Override
            public void remoteNodeRemoved(NodeName node) {
                core.get().remoteNodeRemoved(node);
            }
        };
    }

    /** What the own-node watch feeds, before the core exists, as {@link #remoteNodesOf}. */
    public static ObserveOwnNodeUseCase ownNodeOf(Supplier<? extends ObserveOwnNodeUseCase> core) {
        Objects.requireNonNull(core, "core");
        return spi -> core.get().ownNodeKeyObserved(spi);
    }
}
