package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay mode's adoption confirmer: an informer on the own CiliumNode only (list and watch with the
 * field selector {@code metadata.name=<node>}, no resync), so the API server sends this agent one
 * object's events, not the N x N fan-out of a watch on every node. Completes the waits for an SPI
 * once {@code spec.encryption.key} shows it. Never writes.
 */
final class OwnCiliumNodeAdoption implements KubernetesAdapters.AdoptionWatch, ResourceEventHandler<GenericKubernetesResource> {
    private static final Logger log = LoggerFactory.getLogger(OwnCiliumNodeAdoption.class);

    private final NodeName self;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final AtomicReference<Option<Spi>> published = new AtomicReference<>(Option.none());
    private final Map<CompletableFuture<Spi>, Spi> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstListHandled = new CompletableFuture<>();

    OwnCiliumNodeAdoption(KubernetesClient client, NodeName self) {
        this.self = self;
        // withName: fabric8 lists and watches the collection with fieldSelector=metadata.name=<node>.
        this.informer = client.genericKubernetesResources(CiliumNodes.CONTEXT).withName(self.value()).runnableInformer(0);
        informer.addEventHandler(this);
        informer.exceptionHandler((started, error) -> {
            log.warn("Watch of CiliumNode {} failed ({}); retrying", self, ApiExchange.NoAnswer.of(error).cause());
            return true;
        });
    }

    @Override
    public CompletionStage<Void> start() {
        return informer.start().thenCompose(listed -> firstListHandled);
    }

    @Override
    public void close() {
        informer.stop();
    }

    @Override
    public CompletionStage<Spi> adoption(Spi spi) {
        CompletableFuture<Spi> adopted = new CompletableFuture<>();
        waiting.put(adopted, spi);
        adopted.whenComplete((done, cancelled) -> waiting.remove(adopted));
        // Checked after registering, so a key seen in between is not missed.
        if (published.get().contains(spi)) {
            adopted.complete(spi);
        }
        return adopted;
    }

    @Override
    public Option<Spi> publishedKey() {
        return published.get();
    }

    @Override
    public void onList(String resourceVersion, boolean initialAndEmpty) {
        firstListHandled.complete(null);
    }

    @Override
    public void onAdd(GenericKubernetesResource resource) {
        seen(resource);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        seen(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
        published.set(Option.none());
    }

    private void seen(GenericKubernetesResource resource) {
        boolean own = Option.of(resource.getMetadata()).exists(metadata -> self.value().equals(metadata.getName()));
        if (!own) {
            return; // the field selector should make this impossible; a server ignoring it must not confirm anything
        }
        CiliumNodes.publishedKey(self, resource)
                .peekLeft(problem -> log.warn("{}; ignored until it holds a valid key id", problem))
                .peek(key -> {
                    published.set(key);
                    key.forEach(spi -> waiting.forEach((adopted, wanted) -> {
                        if (wanted.equals(spi)) {
                            adopted.complete(spi);
                        }
                    }));
                });
    }

    @Override
    public String toString() {
        return "OwnCiliumNodeAdoption[" + self + "]";
    }
}
