package io.ipseckeyagent.application.port.out;

import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.concurrent.CompletionStage;

/**
 * Relay mode: tells whether the node's own Cilium has adopted a key the agent relayed to it, that
 * is, published its SPI ({@code CiliumNode spec.encryption.key}). The agent writes nothing to the
 * cluster in relay mode; it only looks at its own node. The deadline is the core's business: it
 * sets its own timer and stops waiting by cancelling the stage's future.
 */
public interface KeyAdoptionPort {

    /**
     * Completes with {@code spi} once the own node is seen publishing it (at once if it already
     * does). Never completes exceptionally; a node that never adopts leaves it pending.
     */
    CompletionStage<Spi> adoption(Spi spi);

    /** The SPI the own node published when last seen; none before it was seen or while it publishes none. */
    Option<Spi> publishedKey();
}
