package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Counts CiliumNodes without caching or watching them: one list with {@code limit=1}, whose
 * {@code metadata.remainingItemCount} gives the rest (the API server sends a single object). A
 * server that leaves the count out (it may, e.g. for lists with a field selector or from a cache)
 * but says there is more is paged through {@value #FALLBACK_PAGE} at a time, keeping only the count.
 * fabric8's retries are off: one call is one count.
 */
final class CiliumNodeCounter implements ClusterSizePort {
    static final int FALLBACK_PAGE = 500;
    /** Stops a server that hands out continue tokens for ever: 5 million nodes is more than any cluster. */
    private static final int MAX_PAGES = 10_000;

    private final HttpClient http;
    private final String collection;
    private final Duration requestTimeout;
    private final KubernetesSerialization json;

    CiliumNodeCounter(KubernetesClient client, Duration requestTimeout) {
        RequestConfigBuilder noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0);
        this.http = client.getHttpClient().newBuilder().tag(noRetries.build()).build();
        this.collection = CiliumNodes.collectionUri(client.getConfiguration().getMasterUrl()).toString();
        this.requestTimeout = requestTimeout;
        this.json = client.getKubernetesSerialization();
    }

    @Override
    public CompletionStage<NodeCount> nodeCount() {
        return page("?limit=1").thenCompose(first -> first.fold(
                failed -> CompletableFuture.completedFuture(failed),
                list -> {
                    int items = list.getItems() == null ? 0 : list.getItems().size();
                    ListMeta meta = Option.of(list.getMetadata()).getOrElse(ListMeta::new);
                    if (meta.getRemainingItemCount() != null) {
                        return CompletableFuture.completedFuture(new NodeCount.Counted(
                                Math.toIntExact(items + Math.max(0, meta.getRemainingItemCount()))));
                    }
                    return rest(items, meta.getContinue(), 1);
                }))
                .handle((count, error) -> error == null ? count
                        : new NodeCount.Failed("counting CiliumNodes failed: " + ApiExchange.NoAnswer.of(error).cause()));
    }

    /** The fallback: pages through what is left, counting. */
    private CompletionStage<NodeCount> rest(int countedSoFar, String continueToken, int pages) {
        if (continueToken == null || continueToken.isEmpty()) {
            return CompletableFuture.completedFuture(new NodeCount.Counted(countedSoFar));
        }
        if (pages >= MAX_PAGES) {
            return CompletableFuture.completedFuture(new NodeCount.Failed("counting CiliumNodes: the API server kept "
                    + "sending continue tokens after " + pages + " pages"));
        }
        String query = "?limit=" + FALLBACK_PAGE + "&continue=" + URLEncoder.encode(continueToken, StandardCharsets.UTF_8);
        return page(query).thenCompose(next -> next.fold(
                failed -> CompletableFuture.completedFuture(failed),
                list -> rest(countedSoFar + (list.getItems() == null ? 0 : list.getItems().size()),
                        Option.of(list.getMetadata()).map(ListMeta::getContinue).getOrNull(), pages + 1)));
    }

    /** One list request: the page, or the failed count to report. */
    private CompletionStage<Either<NodeCount, GenericKubernetesResourceList>> page(String query) {
        HttpRequest request = http.newHttpRequestBuilder().uri(collection + query)
                .timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).build();
        try {
            return http.sendAsync(request, String.class).handle((response, error) -> {
                if (error != null) {
                    return Either.left(failed("no answer: " + ApiExchange.NoAnswer.of(error).cause()));
                }
                String body = response.body() == null ? "" : response.body();
                if (!response.isSuccessful()) {
                    String hint = response.code() == 403 ? "; RBAC must allow verb 'list' on resource '"
                            + CiliumNodes.RBAC_RESOURCE + "'" : "";
                    return Either.left(failed("HTTP " + response.code() + " on list CiliumNodes" + hint));
                }
                return Try.of(() -> json.unmarshal(body, GenericKubernetesResourceList.class))
                        .filter(list -> list != null)
                        .toEither()
                        .mapLeft(notAList -> failed("the API server's answer to list CiliumNodes is not a list"));
            });
        } catch (RuntimeException closedOrBroken) {
            return CompletableFuture.completedFuture(Either.left(
                    failed("no answer: " + ApiExchange.NoAnswer.of(closedOrBroken).cause())));
        }
    }

    private static NodeCount failed(String reason) {
        return new NodeCount.Failed("counting CiliumNodes failed: " + reason);
    }
}
