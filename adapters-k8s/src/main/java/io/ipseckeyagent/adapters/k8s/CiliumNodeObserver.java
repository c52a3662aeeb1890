package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every CiliumNode (an informer, no resync, caching only {@link SlimCiliumNode}s: name,
 * resource version, key id) and tells the core when another node's
 * {@code spec.encryption.key} differs from what it was last told. Relists after a dropped watch or
 * {@code 410 Gone} report only real differences, because the comparison is with the last SPI
 * reported per node, not with the informer's previous object. The first sight of a node counts as
 * a change (the core learns its key). Calls into the core come on fabric8's informer thread, one at
 * a time. The own node's key goes to {@link KubernetesAdapters.ViewReporting#ownNodeKey()} the same
 * way: when first seen and whenever it changes.
 *
 * <p>A watchdog on the agent's scheduler checks every second that the informer is watching. fabric8
 * relists after a 410 ERROR event inside a watch stream, but re-watches for ever from the same
 * expired resourceVersion when the watch request itself is answered {@code HTTP 410 Gone}; so a
 * watch that has not been running for {@link #RELIST_AFTER} is replaced by a fresh informer, which
 * lists (the handler's last-seen keys make that relist report only real differences, and nodes
 * missing from it are reported removed). Without a list or watch for longer than the staleness
 * bound, the view is reported stale.
 */
final class CiliumNodeObserver implements KubernetesAdapters.ClusterWatch, ResourceEventHandler<SlimCiliumNode> {
    private static final Logger log = LoggerFactory.getLogger(CiliumNodeObserver.class);

    /** How long the watch may be down before a fresh list; then twice as long each time, up to {@link #RELIST_BACKOFF_MAX}. */
    static final Duration RELIST_AFTER = Duration.ofSeconds(3);
    static final Duration RELIST_BACKOFF_MAX = Duration.ofSeconds(60);
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /**
     * CiliumNodes per list request: the agent never holds a whole-cluster list body, only one page
     * (about 150 KB of JSON), small enough that a collection during the list does not push it into the
     * old generation (docs/decisions/0010-paged-cluster-list.md).
     */
    static final long LIST_PAGE_SIZE = 100;

    private final KubernetesClient client;
    private volatile SharedIndexInformer<SlimCiliumNode> informer;
    private final ObserveRemoteNodeUseCase remoteNodes;
    private final KubernetesAdapters.ViewReporting reporting;
    private final NodeName self;
    /**
     * Every CiliumNode seen, with the last valid key id read from it: the view's membership (its key
     * set) and what was last reported (its values; reported to the core for other nodes, kept for
     * this node). None: no valid key read yet. One map, not a set of names beside a map of keys:
     * the view holds two entries per node less (docs/decisions/0010-paged-cluster-list.md).
     */
    private final Map<NodeName, Option<Option<Spi>>> lastSeen = new ConcurrentHashMap<>();
    /** Counts changes of {@link #lastSeen}'s membership, so {@link #knownNodes()} is rebuilt only after one. */
    private final AtomicLong membership = new AtomicLong();
    /**
     * The last {@link #knownNodes()}: each rotation asks for it (the jitter bound, the rank policy, whose index
     * is kept per set), and building a sorted set of 10,000 names per call made most of the agent's garbage.
     */
    private volatile View view = new View(-1, TreeSet.empty());

    private record View(long membership, SortedSet<NodeName> nodes) {}

    /** A node seen whose key field was never valid. */
    private static final Option<Option<Spi>> NO_KEY_READ = Option.none();
    /** {@link #lastSeen}'s values, one instance per key id, as {@link SlimCiliumNode#KEYS}. */
    private static final List<Option<Option<Spi>>> KEY_READ = SlimCiliumNode.KEYS.stream().map(Option::some).toList();
    /** Completes once the first list has been through this handler, so the view holds the whole cluster. */
    private final CompletableFuture<Void> firstListHandled = new CompletableFuture<>();

    // Watchdog state: touched on the scheduler's thread, except inSync (also cleared by the informer's thread).
    private final AtomicBoolean inSync = new AtomicBoolean();
    private volatile boolean closed;
    private Instant lastSynced;
    private boolean staleReported;
    private Duration relistAfter = RELIST_AFTER;
    private Option<SchedulerPort.Cancellable> nextCheck = Option.none();

    CiliumNodeObserver(KubernetesClient client, ObserveRemoteNodeUseCase remoteNodes, NodeName self,
            KubernetesAdapters.ViewReporting reporting) {
        this.client = client;
        this.remoteNodes = remoteNodes;
        this.self = self;
        this.reporting = reporting;
        this.informer = newInformer();
    }

    private SharedIndexInformer<SlimCiliumNode> newInformer() {
        SharedIndexInformer<SlimCiliumNode> fresh = client.resources(SlimCiliumNode.class).withLimit(LIST_PAGE_SIZE).runnableInformer(0);
        // CiliumNodes are cluster-scoped: the namespace index would be one more set of every node's name, never read.
        fresh.removeIndexer(Cache.NAMESPACE_INDEX);
        fresh.addEventHandler(this);
        // Keep listing and watching through any failure: the API server's bad days are exactly when it matters.
        fresh.exceptionHandler((started, error) -> {
            String cause = ApiExchange.NoAnswer.of(error).cause();
            log.warn("CiliumNode watch failed ({}); retrying", cause);
            inSync.set(false);
            reporting.events().emit(new AgentEvent.ClusterViewFailing(reporting.clock().now(), cause));
            return true;
        });
        return fresh;
    }

    @Override
    public CompletionStage<Void> start() {
        reporting.scheduler().execute(() -> {
            lastSynced = reporting.clock().now();
            scheduleCheck();
        });
        return informer.start().thenCompose(listed -> firstListHandled);
    }

    @Override
    public void close() {
        closed = true;
        reporting.scheduler().execute(() -> nextCheck.forEach(SchedulerPort.Cancellable::cancel));
        informer.stop();
    }

    private void scheduleCheck() {
        if (!closed) {
            nextCheck = Option.some(reporting.scheduler().schedule(CHECK_EVERY, this::check));
        }
    }

    /** On the scheduler's thread: in sync while watching; relist a watch that stays down; say when the view is stale. */
    private void check() {
        if (closed) {
            return;
        }
        Instant now = reporting.clock().now();
        if (informer.isWatching()) {
            lastSynced = now;
            relistAfter = RELIST_AFTER;
            staleReported = false;
            if (inSync.compareAndSet(false, true)) {
                reporting.events().emit(new AgentEvent.ClusterViewSynced(now, knownNodes().size()));
            }
        } else {
            Duration down = Duration.between(lastSynced, now);
            if (!staleReported && down.compareTo(reporting.staleAfter()) > 0) {
                staleReported = true;
                reporting.events().emit(new AgentEvent.ClusterViewStale(now, lastSynced, reporting.staleAfter()));
            }
            if (down.compareTo(relistAfter) >= 0 && informer.hasSynced()) {
                relist(down);
                relistAfter = relistAfter.multipliedBy(2).compareTo(RELIST_BACKOFF_MAX) > 0 ? RELIST_BACKOFF_MAX : relistAfter.multipliedBy(2);
            }
        }
        scheduleCheck();
    }

    /** Replaces the informer by a fresh one, which lists; nodes gone from that list are reported removed. */
    private void relist(Duration down) {
        log.warn("CiliumNode watch not running for {} ms; listing afresh", down.toMillis());
        inSync.set(false);
        reporting.events().emit(new AgentEvent.ClusterViewFailing(reporting.clock().now(),
                "the watch has not been running for " + down.toMillis() + " ms (an expired resourceVersion?); listing afresh"));
        SharedIndexInformer<SlimCiliumNode> old = informer;
        old.stop();
        SharedIndexInformer<SlimCiliumNode> fresh = newInformer();
        informer = fresh;
        fresh.start().thenRun(() -> {
            Set<NodeName> listed = ConcurrentHashMap.newKeySet();
            fresh.getStore().list().forEach(resource -> nameOf(resource).forEach(listed::add));
            lastSeen.keySet().stream().filter(node -> !listed.contains(node)).toList().forEach(this::removed);
        });
    }

    @Override
    public SortedSet<NodeName> knownNodes() {
        long current = membership.get();
        View last = view;
        if (last.membership() == current) {
            return last.nodes();
        }
        SortedSet<NodeName> nodes = TreeSet.ofAll(lastSeen.keySet()).add(self); // holds every change counted up to current
        view = new View(current, nodes);
        return nodes;
    }

    /** The SPI this node's own CiliumNode carried when last seen; none until it is seen. */
    Option<Option<Spi>> ownKey() {
        return Option.of(lastSeen.get(self)).flatMap(key -> key);
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
        nameOf(resource).forEach(this::removed);
    }

    /** A deleted own node is not reported: there is nothing to compare or repair until it is back. */
    private void removed(NodeName node) {
        boolean wasKnown = lastSeen.remove(node) != null;
        if (wasKnown) {
            membership.incrementAndGet();
        }
        if (wasKnown && !node.equals(self)) {
            remoteNodes.remoteNodeRemoved(node);
        }
    }

    private void seen(SlimCiliumNode resource) {
        nameOf(resource).forEach(node -> {
            if (lastSeen.putIfAbsent(node, NO_KEY_READ) == null) {
                membership.incrementAndGet();
            }
            resource.key().read(node)
                    .peekLeft(problem -> log.warn("{}; ignored until it holds a valid key id", problem))
                    .peek(key -> keySeen(node, key));
        });
    }

    private void keySeen(NodeName node, Option<Spi> key) {
        Option<Option<Spi>> previous = lastSeen.put(node, KEY_READ.get(key.fold(() -> 0, Spi::value)));
        if (previous != null && previous.contains(key)) {
            return;
        }
        if (node.equals(self)) {
            reporting.ownNodeKey().accept(key);
        } else {
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
