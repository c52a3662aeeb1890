package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.security.KeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Kubernetes adapters, built without any framework: a fabric8 client configured as fabric8
 * users expect, the CiliumNode key publisher, and the CiliumNode watch that feeds the core.
 */
public final class KubernetesAdapters {

    private KubernetesAdapters() {}

    /**
     * How to reach the API server. Without {@code kubeconfig}, fabric8's auto-configuration: a
     * kubeconfig file if there is one ({@code KUBECONFIG}, else {@code ~/.kube/config}), else the
     * in-cluster service account (a pod has no kubeconfig file, so in-cluster wins there).
     */
    public record ClientSettings(Option<Path> kubeconfig, Duration connectTimeout, Duration requestTimeout) {
        public ClientSettings {
            Objects.requireNonNull(kubeconfig, "kubeconfig");
            if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }

        /** Auto-configuration, 5 s to connect, 10 s per request. */
        public static ClientSettings defaults() {
            return new ClientSettings(Option.none(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        }

        /** The same settings, reading this kubeconfig file (flag {@code --kubeconfig}). */
        public ClientSettings withKubeconfig(Path path) {
            return new ClientSettings(Option.some(path), connectTimeout, requestTimeout);
        }
    }

    /**
     * What the CiliumNode watch reports besides other nodes' keys: the own node's {@code spec.encryption.key}
     * as the API server holds it ({@code ownNodeKey}, called on the view's thread when first seen
     * and whenever it changes, relists included; none when the node publishes no valid key), and the
     * view's health as {@link io.ipseckeyagent.application.port.out.AgentEvent}s
     * ({@code ClusterViewSynced}, {@code ClusterViewFailing}, {@code ClusterViewStale} after
     * {@code staleAfter} without a successful list or watch). The watchdog runs on {@code scheduler}.
     */
    public record ViewReporting(Consumer<Option<Spi>> ownNodeKey, AgentEventsPort events, ClockPort clock,
                                SchedulerPort scheduler, Duration staleAfter) {
        /** The staleness bound when none is configured. */
        public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);

        public ViewReporting {
            Objects.requireNonNull(ownNodeKey, "ownNodeKey");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            if (staleAfter.isNegative() || staleAfter.isZero()) {
                throw new IllegalArgumentException("staleAfter must be positive");
            }
        }

        /** Reports nothing and runs no watchdog (no relist of a watch that cannot resume): for the demo. */
        static ViewReporting quiet() {
            SchedulerPort never = new SchedulerPort() {
                @Override
                public void execute(Runnable task) {}

                @Override
                public Cancellable schedule(Duration delay, Runnable task) {
                    return () -> false;
                }
            };
            return new ViewReporting(key -> {}, event -> {}, java.time.Instant::now, never, DEFAULT_STALE_AFTER);
        }
    }

    /** A running watch of every CiliumNode: the core's cluster view, and the handle to stop it. */
    public interface ClusterWatch extends ClusterViewPort, AutoCloseable {
        /**
         * Lists and watches CiliumNodes; the stage completes once the first list is in the view
         * (and the core has been told about every other node in it). Failures
         * (API server down, 410 Gone, dropped watch) are retried for ever.
         */
        CompletionStage<Void> start();

        /** Stops watching; the view keeps what it last knew. */
        @Override
        void close();
    }

    /** Relay mode: a running watch of the own CiliumNode only, confirming that Cilium adopted a relayed key. */
    public interface AdoptionWatch extends KeyAdoptionPort, AutoCloseable {
        /**
         * Lists and watches the own CiliumNode (field selector {@code metadata.name}); the stage
         * completes once the first list is handled. Failures are retried by the informer for ever.
         */
        CompletionStage<Void> start();

        /** Stops watching; pending adoptions stay pending. */
        @Override
        void close();
    }

    /** The one CiliumNode watch a mode needs, as the agent's lifecycle starts and stops it. */
    public interface NodeWatch extends AutoCloseable {
        /** Starts watching; completes once the first list is handled. */
        CompletionStage<Void> start();

        @Override
        void close();

        /** The lifecycle's name for it. */
        String part();

        /** Logs that the first list is in, with what it found. */
        void logListed();

        /**
         * Starts watching and waits up to {@code wait} for the first list (then logs it), else warns
         * and goes on: the watch keeps trying. False only if interrupted.
         */
        default boolean startWithin(Duration wait) {
            return NodeWatches.startWithin(this, wait);
        }
    }

    /** Publish mode's watch of every CiliumNode, as a {@link NodeWatch}. */
    public static NodeWatch nodeWatch(ClusterWatch watch) {
        return NodeWatches.of(watch);
    }

    /** Relay mode's watch of the own CiliumNode, as a {@link NodeWatch}; its first list reports the view synced (one node). */
    public static NodeWatch nodeWatch(AdoptionWatch watch, NodeName self, AgentEventsPort events, ClockPort clock) {
        return NodeWatches.of(watch, self, events, clock);
    }

    /**
     * Starts fabric8's one-time set-up on a daemon thread of its own: its Jackson mapper, the
     * kubeconfig model's deserializers, and the JDK's trust store, which the kubeconfig check and
     * the client need a few hundred milliseconds into {@code run}. Meanwhile the caller's thread
     * parses the configuration, so the start-up is shorter by what overlaps (Spring Boot's
     * BackgroundPreinitializer does the same). The stage completes when the set-up is done; the
     * agent ignores a failure here and leaves it to the real calls to report.
     */
    public static CompletionStage<Void> prepareInBackground() {
        CompletableFuture<Void> prepared = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("kubernetes-client-setup").start(() -> Try.run(() -> {
            Config.fromKubeconfig(PREPARATION_KUBECONFIG);
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init((KeyStore) null);
        }).fold(prepared::completeExceptionally, done -> prepared.complete(null)));
        return prepared;
    }

    /** A kubeconfig with every section the check reads, pointing nowhere: it is parsed, never used. */
    private static final String PREPARATION_KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            users: [{name: u, user: {token: t}}]
            """;

    /**
     * Builds the client, on the JDK's HTTP client (see {@link JdkHttpClients}), with the given timeouts and fabric8's request retries off. The left side
     * says what is wrong with the configuration (naming {@code --kubeconfig} when that is the cause).
     * The caller owns the client and closes it at shutdown.
     */
    public static Either<String, KubernetesClient> client(ClientSettings settings) {
        return config(settings).flatMap(config -> Try.of(() -> new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClients()).withConfig(config).build())
                .toEither()
                .mapLeft(error -> "cannot build the Kubernetes client: " + error.getMessage()));
    }

    static Either<String, Config> config(ClientSettings settings) {
        Either<String, Config> base = settings.kubeconfig().fold(
                () -> Try.of(() -> Config.autoConfigure(null)).toEither()
                        .mapLeft(error -> "cannot configure the Kubernetes client: " + error.getMessage()),
                KubernetesAdapters::fromKubeconfig);
        return base.map(config -> tuned(config, settings));
    }

    /** Sets the timeouts and turns fabric8's request retries off (the watches still resume and relist on their own). */
    static Config tuned(Config config, ClientSettings settings) {
        config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        config.setRequestTimeout(Math.toIntExact(settings.requestTimeout().toMillis()));
        // fabric8 retries 5xx with its own un-jittered backoff and ignores Retry-After; the core owns retries.
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /**
     * Whether fabric8 can use this kubeconfig text (read from {@code file}); the invalid side names
     * the file, the YAML line where there is one, and what is wrong, where fabric8 itself says only
     * "An error has occurred.". For the configuration check, so that it is reported with every other problem.
     */
    public static Validation<String, Path> checkKubeconfig(Path file, String text) {
        return Try.of(() -> Config.fromKubeconfig(text))
                .toValidation(error -> kubeconfigProblem(file, error))
                .map(config -> file);
    }

    /** The innermost cause says what is wrong (the YAML parser's or the model's message, with its line); fabric8's wrapper does not. */
    private static String kubeconfigProblem(Path file, Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = Option.of(cause.getMessage()).map(text -> text.replaceAll("\\s+", " ").strip())
                .filter(text -> !text.isEmpty()).getOrElse(cause.getClass().getSimpleName());
        return file + ": not a usable kubeconfig: " + (message.length() > 300 ? message.substring(0, 300) + "..." : message);
    }

    private static Either<String, Config> fromKubeconfig(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return Either.left("--kubeconfig " + path + ": no readable file there");
        }
        return Try.of(() -> Config.fromKubeconfig(path.toFile()))
                .toEither()
                .mapLeft(error -> "--kubeconfig " + path + ": not a usable kubeconfig: " + error.getMessage());
    }

    /**
     * The publisher: one merge patch per call, fabric8's retries off whatever the client's settings,
     * the client's request timeout per request. With {@code createMissingNode}, a missing CiliumNode
     * is created (Cilium owns that object, so this is off unless asked for). Stages complete on the
     * HTTP client's I/O thread.
     */
    public static NodeKeyPublisherPort publisher(KubernetesClient client, boolean createMissingNode) {
        return new CiliumNodePublisher(client, requestTimeoutOf(client), createMissingNode, Clock.systemUTC());
    }

    /**
     * The watch on every CiliumNode. It calls {@code remoteNodes} (on a thread of its own, one
     * call at a time) when another node's key changes or it goes away; {@code self} is tracked but
     * reported to {@code reporting} only, and is always in the view. Call {@link ClusterWatch#start()} to begin.
     */
    public static ClusterWatch observer(KubernetesClient client, ObserveRemoteNodeUseCase remoteNodes, NodeName self) {
        return observer(client, remoteNodes, self, ViewReporting.quiet());
    }

    /**
     * The agent's watch: as {@link #observer(KubernetesClient, ObserveRemoteNodeUseCase, NodeName)},
     * and the own node's key, the view's health and the relist of a watch that cannot resume
     * through {@code reporting}.
     */
    public static ClusterWatch observer(KubernetesClient client, ObserveRemoteNodeUseCase remoteNodes, NodeName self,
            ViewReporting reporting) {
        return new CiliumNodeObserver(client, remoteNodes, self, reporting);
    }

    /**
     * Relay mode's adoption confirmer for {@code self}: watches only that CiliumNode, never writes.
     * Call {@link AdoptionWatch#start()} to begin.
     */
    public static AdoptionWatch adoptionWatch(KubernetesClient client, NodeName self) {
        return new OwnCiliumNodeAdoption(client, self);
    }

    /** How long one relay-mode publish attempt waits for cilium-agent: its 5 s poll plus its own jitter (up to 30 s) and slack. */
    public static final Duration DEFAULT_ADOPTION_WAIT = Duration.ofMinutes(1);

    /**
     * Relay mode's publisher, on top of {@code adoption}: it writes nothing; each attempt waits (a
     * timer on {@code timers}) up to {@code wait} for {@code self}'s CiliumNode to show the SPI, and
     * completes published, or failed so that the core retries with its backoff and reports an
     * overdue adoption at the deadline. {@code publishedKey} answers from the watch, with no request.
     */
    public static NodeKeyPublisherPort confirmingPublisher(KeyAdoptionPort adoption, NodeName self, SchedulerPort timers,
            Duration wait) {
        return new AdoptionConfirmingPublisher(adoption, self, timers, wait);
    }

    /**
     * The cluster's size, counted on each call with one {@code limit=1} list of CiliumNodes (its
     * {@code remainingItemCount}), paging through only when the server leaves that out. No cache, no watch.
     */
    public static ClusterSizePort clusterSize(KubernetesClient client) {
        return new CiliumNodeCounter(client, requestTimeoutOf(client));
    }

    private static Duration requestTimeoutOf(KubernetesClient client) {
        Integer millis = client.getConfiguration().getRequestTimeout();
        return millis == null || millis <= 0 ? ClientSettings.defaults().requestTimeout() : Duration.ofMillis(millis);
    }
}
