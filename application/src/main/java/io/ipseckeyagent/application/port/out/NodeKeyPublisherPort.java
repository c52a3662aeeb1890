package io.ipseckeyagent.application.port.out;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.concurrent.CompletionStage;

/**
 * Publishes a node's key id to the cluster (Cilium: {@code CiliumNode spec.encryption.key}).
 * Remote and slow, so asynchronous: the agent never blocks on it. One call is one attempt:
 * implementations do not retry on their own; the core owns the (jittered) retry policy.
 */
public interface NodeKeyPublisherPort {
    /** The SPI the node publishes now; none when it publishes no key. */
    CompletionStage<PublishedKeyLookup> publishedKey(NodeName node);

    /** One attempt to publish {@code spi} for {@code node}. Completes with an outcome, never exceptionally. */
    CompletionStage<PublishOutcome> publish(NodeName node, Spi spi);

    /** What a lookup of the published key found. */
    sealed interface PublishedKeyLookup {
        record Found(Option<Spi> spi) implements PublishedKeyLookup {}

        /** The lookup failed; {@code outcome} says how, as for a publish. */
        record Failed(PublishOutcome outcome) implements PublishedKeyLookup {}
    }
}
