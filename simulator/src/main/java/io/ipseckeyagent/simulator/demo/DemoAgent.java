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
import io.vavr.collection.TreeSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    private final Supplier<CompletionStage<Void>> startWatch;
    private final Runnable closeWatch;

    DemoAgent(AgentSettings settings, Path keyFile, Duration pollInterval, Path stateFile, KubernetesClient client,
            long seed, AgentEventsPort events, Consumer<Throwable> onBug) {
        NodeName node = settings.nodeName();
        this.scheduler = RuntimeAdapters.serialScheduler("agent-" + node, onBug);
        KubernetesAdapters.ClusterWatch observer = KubernetesAdapters.observer(client,
                AgentComposition.remoteNodesOf(() -> service), node);
        this.startWatch = observer::start;
        this.closeWatch = observer::close;
        this.service = AgentComposition.rotationService(settings, new AgentComposition.OutPorts(
                FileSystemAdapters.keyFileSource(keyFile), FileSystemAdapters.stateFileDatapath(stateFile),
                KubernetesAdapters.publisher(client, false), observer, RuntimeAdapters.systemClock(), scheduler, new SeededRandom(seed), events));
        this.watcher = FileSystemAdapters.keyFileWatcher(keyFile, pollInterval, true, service);
    }

    /**
     * A relay-mode agent, composed as {@code run --mode relay} composes it: the relay datapath writes
     * {@code relayFile} for the node's cilium-agent, the confirming publisher waits for the own
     * CiliumNode to show the SPI (a watch of that node only), no view of other nodes, and the
     * core's publishes reported as adoptions.
     */
    static DemoAgent relaying(AgentSettings settings, Path keyFile, Duration pollInterval, Path relayFile, Path stateFile,
            KubernetesClient client, long seed, AgentEventsPort events, Consumer<Throwable> onBug) {
        NodeName node = settings.nodeName();
        RuntimeAdapters.OwnedScheduler scheduler = RuntimeAdapters.serialScheduler("agent-" + node, onBug);
        KubernetesAdapters.AdoptionWatch adoption = KubernetesAdapters.adoptionWatch(client, node);
        RotationService service = AgentComposition.rotationService(settings, new AgentComposition.OutPorts(
                FileSystemAdapters.keyFileSource(keyFile), FileSystemAdapters.relayDatapath(relayFile, stateFile),
                KubernetesAdapters.confirmingPublisher(adoption, node, scheduler, KubernetesAdapters.DEFAULT_ADOPTION_WAIT),
                () -> TreeSet.of(node), RuntimeAdapters.systemClock(), scheduler, new SeededRandom(seed),
                AgentComposition.relayEvents(events)));
        return new DemoAgent(scheduler, service, FileSystemAdapters.keyFileWatcher(keyFile, pollInterval, true, service),
                adoption::start, adoption::close);
    }

    private DemoAgent(RuntimeAdapters.OwnedScheduler scheduler, RotationService service,
            FileSystemAdapters.KeyFileWatch watcher, Supplier<CompletionStage<Void>> startWatch, Runnable closeWatch) {
        this.scheduler = scheduler;
        this.service = service;
        this.watcher = watcher;
        this.startWatch = startWatch;
        this.closeWatch = closeWatch;
    }

    /** Starts watching the key file and the cluster (relay: the own node); the stage completes once listed and the agent started. */
    CompletionStage<Void> start() {
        watcher.start();
        return startWatch.get().thenRun(service::start);
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
        closeWatch.run();
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
    }
}
