package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.SortedSet;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * What a {@link JitterPolicy} may look at to place one node's delay. The known nodes and the random
 * numbers are asked for only by the policies that use them.
 *
 * @param max the delay lies in [0, max]
 * @param spi the SPI this rotation is expected to publish (what {@code node-hash} mixes in)
 * @param random uniform numbers in [0, 1)
 */
public record JitterInput(Duration max, NodeName node, Spi spi, Supplier<SortedSet<NodeName>> knownNodes,
        DoubleSupplier random) {

    public JitterInput {
        if (max.isNegative()) {
            throw new IllegalArgumentException("jitter max must not be negative");
        }
    }
}
