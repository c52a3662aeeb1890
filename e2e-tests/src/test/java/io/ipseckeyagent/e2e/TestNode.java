package io.ipseckeyagent.e2e;

import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.standins.KubeletSecretVolume;
import io.ipseckeyagent.standins.MockApiServer;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One node of a test cluster: the mock API server (with this node's CiliumNode and two peers), the
 * node's mounted key Secret, state file, kubeconfig and metrics port, and the agents started on it
 * (all killed by {@link #close()}).
 */
final class TestNode implements AutoCloseable {
    static final NodeName NAME = NodeName.of("node-1");
    static final List<NodeName> PEERS = List.of(NodeName.of("node-0"), NodeName.of("node-2"));

    final MockApiServer api = new MockApiServer();
    final KeyMaterial keys = new KeyMaterial();
    final KubeletSecretVolume secret;
    final Path stateFile;
    final int metricsPort = freeLoopbackPort();

    private final Path kubeconfig;
    private final List<AgentProcess> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code publishedSpi}: what this node's CiliumNode carries at the start (0: none). */
    TestNode(Path dir, int publishedSpi) {
        secret = new KubeletSecretVolume(dir.resolve("ipsec"));
        stateFile = dir.resolve("state/state.json");
        kubeconfig = api.writeKubeconfig(dir);
        Option<Spi> published = publishedSpi == 0 ? Option.none() : Option.some(Spi.of(publishedSpi));
        api.createNode(NAME, published);
        PEERS.forEach(peer -> api.createNode(peer, published));
        api.forgetRequests();
    }

    /** The flags every agent here gets: this node, its files, the mock server, JSON logs, metrics on loopback. */
    List<String> baseFlags() {
        return List.of(
                "--node-name=" + NAME,
                "--ipsec-key-file=" + secret.keyFile(),
                "--kubeconfig=" + kubeconfig,
                "--state-file=" + stateFile,
                "--prometheus-serve-addr=127.0.0.1:" + metricsPort,
                "--log-format=json");
    }

    /** Starts {@code run} with the base flags and {@code flags}. */
    AgentProcess run(String... flags) {
        return run(Map.of(), flags);
    }

    AgentProcess run(Map<String, String> environment, String... flags) {
        List<String> args = Stream.concat(Stream.of("run"), Stream.concat(baseFlags().stream(), Stream.of(flags))).toList();
        return start(args, environment);
    }

    /** Starts the jar with exactly {@code args} (for commands other than a normal {@code run}). */
    AgentProcess start(List<String> args, Map<String, String> environment) {
        AgentProcess agent = AgentProcess.start(args, environment);
        agents.add(agent);
        return agent;
    }

    /** An answer of the agent's HTTP endpoint. */
    record HttpAnswer(int status, String body) {}

    /** GET {@code path} from the agent's metrics address. */
    HttpAnswer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code path}, or empty while nothing listens yet. */
    Optional<HttpAnswer> tryGet(String path) {
        try {
            return Optional.of(get(path));
        } catch (UncheckedIOException notListening) {
            return Optional.empty();
        }
    }

    /**
     * GETs {@code path} until the answer is {@code wanted} (at most 10 s) and returns it. Needed even
     * right after the matching log line: an event reaches the log before the metrics and health.
     */
    HttpAnswer awaitAnswer(String path, Predicate<HttpAnswer> wanted) {
        AtomicReference<Optional<HttpAnswer>> last = new AtomicReference<>(Optional.empty());
        try {
            return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> { last.set(tryGet(path)); return last.get(); },
                            answer -> answer.filter(wanted).isPresent())
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("GET " + path + " never answered as expected; last answer: "
                    + last.get().map(answer -> answer.status() + " " + KeyMaterial.redact(answer.body())).orElse("none"), e);
        }
    }

    /** The metrics once {@code series} has {@code value}. */
    String awaitMetric(String series, double value) {
        return awaitAnswer("/metrics", answer -> sample(answer.body(), series).equals(Optional.of(value))).body();
    }

    /** The value of one sample in Prometheus' text format, such as {@code name{label="value"}}; empty when absent. */
    static Optional<Double> sample(String exposition, String series) {
        Matcher match = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(exposition);
        return match.find() ? Optional.of(Double.parseDouble(match.group(1))) : Optional.empty();
    }

    @Override
    public void close() {
        agents.forEach(AgentProcess::close);
        api.close();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
