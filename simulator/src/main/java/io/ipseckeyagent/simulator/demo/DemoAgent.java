package io.ipseckeyagent.simulator.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.service.AgentComposition;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.domain.key.NodeName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One agent composed as the agent jar composes it ({@link AgentComposition}), without Guice: the
 * real rotation service on its own thread, the key file source and watcher on the Secret volume, a state-file datapath, and the
 * CiliumNode publisher and watch over the shared client. Only the randomness is seeded, so a demo
 * run draws the same delays again.
 */
final class DemoAgent implements AutoCloseable {
    private final RuntimeAdapters.OwnedScheduler scheduler;
    private volatile RotationService service; // read by the cluster watch's thread
    private final FileSystemAdapters.KeyFileWatch watcher;
    private final KubernetesAdapters.ClusterWatch observer;

    DemoAgent(AgentSettings settings, Path keyFile, Duration pollInterval, Path stateFile, KubernetesClient client,
            long seed, AgentEventsPort events, Consumer<Throwable> onBug) {
        NodeName node = settings.nodeName();
        this.scheduler = RuntimeAdapters.serialScheduler("agent-" + node, onBug);
        this.observer = KubernetesAdapters.observer(client, AgentComposition.remoteNodesOf(() -> service), node);
        this.service = AgentComposition.rotationService(settings, new AgentComposition.OutPorts(
                FileSystemAdapters.keyFileSource(keyFile), FileSystemAdapters.stateFileDatapath(stateFile),
                KubernetesAdapters.publisher(client, false), observer, RuntimeAdapters.systemClock(), scheduler, new SeededRandom(seed), events));
        this.watcher = FileSystemAdapters.keyFileWatcher(keyFile, pollInterval, true, service);
    }

    /** Starts watching the key file and the cluster; the stage completes once the cluster is listed and the agent started. */
    CompletionStage<Void> start() {
        watcher.start();
        return observer.start().thenRun(service::start);
    }

    /** Runs everything queued on the agent's thread so far, then returns. */
    void drain() throws InterruptedException {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        scheduler.execute(() -> drained.complete(null));
        try {
            drained.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the agent's thread is stuck", e);
        }
    }

    @Override
    public void close() {
        service.stop();
        watcher.close();
        observer.close();
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
    }
}
