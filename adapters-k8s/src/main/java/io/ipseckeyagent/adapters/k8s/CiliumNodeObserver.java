package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every CiliumNode (an informer, no resync, caching only {@link SlimCiliumNode}s: name,
 * resource version, key id) and tells the core when another node's
 * {@code spec.encryption.key} differs from what it was last told. Relists after a dropped watch or
 * {@code 410 Gone} report only real differences, because the comparison is with the last SPI
 * reported per node, not with the informer's previous object. The first sight of a node counts as
 * a change (the core learns its key). Calls into the core come on fabric8's informer thread, one at
 * a time.
 */
final class CiliumNodeObserver implements KubernetesAdapters.ClusterWatch, ResourceEventHandler<SlimCiliumNode> {
    private static final Logger log = LoggerFactory.getLogger(CiliumNodeObserver.class);

    private final SharedIndexInformer<SlimCiliumNode> informer;
    private final ObserveRemoteNodeUseCase remoteNodes;
    private final NodeName self;
    private final Set<NodeName> known = ConcurrentHashMap.newKeySet();
    /** The last SPI seen per node: reported to the core for other nodes, kept for this node. */
    private final Map<NodeName, Option<Spi>> lastSeenKey = new ConcurrentHashMap<>();
    /** Completes once the first list has been through this handler, so the view holds the whole cluster. */
    private final CompletableFuture<Void> firstListHandled = new CompletableFuture<>();

    CiliumNodeObserver(KubernetesClient client, ObserveRemoteNodeUseCase remoteNodes, NodeName self) {
        this.remoteNodes = remoteNodes;
        this.self = self;
        this.informer = client.resources(SlimCiliumNode.class).runnableInformer(0);
        informer.addEventHandler(this);
        // Keep listing and watching through any failure: the API server's bad days are exactly when it matters.
        informer.exceptionHandler((started, error) -> {
            log.warn("CiliumNode watch failed ({}); retrying", ApiExchange.NoAnswer.of(error).cause());
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
    public SortedSet<NodeName> knownNodes() {
        return TreeSet.ofAll(known).add(self);
    }

    /** The SPI this node's own CiliumNode carried when last seen; none until it is seen. */
    Option<Option<Spi>> ownKey() {
        return Option.of(lastSeenKey.get(self));
    }

    @Override
    public void onList(String resourceVersion, boolean initialAndEmpty) {
        firstListHandled.complete(null);
    }

    @Override
    public void onAdd(SlimCiliumNode resource) {
        seen(resource);
    }

    @Override
    public void onUpdate(SlimCiliumNode before, SlimCiliumNode after) {
        seen(after);
    }

    @Override
    public void onDelete(SlimCiliumNode resource, boolean finalStateUnknown) {
        nameOf(resource).forEach(node -> {
            lastSeenKey.remove(node);
            if (known.remove(node) && !node.equals(self)) {
                remoteNodes.remoteNodeRemoved(node);
            }
        });
    }

    private void seen(SlimCiliumNode resource) {
        nameOf(resource).forEach(node -> {
            known.add(node);
            resource.key().read(node)
                    .peekLeft(problem -> log.warn("{}; ignored until it holds a valid key id", problem))
                    .peek(key -> keySeen(node, key));
        });
    }

    private void keySeen(NodeName node, Option<Spi> key) {
        Option<Spi> previous = lastSeenKey.put(node, key);
        if (!node.equals(self) && !key.equals(previous)) {
            remoteNodes.remoteNodeKeyChanged(node, key);
        }
    }

    private static Option<NodeName> nameOf(SlimCiliumNode resource) {
        return Option.of(resource.getMetadata())
                .flatMap(metadata -> Option.of(metadata.getName()))
                .filter(name -> !name.isBlank())
                .map(NodeName::of);
    }
}
