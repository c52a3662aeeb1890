package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The API server as the fleet's publishers see it, in virtual time ({@link ApiServerModel}): one
 * CiliumNode key per node, writes committed one after another at a limited rate, 429 with
 * Retry-After when too many wait, and every committed write handed to the watchers. Reads (the
 * agents' start-up lookups) are answered after the latency and never limited. It records when each
 * request arrived and each write was committed.
 */
public final class SimulatedApiServer implements NodeKeyPublisherPort {
    /** One answer object each, shared by every request: a fleet gets hundreds of thousands of them. */
    private static final PublishOutcome SERVER_ERROR = new PublishOutcome.Failed("HTTP 500 on patch CiliumNode");
    private static final PublishOutcome PUBLISHED = new PublishOutcome.Published();
    private final VirtualTime time;
    private final ApiServerModel model;
    private final long serviceNanos;
    private final long latencyNanos;
    private final PublishOutcome tooManyRequestsAnswer;
    // Writes are committed one after another, so their commits and answers fall due in order: no heap.
    private final VirtualTime.InOrder commits;
    private final VirtualTime.InOrder acceptedAnswers;
    private final Map<NodeName, Spi> stored = new HashMap<>();
    private final List<BiConsumer<NodeName, Spi>> watchers = new ArrayList<>();
    // Instants as the clock's elapsed nanoseconds: no Instant or Duration per request.
    private long freeAt;
    private long outageUntil;
    private long origin;
    private Times requests = new Times();
    private Times writes = new Times();
    private long tooManyRequests;
    private long serverErrors;

    SimulatedApiServer(VirtualTime time, ApiServerModel model) {
        this.time = time;
        this.model = model;
        this.serviceNanos = model.serviceTime().toNanos();
        this.latencyNanos = model.latency().toNanos();
        this.tooManyRequestsAnswer = new PublishOutcome.RetryAfter(model.retryAfter(),
                "too many requests (HTTP 429 on patch CiliumNode)");
        this.commits = time.inOrder();
        this.acceptedAnswers = time.inOrder();
        this.freeAt = time.elapsedNanos();
        this.outageUntil = time.elapsedNanos();
        this.origin = time.elapsedNanos();
    }

    /** Requests that arrive before {@code until} are answered 500, as a failing API server would. */
    public void failUntil(Instant until) {
        outageUntil = time.elapsedNanos() + Duration.between(time.now(), until).toNanos();
    }

    /** The key this node's CiliumNode carries now. */
    public Option<Spi> keyOf(NodeName node) {
        return Option.of(stored.get(node));
    }

    /** How many CiliumNodes carry {@code spi} now. */
    public long nodesCarrying(Spi spi) {
        return stored.values().stream().filter(spi::equals).count();
    }

    /** Calls {@code watcher} with every committed write, at the instant it is committed. */
    void onWrite(BiConsumer<NodeName, Spi> watcher) {
        watchers.add(watcher);
    }

    /** The cluster as it was before the agents started: every CiliumNode carries {@code spi}. */
    void store(NodeName node, Spi spi) {
        stored.put(node, spi);
    }

    /** Forgets what was recorded; times are recorded from {@code at} on. */
    void recordFrom(Instant at) {
        origin = time.elapsedNanos() + Duration.between(time.now(), at).toNanos();
        requests = new Times();
        writes = new Times();
        tooManyRequests = 0;
        serverErrors = 0;
    }

    Times requests() {
        return requests;
    }

    Times writes() {
        return writes;
    }

    long tooManyRequests() {
        return tooManyRequests;
    }

    long serverErrors() {
        return serverErrors;
    }

    @Override
    public CompletionStage<PublishedKeyLookup> publishedKey(NodeName node) {
        CompletableFuture<PublishedKeyLookup> answer = new CompletableFuture<>();
        PublishedKeyLookup found = new PublishedKeyLookup.Found(keyOf(node));
        time.runAfterNanos(latencyNanos, () -> answer.complete(found));
        return answer;
    }

    @Override
    public CompletionStage<PublishOutcome> publish(NodeName node, Spi spi) {
        long now = time.elapsedNanos();
        requests.add(now - origin);
        CompletableFuture<PublishOutcome> answer = new CompletableFuture<>();
        if (now < outageUntil) {
            serverErrors++;
            answerLater(answer, latencyNanos, SERVER_ERROR);
            return answer;
        }
        if (waitingAt(now) >= model.queueLimit()) {
            tooManyRequests++;
            answerLater(answer, latencyNanos, tooManyRequestsAnswer);
            return answer;
        }
        freeAt = Math.max(freeAt, now) + serviceNanos;
        commits.runAfterNanos(freeAt - now, () -> commit(node, spi));
        acceptedAnswers.runAfterNanos(freeAt - now + latencyNanos, () -> answer.complete(PUBLISHED));
        return answer;
    }

    /** Accepted writes that have not started yet: the one being committed is not waiting. */
    private long waitingAt(long now) {
        long backlog = freeAt > now ? freeAt - now : 0;
        return backlog == 0 ? 0 : (backlog + serviceNanos - 1) / serviceNanos - 1;
    }

    private void commit(NodeName node, Spi spi) {
        stored.put(node, spi);
        writes.add(time.elapsedNanos() - origin);
        for (BiConsumer<NodeName, Spi> watcher : watchers) {
            watcher.accept(node, spi);
        }
    }

    private void answerLater(CompletableFuture<PublishOutcome> answer, long delayNanos, PublishOutcome outcome) {
        time.runAfterNanos(delayNanos, () -> answer.complete(outcome));
    }
}
