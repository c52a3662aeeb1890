package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a node's SPI with one JSON merge patch of {@code spec.encryption.key} on its CiliumNode.
 *
 * <p>Raw requests through the client's HTTP client, derived with fabric8's retries off: one call
 * is one request (two only when creating a missing node is on and the node is missing). No GET
 * first and no {@code resourceVersion}, so it never conflicts with writers of other fields. The
 * returned stages complete on the HTTP client's I/O thread: callers must not block there.
 */
final class CiliumNodePublisher implements NodeKeyPublisherPort {
    private static final Logger log = LoggerFactory.getLogger(CiliumNodePublisher.class);
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON = "application/json";

    private final HttpClient http;
    private final String masterUrl;
    private final Duration requestTimeout;
    private final boolean createMissingNode;
    private final KubernetesSerialization json;
    private final ApiOutcomes outcomes;

    CiliumNodePublisher(KubernetesClient client, Duration requestTimeout, boolean createMissingNode, Clock clock) {
        // A derived client shares the connections and authentication, with its own request settings.
        RequestConfigBuilder noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0);
        this.http = client.getHttpClient().newBuilder().tag(noRetries.build()).build();
        this.masterUrl = client.getConfiguration().getMasterUrl();
        this.requestTimeout = requestTimeout;
        this.createMissingNode = createMissingNode;
        this.json = client.getKubernetesSerialization();
        this.outcomes = new ApiOutcomes(clock, json);
    }

    @Override
    public CompletionStage<PublishOutcome> publish(NodeName node, Spi spi) {
        String patch = "{\"spec\":{\"encryption\":{\"key\":" + spi.value() + "}}}";
        HttpRequest request = requestTo(CiliumNodes.nodeUri(masterUrl, node).toString()).patch(MERGE_PATCH, patch).build();
        CompletionStage<PublishOutcome> outcome = exchange(request).thenCompose(answer -> {
            boolean missing = switch (answer) {
                case ApiExchange.Answered answered -> answered.status() == 404;
                case ApiExchange.NoAnswer none -> false;
            };
            return createMissingNode && missing
                    ? create(node, spi)
                    : CompletableFuture.completedFuture(outcomes.outcome(answer, "patch", node));
        });
        return neverExceptional(outcome, PublishOutcome.Failed::new);
    }

    @Override
    public CompletionStage<PublishedKeyLookup> publishedKey(NodeName node) {
        HttpRequest request = requestTo(CiliumNodes.nodeUri(masterUrl, node).toString()).build();
        CompletionStage<PublishedKeyLookup> lookup = exchange(request).thenApply(answer -> switch (answer) {
            case ApiExchange.Answered answered when answered.successful() -> keyIn(node, answered.body());
            case ApiExchange.Answered failed -> new PublishedKeyLookup.Failed(outcomes.outcome(failed, "get", node));
            case ApiExchange.NoAnswer none -> new PublishedKeyLookup.Failed(outcomes.outcome(none, "get", node));
        });
        return neverExceptional(lookup, reason -> new PublishedKeyLookup.Failed(new PublishOutcome.Failed(reason)));
    }

    /** Creates a minimal CiliumNode carrying the key: only when the operator turned this on. */
    private CompletionStage<PublishOutcome> create(NodeName node, Spi spi) {
        log.info("CiliumNode {} does not exist; creating it as configured", node);
        Map<String, Object> body = Map.of(
                "apiVersion", CiliumNodes.API_VERSION,
                "kind", CiliumNodes.KIND,
                "metadata", Map.of("name", node.value()),
                "spec", Map.of("encryption", Map.of("key", spi.value())));
        HttpRequest request = requestTo(CiliumNodes.collectionUri(masterUrl).toString()).post(JSON, json.asJson(body)).build();
        return exchange(request).thenApply(answer -> outcomes.outcome(answer, "create", node));
    }

    private PublishedKeyLookup keyIn(NodeName node, String body) {
        return Try.of(() -> json.unmarshal(body, GenericKubernetesResource.class))
                .toEither("the API server's answer to get CiliumNode " + node + " is not a CiliumNode")
                .flatMap(resource -> CiliumNodes.publishedKey(node, resource))
                .fold(problem -> new PublishedKeyLookup.Failed(new PublishOutcome.Failed(problem)),
                        PublishedKeyLookup.Found::new);
    }

    private HttpRequest.Builder requestTo(String uri) {
        return http.newHttpRequestBuilder().uri(uri).timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one request; the stage always completes normally, with an answer or the reason there was none. */
    private CompletionStage<ApiExchange> exchange(HttpRequest request) {
        try {
            return http.sendAsync(request, String.class).handle((response, error) -> {
                if (error != null) {
                    log.debug("{} {}: no answer", request.method(), request.uri(), error);
                    return ApiExchange.NoAnswer.of(error);
                }
                log.debug("{} {}: HTTP {}", request.method(), request.uri(), response.code());
                return answered(response);
            });
        } catch (RuntimeException closedOrBroken) {
            return CompletableFuture.completedFuture(ApiExchange.NoAnswer.of(closedOrBroken));
        }
    }

    private static ApiExchange answered(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return new ApiExchange.Answered(response.code(), Option.of(response.header("Retry-After")), body);
    }

    /** Last line of defence for the port's promise: a bug here becomes a failed outcome, not an exception. */
    private static <T> CompletionStage<T> neverExceptional(CompletionStage<T> stage, Function<String, T> failed) {
        return stage.handle((value, error) -> error == null
                ? value
                : failed.apply("unexpected error in the CiliumNode publisher: " + ApiExchange.NoAnswer.of(error).cause()));
    }
}
