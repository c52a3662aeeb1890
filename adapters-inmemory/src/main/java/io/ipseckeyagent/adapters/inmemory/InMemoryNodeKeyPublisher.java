package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A cluster that holds one SPI per node, with scripted answers. By default every publish succeeds
 * at once. Tests can script outcomes ({@link #answerNext}), make answers take virtual time
 * ({@link #answerAfter}), or hold answers back to simulate a publish in flight ({@link #hold},
 * {@link #completeHeld}). A successful publish changes what {@link #publishedKey} returns.
 */
public final class InMemoryNodeKeyPublisher implements NodeKeyPublisherPort {
    private Option<Spi> published = Option.none();
    private Option<PublishOutcome> lookupFailure = Option.none();
    private final Deque<PublishOutcome> script = new ArrayDeque<>();
    private final Deque<Held> held = new ArrayDeque<>();
    private boolean holding;
    private SchedulerPort timers;
    private Duration latency = Duration.ZERO;
    private final java.util.List<Spi> attempts = new java.util.ArrayList<>();
    private final java.util.List<Spi> successes = new java.util.ArrayList<>();
    private int lookups;

    /** The cluster already carries {@code spi} for the node (none: no key). */
    public synchronized void alreadyPublishes(Option<Spi> spi) {
        published = spi;
    }

    /** Lookups of the published key fail with {@code outcome}. */
    public synchronized void failLookups(PublishOutcome outcome) {
        lookupFailure = Option.some(outcome);
    }

    /** The next publish attempts answer these outcomes, in order; then attempts succeed again. */
    public synchronized void answerNext(PublishOutcome... outcomes) {
        script.addAll(java.util.List.of(outcomes));
    }

    /** Every answer (lookups too) comes {@code latency} later on {@code scheduler}. */
    public synchronized void answerAfter(SchedulerPort scheduler, Duration latency) {
        this.timers = scheduler;
        this.latency = latency;
    }

    /** From now on, publish attempts stay in flight until {@link #completeHeld} answers them. */
    public synchronized void hold() {
        holding = true;
    }

    /** Answers the oldest attempt in flight with {@code outcome}; later attempts are answered at once. */
    public void completeHeld(PublishOutcome outcome) {
        Held oldest;
        synchronized (this) {
            holding = false;
            oldest = held.poll();
        }
        if (oldest == null) {
            throw new IllegalStateException("no publish attempt is in flight");
        }
        answer(oldest.spi, outcome, oldest.future);
    }

    public synchronized int inFlight() {
        return held.size();
    }

    /** Every SPI an attempt was made for, in order. */
    public synchronized List<Spi> attempts() {
        return List.ofAll(attempts);
    }

    /** Every SPI published successfully, in order. */
    public synchronized List<Spi> successes() {
        return List.ofAll(successes);
    }

    public synchronized Option<Spi> publishedSpi() {
        return published;
    }

    public synchronized int lookups() {
        return lookups;
    }

    @Override
    public CompletionStage<PublishedKeyLookup> publishedKey(NodeName node) {
        PublishedKeyLookup lookup;
        synchronized (this) {
            lookups++;
            lookup = lookupFailure.<PublishedKeyLookup>map(PublishedKeyLookup.Failed::new)
                    .getOrElse(() -> new PublishedKeyLookup.Found(published));
        }
        CompletableFuture<PublishedKeyLookup> future = new CompletableFuture<>();
        later(() -> future.complete(lookup));
        return future;
    }

    @Override
    public CompletionStage<PublishOutcome> publish(NodeName node, Spi spi) {
        CompletableFuture<PublishOutcome> future = new CompletableFuture<>();
        PublishOutcome outcome;
        synchronized (this) {
            attempts.add(spi);
            if (holding) {
                held.add(new Held(spi, future));
                return future;
            }
            outcome = script.isEmpty() ? new PublishOutcome.Published() : script.poll();
        }
        later(() -> answer(spi, outcome, future));
        return future;
    }

    private void answer(Spi spi, PublishOutcome outcome, CompletableFuture<PublishOutcome> future) {
        switch (outcome) {
            case PublishOutcome.Published ok -> {
                synchronized (this) {
                    published = Option.some(spi);
                    successes.add(spi);
                }
            }
            // A failed attempt leaves the published key as it was.
            case PublishOutcome.RetryAfter failed -> {}
            case PublishOutcome.Conflict failed -> {}
            case PublishOutcome.NotFound failed -> {}
            case PublishOutcome.Forbidden failed -> {}
            case PublishOutcome.Failed failed -> {}
        }
        future.complete(outcome);
    }

    private void later(Runnable answer) {
        SchedulerPort scheduler;
        Duration delay;
        synchronized (this) {
            scheduler = timers;
            delay = latency;
        }
        if (scheduler == null) {
            answer.run();
        } else {
            scheduler.schedule(delay, answer);
        }
    }

    private record Held(Spi spi, CompletableFuture<PublishOutcome> future) {}
}
