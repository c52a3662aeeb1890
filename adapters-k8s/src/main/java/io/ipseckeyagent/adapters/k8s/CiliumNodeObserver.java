package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and watches every CiliumNode and tells the core when another node's
 * {@code spec.encryption.key} differs from what it was last told. Per node it keeps one entry of
 * {@link #lastSeen} (name to last valid key id) and nothing else. No informer: its store held per
 * node an {@code ObjectMeta}, the {@link SlimCiliumNode}, its resourceVersion and a map entry, about
 * 240 bytes the agent never read; without it the resident set at 10,000 other nodes is 6 MiB above
 * that at 10, not 11 (docs/decisions/0012-own-list-and-watch.md).
 *
 * <p>A list reads pages of {@link #LIST_PAGE_SIZE}, one at a time, as consistent reads; nodes the
 * view knew that a relist does not contain are reported removed. Then a watch from the list's
 * resourceVersion, bookmarks on; its events and bookmarks move {@link #resourceVersion} on. fabric8
 * resumes a dropped stream from its last resourceVersion by itself. What it leaves to its caller is
 * handled here: a 410 Gone (an ERROR event in the stream, or the watch request answered 410) or a
 * watch it closes is followed by a fresh list; a failed list is retried, a failed watch request
 * from the same resourceVersion; each retry waits fabric8's {@code watchReconnectInterval} (1 s),
 * twice as long after each failure up to {@link #BACKOFF_MAX}. A relist reports only real
 * differences: the comparison is with the last key reported per node. The first sight of a node
 * counts as a change (the core learns its key); the own node's key goes to
 * {@link KubernetesAdapters.ViewReporting#ownNodeKey()} when first seen and whenever it changes.
 *
 * <p>A watchdog on the agent's scheduler checks every second that the watch is running. fabric8
 * re-watches for ever from an expired resourceVersion when the watch request itself is answered
 * {@code HTTP 410 Gone}, and tells no one; so a watch down for {@link #RESTART_WATCH_AFTER} (then twice as
 * long each time) is replaced by one watch request of our own from the last resourceVersion, whose
 * answer says what is wrong (410: a list follows). Without a list or watch for longer than the
 * staleness bound, the view is reported stale.
 */
final class CiliumNodeObserver implements KubernetesAdapters.ClusterWatch {
    private static final Logger log = LoggerFactory.getLogger(CiliumNodeObserver.class);

    /** How long the watch may be down before a watch request of our own; then twice as long each time, up to {@link #BACKOFF_MAX}. */
    static final Duration RESTART_WATCH_AFTER = Duration.ofSeconds(3);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(60);
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /**
     * CiliumNodes per list request: the agent never holds a whole-cluster list body, only one page
     * (about 150 KB of JSON), small enough that a collection during the list does not push it into the
     * old generation (docs/decisions/0010-paged-cluster-list.md).
     */
    static final long LIST_PAGE_SIZE = 100;

    private final KubernetesClient client;
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
    /** Completes once the first list has been through {@link #seen} and the first watch request has been answered. */
    private final CompletableFuture<Void> firstListHandled = new CompletableFuture<>();

    /**
     * Every list page, watch event, retry and watch (re)start runs here, one at a time and in order:
     * the core is called one call at a time, and a relist never interleaves with a late event of the
     * watch it replaces. A thread of its own, not fabric8's (a list blocks it for a whole paged read),
     * nor the agent's scheduler (that is the core's, and virtual in tests, where these requests run
     * in real time against a real HTTP server).
     */
    private final ScheduledExecutorService viewThread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ciliumnode-view").daemon().factory());
    /** Base of the retry backoff: fabric8's own setting for how long to wait before watching again. */
    private final Duration retryBase;

    /** The last list's, event's or bookmark's resourceVersion: where a watch of our own resumes. Written on the view thread. */
    private volatile String resourceVersion = "";
    // On the view thread only.
    /** The callbacks of the current watch; those of any earlier one are ignored. */
    private Option<Stream> stream = Option.none();
    /** A retry waiting for its time; the watchdog leaves the watch alone meanwhile. */
    private Option<Future<?>> retry = Option.none();
    /** Failures since the watch last delivered something: the retry backoff's exponent. */
    private int failures;

    /** The current watch: closed by {@link #close()}, asked by the watchdog whether it is running. */
    private volatile Option<Watch> watch = Option.none();

    // Watchdog state: touched on the scheduler's thread, except inSync (also cleared by the view thread).
    private final AtomicBoolean inSync = new AtomicBoolean();
    private volatile boolean closed;
    private Instant lastSynced;
    private boolean staleReported;
    private Duration restartWatchAfter = RESTART_WATCH_AFTER;
    private Option<SchedulerPort.Cancellable> nextCheck = Option.none();

    CiliumNodeObserver(KubernetesClient client, ObserveRemoteNodeUseCase remoteNodes, NodeName self,
            KubernetesAdapters.ViewReporting reporting) {
        this.client = client;
        this.remoteNodes = remoteNodes;
        this.self = self;
        this.reporting = reporting;
        Integer reconnect = client.getConfiguration().getWatchReconnectInterval();
        this.retryBase = Duration.ofMillis(reconnect == null || reconnect <= 0 ? 1_000 : reconnect);
    }

    @Override
    public CompletionStage<Void> start() {
        reporting.scheduler().execute(() -> {
            lastSynced = reporting.clock().now();
            scheduleCheck();
        });
        onViewThread(this::listAndWatch);
        return firstListHandled;
    }

    @Override
    public void close() {
        closed = true;
        reporting.scheduler().execute(() -> nextCheck.forEach(SchedulerPort.Cancellable::cancel));
        watch.forEach(Watch::close);
        viewThread.shutdownNow(); // interrupts a list in progress; a watch it opens after this is closed on the spot
        try {
            viewThread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onViewThread(Runnable task) {
        try {
            viewThread.execute(task);
        } catch (RejectedExecutionException afterClose) {
            // closed: the view keeps what it last knew
        }
    }

    // ---- list and watch, on the view thread

    /** Lists every page, then watches from the list's resourceVersion; a failure is retried later. */
    private void listAndWatch() {
        stopWatch();
        Either<String, String> listed = listEveryPage();
        listed.peekLeft(problem -> {
            failed(problem);
            retryLater(this::listAndWatch);
        });
        listed.peek(version -> {
            resourceVersion = version;
            watchFrom(version);
            firstListHandled.complete(null);
        });
    }

    /**
     * The list's resourceVersion once every page has been through {@link #seen}, one page at a time, as
     * consistent reads (no resourceVersion: docs/decisions/0010-paged-cluster-list.md); nodes the view
     * knew that the list lacks are reported removed.
     */
    private Either<String, String> listEveryPage() {
        Set<NodeName> unlisted = new HashSet<>(lastSeen.keySet()); // empty on the first list
        String continueToken = null;
        try {
            while (!closed) {
                KubernetesResourceList<SlimCiliumNode> page = client.resources(SlimCiliumNode.class)
                        .list(new ListOptionsBuilder().withLimit(LIST_PAGE_SIZE).withContinue(continueToken).build());
                for (SlimCiliumNode resource : page.getItems()) {
                    seen(resource);
                    nameOf(resource).forEach(unlisted::remove);
                }
                continueToken = page.getMetadata().getContinue();
                if (continueToken == null || continueToken.isEmpty()) {
                    unlisted.forEach(this::removed);
                    return Either.right(Option.of(page.getMetadata().getResourceVersion()).getOrElse(""));
                }
            }
            return Either.left("closed");
        } catch (KubernetesClientException e) {
            return Either.left("listing CiliumNodes: " + problem(e));
        }
    }

    /** Opens a watch from {@code version}; answered 410, a fresh list follows, other failures watch again later. */
    private void watchFrom(String version) {
        Stream fresh = new Stream();
        stream = Option.some(fresh);
        try {
            Watch opened = client.resources(SlimCiliumNode.class)
                    .watch(new ListOptionsBuilder().withResourceVersion(version.isEmpty() ? null : version).withAllowWatchBookmarks(true).build(), fresh);
            watch = Option.some(opened);
            if (closed) {
                opened.close();
            }
        } catch (KubernetesClientException e) {
            stream = Option.none();
            if (gone(e)) {
                failed("the watch from resourceVersion " + version + " was answered 410 Gone; listing afresh");
                retryLater(this::listAndWatch);
            } else {
                failed("watching CiliumNodes: " + problem(e));
                retryLater(() -> watchFrom(version));
            }
        }
    }

    private void stopWatch() {
        stream = Option.none();
        watch.forEach(Watch::close);
        watch = Option.none();
    }

    /** A watch fabric8 gave up on: 410 Gone (an ERROR event, or a stream that ended at once with nothing) or anything else it cannot resume. */
    private void watchClosed(WatcherException cause) {
        stopWatch();
        failed(cause.isHttpGone()
                ? "the watch's resourceVersion expired (410 Gone); listing afresh"
                : "the watch ended (" + problem(cause) + "); listing afresh");
        retryLater(this::listAndWatch);
    }

    /** Called by the watchdog: a watch down this long is replaced by one request of our own, which says what is wrong. */
    private void restartStuckWatch(Duration down) {
        if (closed || retry.isDefined() || watchRunning()) {
            return; // a retry is due anyway, or the watch came back meanwhile
        }
        failed("the watch has not been running for " + down.toMillis() + " ms (an expired resourceVersion?); watching afresh from "
                + "resourceVersion " + resourceVersion);
        stopWatch();
        watchFrom(resourceVersion);
    }

    private void retryLater(Runnable attempt) {
        if (closed) {
            return;
        }
        long delay = Math.min(retryBase.toMillis() << Math.min(failures, 16), BACKOFF_MAX.toMillis());
        failures++;
        try {
            retry = Option.some(viewThread.schedule(() -> {
                retry = Option.none();
                attempt.run();
            }, delay, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException afterClose) {
            // closed meanwhile
        }
    }

    /** Each failure: one warning, one event; the view stays as it is. */
    private void failed(String cause) {
        if (closed) {
            return;
        }
        log.warn("CiliumNode watch failed ({}); retrying", cause);
        inSync.set(false);
        reporting.events().emit(new AgentEvent.ClusterViewFailing(reporting.clock().now(), cause));
    }

    /** One watch's callbacks (on fabric8's thread), handed to the view thread; those of a replaced watch are dropped there. */
    private final class Stream implements Watcher<SlimCiliumNode> {
        @Override
        public void eventReceived(Action action, SlimCiliumNode resource) {
            onViewThread(() -> {
                if (stream.contains(this)) {
                    handle(action, resource);
                }
            });
        }

        @Override
        public void onClose(WatcherException cause) {
            onViewThread(() -> {
                if (stream.contains(this)) {
                    watchClosed(cause);
                }
            });
        }

        @Override
        public void onClose() {
            // closed by us, or a watch request that failed: watchFrom handles that
        }
    }

    /** One watch event, on the view thread (or a benchmark's). */
    void handle(Watcher.Action action, SlimCiliumNode resource) {
        failures = 0;
        Option.of(resource.getMetadata()).flatMap(metadata -> Option.of(metadata.getResourceVersion()))
                .forEach(version -> resourceVersion = version);
        switch (action) {
            case ADDED, MODIFIED -> seen(resource);
            case DELETED -> nameOf(resource).forEach(this::removed);
            case BOOKMARK -> {
                // only the resourceVersion moves on
            }
            case ERROR -> {
                // never handed on: fabric8 ends or restarts the watch on an ERROR event itself
            }
        }
    }

    // ---- the watchdog, on the scheduler's thread

    private void scheduleCheck() {
        if (!closed) {
            nextCheck = Option.some(reporting.scheduler().schedule(CHECK_EVERY, this::check));
        }
    }

    /** In sync while watching; a watch that stays down is restarted; say when the view is stale. */
    private void check() {
        if (closed) {
            return;
        }
        Instant now = reporting.clock().now();
        if (watchRunning()) {
            lastSynced = now;
            restartWatchAfter = RESTART_WATCH_AFTER;
            staleReported = false;
            if (inSync.compareAndSet(false, true)) {
                onViewThread(() -> failures = 0);
                reporting.events().emit(new AgentEvent.ClusterViewSynced(now, knownNodes().size()));
            }
        } else {
            Duration down = Duration.between(lastSynced, now);
            if (!staleReported && down.compareTo(reporting.staleAfter()) > 0) {
                staleReported = true;
                reporting.events().emit(new AgentEvent.ClusterViewStale(now, lastSynced, reporting.staleAfter()));
            }
            if (down.compareTo(restartWatchAfter) >= 0 && firstListHandled.isDone()) {
                onViewThread(() -> restartStuckWatch(down));
                restartWatchAfter = restartWatchAfter.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : restartWatchAfter.multipliedBy(2);
            }
        }
        scheduleCheck();
    }

    /**
     * Whether the current watch is connected. fabric8 tells that only on its watch manager (what its
     * informers ask too); the {@link Watch} interface has {@code close()} alone.
     */
    private boolean watchRunning() {
        return watch.exists(current -> !(current instanceof AbstractWatchManager<?> manager) || manager.isWatching());
    }

    // ---- the view

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

    /** Where a watch of our own would resume: the last list's, event's or bookmark's resourceVersion. */
    String resourceVersion() {
        return resourceVersion;
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

    /** Whether the API server answered 410 Gone (an expired resourceVersion or continue token). */
    private static boolean gone(KubernetesClientException error) {
        return error.getCode() == HttpURLConnection.HTTP_GONE
                || Option.of(error.getStatus()).exists(status -> Integer.valueOf(HttpURLConnection.HTTP_GONE).equals(status.getCode()));
    }

    /** An answer's status and message, or why there was none. */
    private static String problem(KubernetesClientException error) {
        if (error.getCode() > 0) {
            return "HTTP " + error.getCode() + Option.of(error.getStatus()).flatMap(status -> Option.of(status.getMessage()))
                    .map(message -> ": " + message).getOrElse("");
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && (cause instanceof KubernetesClientException || cause.getMessage() == null)) {
            cause = cause.getCause(); // fabric8's wrappers say "An error has occurred."; the innermost cause says what
        }
        return ApiExchange.NoAnswer.of(cause).cause();
    }

    /** What fabric8 says when it gives up on a watch; its raw event, if it quotes one, cut short. */
    private static String problem(WatcherException error) {
        String message = Option.of(error.getMessage()).getOrElse(error.getClass().getSimpleName());
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
