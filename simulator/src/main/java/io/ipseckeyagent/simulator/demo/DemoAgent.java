package io.ipseckeyagent.simulator.demo;

import java.util.function.Consumer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One agent wired as the agent jar wires it, without Guice: the real rotation service on its own
 * thread, the key file source and watcher on the Secret volume, a state-file datapath, and the
 * CiliumNode publisher and watch over the shared client. Only the randomness is seeded, so a demo
 * run draws the same delays again.
 */
final class DemoAgent implements AutoCloseable {
    private static final ClockPort SYSTEM_CLOCK = Clock.systemUTC()::instant;

    private final ExecutorScheduler scheduler;
    private final RotationService service;
    private final FileSystemAdapters.KeyFileWatch watcher;
    private final KubernetesAdapters.ClusterWatch observer;

    DemoAgent(AgentSettings settings, Path keyFile, Duration pollInterval, Path stateFile, KubernetesClient client,
            long seed, AgentEventsPort events, Consumer<Throwable> onBug) {
        NodeName node = settings.nodeName();
        this.scheduler = new ExecutorScheduler("agent-" + node, onBug);
        // The watch feeds the service and the service asks the watch for the cluster: tie the knot.
        RemoteNodes remoteNodes = new RemoteNodes();
        this.observer = KubernetesAdapters.observer(client, remoteNodes, node);
        this.service = new RotationService(settings, FileSystemAdapters.keyFileSource(keyFile),
                FileSystemAdapters.stateFileDatapath(stateFile), KubernetesAdapters.publisher(client, false), observer,
                SYSTEM_CLOCK, scheduler, new SeededRandom(seed), events);
        remoteNodes.service = service;
        this.watcher = FileSystemAdapters.keyFileWatcher(keyFile, pollInterval, true, service);
    }

    /** Starts watching the key file and the cluster; the stage completes once the cluster is listed and the agent started. */
    CompletionStage<Void> start() {
        watcher.start();
        return observer.start().thenRun(service::start);
    }

    void drain() throws InterruptedException {
        scheduler.drain();
    }

    @Override
    public void close() {
        service.stop();
        watcher.close();
        observer.close();
        try {
            scheduler.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
    }

    private static final class RemoteNodes implements ObserveRemoteNodeUseCase {
        private volatile RotationService service;

        @Override
        public void remoteNodeKeyChanged(NodeName node, Option<Spi> spi) {
            service.remoteNodeKeyChanged(node, spi);
        }

        @Override
        public void remoteNodeRemoved(NodeName node) {
            service.remoteNodeRemoved(node);
        }
    }
}
