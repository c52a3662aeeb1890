package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ipseckeyagent.application.port.out.AgentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObservabilityServerTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AgentEvent> logged = new ArrayList<>();
    private final ObservabilityAdapters observability = ObservabilityAdapters.create(logged::add);
    private final ObservabilityAdapters.Server server = observability.serve(ANY_LOOPBACK_PORT);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"POST", "PUT", "DELETE"})
    void metricsAnswersWritesWith405AsHealthzDoes(String method) throws Exception {
        HttpResponse<String> write = send(HttpRequest.newBuilder(uri("/metrics")).method(method, HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(write.statusCode()).isEqualTo(405);
        assertThat(write.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void port0BindsAFreePort() {
        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void metricsShowWhatTheEventsReported() throws Exception {
        observability.events().emit(SampleEvents.applied());
        observability.events().emit(SampleEvents.published());

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains(
                "ipsec_key_agent_active_spi 4.0\n",
                "ipsec_key_agent_keys_published_total 1.0\n",
                "ipsec_key_agent_detection_to_publish_seconds_count 1\n",
                "ipsec_key_agent_build_info{java_vendor=\"" + System.getProperty("java.vendor") + "\",java_version=\""
                        + System.getProperty("java.runtime.version") + "\",version=\"dev\"} 1\n");
        assertThat(logged).hasSize(2);
    }

    @Test
    void healthzGoesFromOkToUnhealthyAndBack() throws Exception {
        observability.events().emit(SampleEvents.loaded());
        observability.events().emit(new io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewSynced(SampleEvents.T0, 1));
        HttpResponse<String> ok = get("/healthz");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");

        observability.events().emit(SampleEvents.rejected());
        HttpResponse<String> unhealthy = get("/healthz");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(CapturedLog.parse(unhealthy.body())).containsEntry("status", "unhealthy")
                .containsEntry("reasons", List.of("Failed to load IPsec keyfile: /etc/ipsec/keys:2:"
                        + " SPI must be a decimal number from 1 to 15, was 16 (and 1 more)"));
        assertThat(observability.health().healthy()).isFalse();

        observability.events().emit(SampleEvents.loaded());
        HttpResponse<String> recovered = get("/healthz");
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void healthzAnswersHeadWithoutBodyAndRefusesWrites() throws Exception {
        observability.events().emit(SampleEvents.overdue());

        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/healthz")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/healthz")).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(head.statusCode()).isEqualTo(503);
        assertThat(head.body()).isEmpty();
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void closeStopsServing() {
        server.close();

        assertThatThrownBy(() -> get("/healthz")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsAClearError() {
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());

        assertThatThrownBy(() -> observability.serve(taken))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on").hasMessageContaining(Integer.toString(server.port()));
    }

    @Test
    void aWrittenAddressThatCannotBeBoundOrResolvedIsAFailureOfItsKindNamingTheAddress() {
        ListenAddress taken = ListenAddress.parse("127.0.0.1:" + server.port()).get();
        assertThat(observability.serve(taken).getLeft()).isInstanceOfSatisfying(ObservabilityAdapters.ServeFailure.CannotBind.class,
                failure -> assertThat(failure.problem()).startsWith(taken + ": ").contains("cannot listen on"));

        ListenAddress nowhere = ListenAddress.parse("no-such-host.invalid:9966").get();
        assertThat(observability.serve(nowhere).getLeft())
                .isEqualTo(new ObservabilityAdapters.ServeFailure.Unresolved(nowhere + ": cannot resolve no-such-host.invalid"));
    }

    @Test
    void aWrittenAddressIsServed() throws Exception {
        try (ObservabilityAdapters.Server other = observability.serve(ListenAddress.parse("127.0.0.1:0").get()).get()) {
            assertThat(other.port()).isPositive().isNotEqualTo(server.port());
        }
    }

    @Test
    void anEmptyHostMeansEveryInterface() {
        assertThat(ObservabilityServer.parseAddress(":9966").get())
                .satisfies(address -> assertThat(address.getAddress().isAnyLocalAddress()).isTrue())
                .satisfies(address -> assertThat(address.getPort()).isEqualTo(9966));
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:0,    127.0.0.1, 0",
        "'[::1]:9966',   0:0:0:0:0:0:0:1, 9966",
    })
    void addressesAreParsedTheGoWay(String text, String host, int port) {
        assertThat(ObservabilityServer.parseAddress(text).get())
                .satisfies(address -> assertThat(address.getAddress().getHostAddress()).isEqualTo(host))
                .satisfies(address -> assertThat(address.getPort()).isEqualTo(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9966", "localhost", ":http", ":99999", "1.2.3.4:", "[::1:9966"})
    void badAddressesAreExplained(String text) {
        assertThat(ObservabilityServer.parseAddress(text).getLeft()).containsAnyOf("expected [HOST]:PORT", "port must be");
    }
}
