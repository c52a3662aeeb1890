package io.ipseckeyagent.simulator.demo;

import java.util.function.Consumer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.service.AgentComposition;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.domain.key.NodeName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One agent composed as the agent jar composes it ({@link AgentComposition}), without Guice: the
 * real rotation service on its own thread, the key file source and watcher on the Secret volume, a state-file datapath, and the
 * CiliumNode publisher and watch over the shared client. Only the randomness is seeded, so a demo
 * run draws the same delays again.
 */
final class DemoAgent implements AutoCloseable {
    private static final ClockPort SYSTEM_CLOCK = Clock.systemUTC()::instant;

    private final ExecutorScheduler scheduler;
    private volatile RotationService service; // read by the cluster watch's thread
    private final FileSystemAdapters.KeyFileWatch watcher;
    private final KubernetesAdapters.ClusterWatch observer;

    DemoAgent(AgentSettings settings, Path keyFile, Duration pollInterval, Path stateFile, KubernetesClient client,
            long seed, AgentEventsPort events, Consumer<Throwable> onBug) {
        NodeName node = settings.nodeName();
        this.scheduler = new ExecutorScheduler("agent-" + node, onBug);
        this.observer = KubernetesAdapters.observer(client, AgentComposition.remoteNodesOf(() -> service), node);
        this.service = AgentComposition.rotationService(settings, new AgentComposition.OutPorts(
                FileSystemAdapters.keyFileSource(keyFile), FileSystemAdapters.stateFileDatapath(stateFile),
                KubernetesAdapters.publisher(client, false), observer, SYSTEM_CLOCK, scheduler, new SeededRandom(seed), events));
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
}
