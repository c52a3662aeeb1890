package io.ipseckeyagent.application.port.in;

import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;

/**
 * Called by a cluster watcher with what the API server holds for this node's own key, on every
 * add or update of its CiliumNode (resyncs included: the core reports only a difference from
 * what it applied and published). The core repairs a drift.
 */
public interface ObserveOwnNodeUseCase {
    /** {@code spi} is empty when this node's CiliumNode publishes no key. */
    void ownNodeKeyObserved(Option<Spi> spi);
}
