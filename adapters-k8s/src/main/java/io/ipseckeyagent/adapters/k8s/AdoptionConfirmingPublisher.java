package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.time.GoDuration;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Relay mode's publisher: it publishes nothing (cilium-agent does, after loading the relayed file)
 * and only confirms. An attempt is one bounded wait for the own CiliumNode to show the SPI: it
 * completes {@link PublishOutcome.Published} when it does, or {@link PublishOutcome.Failed} after
 * {@code wait}, so the core's backoff, retries and deadline (overdue) work as in publish mode.
 */
final class AdoptionConfirmingPublisher implements NodeKeyPublisherPort {
    private final KeyAdoptionPort adoption;
    private final NodeName self;
    private final SchedulerPort timers;
    private final Duration wait;

    AdoptionConfirmingPublisher(KeyAdoptionPort adoption, NodeName self, SchedulerPort timers, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the adoption wait must be positive, was " + wait);
        }
        this.adoption = adoption;
        this.self = self;
        this.timers = timers;
        this.wait = wait;
    }

    /** What the own-node watch last saw; it never asks the API server. */
    @Override
    public CompletionStage<PublishedKeyLookup> publishedKey(NodeName node) {
        if (!node.equals(self)) {
            return CompletableFuture.completedFuture(new PublishedKeyLookup.Failed(
                    new PublishOutcome.Failed("relay mode watches only CiliumNode " + self + ", not " + node)));
        }
        return CompletableFuture.completedFuture(new PublishedKeyLookup.Found(adoption.publishedKey()));
    }

    @Override
    public CompletionStage<PublishOutcome> publish(NodeName node, Spi spi) {
        if (!node.equals(self)) {
            return CompletableFuture.completedFuture(
                    new PublishOutcome.Failed("relay mode confirms only CiliumNode " + self + ", not " + node));
        }
        CompletableFuture<PublishOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<Spi> adopted = adoption.adoption(spi).toCompletableFuture();
        SchedulerPort.Cancellable timer = timers.schedule(wait, () -> {
            if (outcome.complete(new PublishOutcome.Failed("cilium-agent has not published SPI " + spi + " on CiliumNode "
                    + self + " within " + GoDuration.format(wait) + " (is it reading the relayed key file?)"))) {
                adopted.cancel(false); // the port's way to stop waiting
            }
        });
        adopted.thenRun(() -> {
            timer.cancel();
            outcome.complete(new PublishOutcome.Published());
        });
        return outcome;
    }

    @Override
    public String toString() {
        return "AdoptionConfirmingPublisher[" + self + ", wait " + GoDuration.format(wait) + "]";
    }
}
