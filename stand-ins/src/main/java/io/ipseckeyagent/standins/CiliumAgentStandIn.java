package io.ipseckeyagent.standins;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for cilium-agent's IPsec key watcher, for relay-mode end-to-end tests and the demo. Like
 * current Cilium it loads the key file once at start, then polls the file's content every
 * {@code pollInterval} (5 s in Cilium; short in tests), and on each change, after an optional
 * random wait below {@code maxJitter} (Cilium with the upstream jitter: keyRotationDuration / 10),
 * loads it and publishes the active SPI with one JSON merge patch of its CiliumNode's
 * {@code spec.encryption.key}. An invalid file is counted and ignored: the last loaded key stays,
 * as in Cilium. It never creates the CiliumNode (Cilium's agent does that at start, before this).
 */
public final class CiliumAgentStandIn implements AutoCloseable {
    private static final String NODES_PATH = "apis/cilium.io/v2/ciliumnodes/";

    private final Path keyFile;
    private final NodeName node;
    private final Duration pollInterval;
    private final Duration maxJitter;
    private final Random random;
    private final KubernetesClient client;
    private final ScheduledExecutorService poller;
    private final AtomicReference<byte[]> lastContent = new AtomicReference<>();
    private final AtomicReference<Option<Spi>> loaded = new AtomicReference<>(Option.none());
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger loadFailures = new AtomicInteger();
    private final AtomicInteger patches = new AtomicInteger();
    private final AtomicInteger patchesSent = new AtomicInteger();

    private CiliumAgentStandIn(Path keyFile, NodeName node, String apiServerUrl, Duration pollInterval,
            Duration maxJitter, long seed) {
        this.keyFile = keyFile;
        this.node = node;
        this.pollInterval = pollInterval;
        this.maxJitter = maxJitter;
        this.random = new Random(seed);
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(apiServerUrl).withRequestTimeout(5_000)
                .withRequestRetryBackoffLimit(0).build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cilium-agent-stand-in-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts a stand-in without jitter (Cilium releases before the upstream jitter). */
    public static CiliumAgentStandIn start(Path keyFile, NodeName node, String apiServerUrl, Duration pollInterval) {
        return start(keyFile, node, apiServerUrl, pollInterval, Duration.ZERO, 1);
    }

    /** Starts a stand-in that waits a random time below {@code maxJitter} (seeded) before each reload. */
    public static CiliumAgentStandIn start(Path keyFile, NodeName node, String apiServerUrl, Duration pollInterval,
            Duration maxJitter, long seed) {
        CiliumAgentStandIn standIn = new CiliumAgentStandIn(keyFile, node, apiServerUrl, pollInterval, maxJitter, seed);
        // At start Cilium loads at once, without jitter.
        standIn.poller.execute(() -> standIn.poll(false));
        standIn.poller.scheduleWithFixedDelay(() -> standIn.poll(true), pollInterval.toNanos(), pollInterval.toNanos(),
                TimeUnit.NANOSECONDS);
        return standIn;
    }

    /** The SPI of the key file last loaded; none before the first good load. */
    public Option<Spi> loadedSpi() {
        return loaded.get();
    }

    /** Loads attempted (valid or not), one per content change seen. */
    public int loads() {
        return loads.get();
    }

    public int loadFailures() {
        return loadFailures.get();
    }

    /** PATCH requests sent that the server accepted. */
    public int patches() {
        return patches.get();
    }

    /** PATCH requests sent, accepted or not; counted before sending, so never behind what the server saw. */
    public int patchesSent() {
        return patchesSent.get();
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    private void poll(boolean jitter) {
        byte[] content;
        try {
            content = Files.readAllBytes(keyFile);
        } catch (NoSuchFileException missing) {
            return; // Cilium waits for its key file
        } catch (IOException unreadable) {
            loadFailures.incrementAndGet();
            return;
        }
        byte[] previous = lastContent.getAndSet(content);
        if (previous != null && Arrays.equals(previous, content)) {
            return;
        }
        long waitNanos = jitter && !maxJitter.isZero() ? (long) (random.nextDouble() * maxJitter.toNanos()) : 0;
        if (waitNanos > 0) {
            poller.schedule(() -> load(content), waitNanos, TimeUnit.NANOSECONDS);
        } else {
            load(content);
        }
    }

    private void load(byte[] content) {
        loads.incrementAndGet();
        KeyFileCheck check = KeyFileParser.parse(content);
        check.keySet().fold(() -> {
            loadFailures.incrementAndGet(); // "Failed to load IPsec keyfile": the previous key stays
            return null;
        }, keys -> {
            loaded.set(Option.some(keys.activeSpi()));
            publish(keys.activeSpi());
            return null;
        });
    }

    private void publish(Spi spi) {
        String master = client.getConfiguration().getMasterUrl();
        String uri = (master.endsWith("/") ? master : master + "/") + NODES_PATH + node.value();
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(uri)
                .patch("application/merge-patch+json", "{\"spec\":{\"encryption\":{\"key\":" + spi.value() + "}}}")
                .build();
        patchesSent.incrementAndGet();
        try {
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(10, TimeUnit.SECONDS);
            if (response.isSuccessful()) {
                patches.incrementAndGet();
            }
        } catch (Exception failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    @Override
    public String toString() {
        return "CiliumAgentStandIn[" + node + ", " + keyFile + ", every " + pollInterval + "]";
    }
}
